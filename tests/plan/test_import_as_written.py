"""Import of plans written in other shapes, through the screens: the preview puts the source
beside what will be stored; saving keeps headings, later sections, the author and the people
responsible; the olympiad form links only items that can be an olympiad, by their number."""

import io

from pypdf import PdfReader
from sqlalchemy import select

from olympiad.analysis.report import olympiads_of_plan
from olympiad.extensions import db
from olympiad.models import AuditEntry, Olympiad, Plan, PlanSection
from olympiad.pdf.plan import build_plan_pdf
from olympiad.plan import document
from olympiad.plan.services import copy_to_next_year
from tests.plan.fixtures.build import FIXTURE_NAMES, all_fixtures, other_year_docx
from tests.plan.pages import hidden, text_of, upload

FIXTURES = all_fixtures()


def _save(client, data: bytes, filename: str) -> Plan:
    preview = upload(client, data, filename)
    response = client.post(
        "/plan/import/confirm",
        data={"payload": hidden(preview, "payload"), "filename": hidden(preview, "filename")},
    )
    assert response.status_code == 302, text_of(response)
    return db.session.scalar(select(Plan).order_by(Plan.id.desc()))


def test_preview_shows_the_source_beside_what_will_be_stored(client, organizer, registry):
    page = text_of(upload(client, FIXTURES["seed-all-shapes.docx"], "план.docx"))
    assert "Файл строка за строкой" in page
    assert "Не распознано строк и ячеек: 4." in page
    assert "таблица 1, строка 4, столбец 8 семинар-практикум ⚠ не сохранится:" in page
    assert "Заседание 1: Тема заседания" not in page  # roles are in lower case
    assert "→ заседание 1: Тема заседания" in page
    assert "7. Самообразование." in page and "8. Работа с молодыми специалистами." in page
    assert "Составитель (подпись): Руководитель РМО Иванова Т. В." in page
    assert "Иванова Т. В., Петрова А. С." in page  # the «Ответственные» column
    assert "табуляц" not in page


def test_a_plan_of_another_year_is_saved_as_written(client, organizer, registry):
    plan = _save(client, other_year_docx(), "план 2021-2022.docx")
    assert plan.academic_year == "2021-2022"
    assert plan.headings["between"] == "Межсекционная работа"
    assert plan.author == "Руководитель РМО: Иванова Т. В."
    assert [m.responsible for m in plan.meetings] == [
        "Петрова А. С.",
        "Иванова Т. В.",
        "Сидорова Е. Н.",
        "Иванова Т. В.",
    ]
    between = plan.section_items(PlanSection.BETWEEN_MEETINGS)
    assert [(i.text, i.planned_when, i.responsible) for i in between][1] == (
        "Конкурс чтецов «Живая классика»",
        "февраль",
        "Петрова А. С.",
    )
    page = text_of(client.get(f"/plan/{plan.id}"))
    assert "6. Межсекционная работа." in page
    assert "5. График заседаний." in page
    assert "(срок: февраль; ответственные: Петрова А. С.)" in page
    assert "Руководитель РМО: Иванова Т. В." in page
    pdf = PdfReader(io.BytesIO(build_plan_pdf(document.to_document(plan))))
    printed = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert "6. Межсекционная работа." in printed
    assert "Ответственные" in printed and "Сидорова Е. Н." in printed
    assert "(срок: февраль; ответственные: Петрова А. С.)" in printed
    assert "Руководитель РМО: Иванова Т. В." in printed


def test_people_responsible_are_edited_on_items_and_meetings(client, organizer, plan, fresh):
    item = plan.section_items(PlanSection.BETWEEN_MEETINGS)[1]
    meeting = plan.meetings[0]
    client.post(
        f"/plan/items/{item.id}/edit",
        data={
            "text": item.text,
            "planned_when": "февраль",
            "responsible": "Иванова Т. В.",
            "version": plan.version,
        },
    )
    form = {
        "planned_when": meeting.planned_when,
        "venue_school_id": "0",
        "venue_text": meeting.venue_text,
        "topic": meeting.topic,
        "practical_part": meeting.practical_part,
        "theoretical_points": "\n".join(meeting.theoretical_points),
        "responsible": "Петрова А. С.",
        "version": meeting.version,
    }
    assert client.post(f"/plan/meetings/{meeting.id}/edit", data=form).status_code == 302
    assert fresh(type(item), item.id).responsible == "Иванова Т. В."
    assert fresh(type(meeting), meeting.id).responsible == "Петрова А. С."
    page = text_of(client.get(f"/plan/{plan.id}"))
    assert "(срок: февраль; ответственные: Иванова Т. В.)" in page
    assert "Ответственные" in page and "Петрова А. С." in page


def test_later_sections_are_saved_as_sections(client, organizer, registry):
    plan = _save(client, FIXTURES["seed-tail.docx"], "план.docx")
    assert [(c.number, c.heading, len(c.items)) for c in plan.chapters] == [
        ("7", "Самообразование", 2),
        ("8", "Работа с молодыми специалистами", 1),
    ]
    assert len(plan.section_items(PlanSection.BETWEEN_MEETINGS)) == 2
    page = text_of(client.get(f"/plan/{plan.id}"))
    assert "7. Самообразование. Изучение ГОСТ Р 7.0.100-2018 «Библиографическая запись»" in page
    assert "«Библиографическая запись»." not in page  # no dot after a closing quote


