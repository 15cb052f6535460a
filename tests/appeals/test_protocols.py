"""Appeal protocols: the PDF carries the cipher, the task and the decision in Cyrillic, and
each reader gets only the protocols they may see."""

import io
from urllib.parse import unquote

import pytest
from pypdf import PdfReader

from tests.appeals.conftest import CODES, decide_as, file_as


def pdf_text(response) -> str:
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def decided(prelim, participant_client, client_for):
    """Appeal 1 (KMT-103, record) accepted 5 -> 10; appeal 2 (KMT-101, single) rejected;
    appeal 3 (KMT-103, short) still pending."""
    chair = client_for(prelim.chair)
    mine, other = participant_client(CODES["KMT-103"]), participant_client(CODES["KMT-101"])
    file_as(mine, prelim.items["record"], "Описание по ГОСТ составлено полностью.")
    file_as(other, prelim.items["single"], "Выбран верный вариант.")
    file_as(mine, prelim.items["short"], "Синоним.")
    decide_as(chair, prelim.olympiad, 1, "accepted", "10", "Все области описания заполнены.")
    decide_as(chair, prelim.olympiad, 2, "rejected", "", "Ответ не совпадает с ключом.")
    prelim.chair_client, prelim.mine, prelim.other = chair, mine, other
    return prelim


def test_the_appeal_protocol_says_what_was_decided(decided):
    o = decided.olympiad
    response = decided.chair_client.get(f"/appeals/{o.id}/1/protocol.pdf")
    text = pdf_text(response)
    for expected in (
        "ПРОТОКОЛ № 1",
        "KMT-103",
        "№ 8 (развёрнутый ответ), максимум 10 б.",
        "Описание по ГОСТ составлено полностью.",
        "апелляция удовлетворена, оценка изменена",
        "Все области описания заполнены.",
        "5 б.",
        "10 б.",
        decided.chair.full_name,
        "Члены жюри",
    ):
        assert expected in text, expected
    for secret in (decided.juror_a.full_name, decided.juror_b.full_name, "Засекреченова"):
        assert secret not in text
    disposition = unquote(response.headers["Content-Disposition"])
    assert "Протокол апелляции № 1 (KMT-103).pdf" in disposition
    assert 'filename="appeal-1.pdf"' in disposition


def test_a_rejected_appeal_protocol(decided):
    text = pdf_text(decided.chair_client.get(f"/appeals/{decided.olympiad.id}/2/protocol.pdf"))
    assert "KMT-101" in text and "апелляция отклонена, оценка сохранена" in text
    assert "Ответ не совпадает с ключом." in text


def test_the_grade_protocol_lists_the_grades_appeals(decided, client_for):
    o = decided.olympiad
    response = decided.chair_client.get(f"/appeals/{o.id}/grades/8/protocol.pdf")
    text = pdf_text(response)
    for expected in ("8 класс", "KMT-103", "KMT-101", "удовлетворена", "отклонена", "Синоним."):
        assert expected in text, expected
    assert "Подано апелляций: 3; удовлетворено: 1; отклонено: 1; ждут решения: 1." in text
    assert decided.chair.full_name in text
    empty = pdf_text(decided.chair_client.get(f"/appeals/{o.id}/grades/7/protocol.pdf"))
    assert "Апелляций по этому классу не подавали." in empty
    assert decided.chair_client.get(f"/appeals/{o.id}/grades/3/protocol.pdf").status_code == 404
    organizer = client_for(decided.organizer)
    assert organizer.get(f"/appeals/{o.id}/grades/8/protocol.pdf").status_code == 200
    assert (
        client_for(decided.juror_a).get(f"/appeals/{o.id}/grades/8/protocol.pdf").status_code == 403
    )


def test_the_participant_downloads_only_their_own_decided_protocols(decided):
    assert "KMT-103" in pdf_text(decided.mine.get("/appeals/mine/1/protocol.pdf"))
    assert decided.mine.get("/appeals/mine/2/protocol.pdf").status_code == 404  # another's
    assert decided.mine.get("/appeals/mine/3/protocol.pdf").status_code == 404  # pending
    assert decided.other.get("/appeals/mine/1/protocol.pdf").status_code == 404
    page = decided.mine.get("/appeals/mine").get_data(as_text=True)
    assert "/appeals/mine/1/protocol.pdf" in page and "/appeals/mine/3/protocol.pdf" not in page


def test_coordinators_download_their_schools_protocols(decided, client_for):
    o = decided.olympiad
    own = client_for(decided.coordinator)
    assert "KMT-103" in pdf_text(own.get(f"/appeals/{o.id}/1/protocol.pdf"))
    assert own.get(f"/appeals/{o.id}/3/protocol.pdf").status_code == 404  # not decided yet
    foreign = client_for(decided.foreign)
    assert foreign.get(f"/appeals/{o.id}/1/protocol.pdf").status_code == 403
    assert own.get(f"/appeals/{o.id}/grades/8/protocol.pdf").status_code == 403


def test_jurors_other_than_the_chair_get_no_protocol(decided, client_for):
    o = decided.olympiad
    assert client_for(decided.juror_a).get(f"/appeals/{o.id}/1/protocol.pdf").status_code == 403
    assert client_for(decided.outsider).get(f"/appeals/{o.id}/1/protocol.pdf").status_code == 403
    organizer = client_for(decided.organizer)
    assert "KMT-103" in pdf_text(organizer.get(f"/appeals/{o.id}/3/protocol.pdf"))


def test_a_pending_protocol_leaves_lines_to_fill_in(decided):
    text = pdf_text(decided.chair_client.get(f"/appeals/{decided.olympiad.id}/3/protocol.pdf"))
    assert "апелляция ждёт решения" in text and "Синоним." in text


def test_the_grade_protocol_is_dated_with_its_last_decision(decided):
    from datetime import UTC, datetime

    from olympiad.extensions import db
    from olympiad.models import Appeal

    for appeal in db.session.scalars(db.select(Appeal).where(Appeal.decided_at.is_not(None))):
        appeal.decided_at = datetime(2021, 3, 1 + appeal.number, 5, tzinfo=UTC)
    db.session.commit()
    o = decided.olympiad
    text = pdf_text(decided.chair_client.get(f"/appeals/{o.id}/grades/8/protocol.pdf"))
    assert "Дата: 03.03.2021" in text  # the day of the last decision, not of printing