def test_an_item_is_added_to_a_later_section_and_moves_within_it(client, organizer, registry):
    plan = _save(client, FIXTURES["seed-tail.docx"], "план.docx")
    seventh, eighth = plan.chapters
    editing = client.get(f"/plan/{plan.id}?edit=1").get_data(as_text=True)
    assert f"/plan/{plan.id}/items/new?chapter={seventh.id}" in editing
    assert "Пункт раздела 8" in editing
    form = client.get(f"/plan/{plan.id}/items/new?chapter={seventh.id}")
    assert "Раздел 7 «Самообразование»: новый пункт" in text_of(form)
    data = {"text": "Курсы по ФГОС", "responsible": "Иванова Т. В.", "version": plan.version}
    response = client.post(f"/plan/{plan.id}/items/new?chapter={seventh.id}", data=data)
    assert response.headers["Location"].endswith(f"#chapter-{seventh.id}")
    db.session.expire_all()
    added = seventh.items[-1]
    assert (added.text, added.section, len(seventh.items), len(eighth.items)) == (
        "Курсы по ФГОС",
        PlanSection.CHAPTER,
        3,
        1,
    )
    assert added not in plan.section_items(PlanSection.BETWEEN_MEETINGS)
    client.post(f"/plan/item/{added.id}/move", data={"to": "up", "version": plan.version})
    db.session.expire_all()
    assert [item.text for item in seventh.items][1] == "Курсы по ФГОС"
    page = text_of(client.get(f"/plan/{plan.id}"))
    assert (
        "«Библиографическая запись» Курсы по ФГОС. (ответственные: Иванова Т. В.) Участие" in page
    )
    added_entry = db.session.scalar(
        select(AuditEntry).where(
            AuditEntry.action == "plan_item_added", AuditEntry.object_id == added.id
        )
    )
    assert added_entry.new_value == {"section": "chapter", "text": "Курсы по ФГОС"}


def test_a_section_of_another_plan_is_not_found(client, organizer, registry):
    plan = _save(client, FIXTURES["seed-tail.docx"], "план.docx")
    copy = copy_to_next_year(organizer, plan)
    db.session.commit()
    url = f"/plan/{copy.id}/items/new?chapter={plan.chapters[0].id}"
    assert client.get(url).status_code == 404
    assert client.post(url, data={"text": "Чужой", "version": copy.version}).status_code == 404
    assert client.get(f"/plan/{copy.id}/items/new?chapter=999999").status_code == 404
    db.session.expire_all()
    assert [len(c.items) for c in copy.chapters] == [2, 1]


def test_every_fixture_is_accepted_by_the_import_screen(client, organizer, registry):
    for name in FIXTURE_NAMES:
        page = text_of(upload(client, FIXTURES[name], name))
        assert "Проверьте, что прочитано из файла" in page, (name, page[:300])


def test_the_olympiad_form_offers_only_olympiad_items_with_their_numbers(client, organizer, plan):
    page = client.get("/olympiads/new").get_data(as_text=True)
    assert "2020-2021, 6.2: Муниципальный этап олимпиады по информационной культуре личности" in (
        page
    )
    assert "2020-2021, 4.3.3: Организация и проведение конкурсов, предметных олимпиад" in page
    assert "6.1:" not in page and "Повышение профессиональных компетенций" not in page


def test_an_item_that_cannot_be_an_olympiad_is_refused(client, organizer, plan):
    other = plan.section_items(PlanSection.BETWEEN_MEETINGS)[0]
    client.post(
        "/olympiads/new",
        data={
            "title": "Олимпиада",
            "academic_year": "2020-2021",
            "grades": "7-11",
            "groups": "",
            "plan_item_id": str(other.id),
        },
    )
    assert db.session.scalar(select(Olympiad)) is None


def test_the_annual_report_reaches_the_olympiad_through_the_link(app, plan):
    item = plan.section_items(PlanSection.BETWEEN_MEETINGS)[1]
    linked = Olympiad(title="Олимпиада", academic_year="2019-2020", grades=[7], plan_item=item)
    stray = Olympiad(title="Чужая", academic_year="2019-2020", grades=[7])
    db.session.add_all([linked, stray])
    db.session.commit()
    assert olympiads_of_plan(plan) == [linked]


def test_next_years_draft_keeps_later_sections_people_and_headings(client, organizer, registry):
    plan = _save(client, FIXTURES["seed-all-shapes.docx"], "план.docx")
    copy = copy_to_next_year(organizer, plan)
    db.session.commit()
    assert copy.academic_year == "2021-2022"
    assert [(c.number, c.heading, [i.text for i in c.items]) for c in copy.chapters] == [
        (c.number, c.heading, [i.text for i in c.items]) for c in plan.chapters
    ]
    assert [m.responsible for m in copy.meetings] == [m.responsible for m in plan.meetings]
    assert copy.author == plan.author and copy.headings == plan.headings
