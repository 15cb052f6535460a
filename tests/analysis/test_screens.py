"""The analysis screens and the annual report on the small results scene (grade 9, totals
18, 15, 14, 13, 13, 12, 11, 9, 5, 3 of 20; one absent; two tasks of 10 points)."""

import pytest

from olympiad.analysis.data import figures
from olympiad.extensions import db
from olympiad.models import OlympiadStatus, Plan, PlanItem, PlanMeeting, PlanSection
from tests.enrollment.conftest import make_olympiad, make_participant  # noqa: F401
from tests.results import scene as results_scene


@pytest.fixture
def scene(make_olympiad, make_participant, make_school, make_user):  # noqa: F811
    return results_scene.build(make_olympiad, make_participant, make_school, make_user)


def test_figures_from_the_database(scene):
    found = figures(scene.olympiad)
    total = found.analysis.total
    assert (total.enrolled, total.present, total.absent) == (11, 10, 1)
    assert total.average_percent == pytest.approx(113 / 20 * 10 / 10 * 10)  # 113/200 -> 56.5%
    (paper,) = found.papers
    one, two = paper.tasks
    assert one.completion == pytest.approx(60)  # 60 of 100 points
    assert two.completion == pytest.approx(53)
    # upper 3: 10+8+7, lower 3: 5+3+1.5 (of 10 each)
    assert one.discrimination == pytest.approx(25 / 30 - 9.5 / 30)


def test_no_analysis_before_results(scene, client, login):
    scene.olympiad.status = OlympiadStatus.MARKING
    db.session.commit()
    login(scene.organizer)
    assert client.get(f"/analysis/{scene.olympiad.id}").status_code == 404


def test_organizer_page_with_charts(scene, client, login):
    login(scene.organizer)
    page = client.get(f"/analysis/{scene.olympiad.id}").get_data(as_text=True)
    assert "Анализ заданий" in page and page.count("data:image/svg+xml") >= 3
    assert scene.schools[0].short_name in page
    assert (
        client.get(f"/results/{scene.olympiad.id}")
        .get_data(as_text=True)
        .count(f"/analysis/{scene.olympiad.id}")
    )


def test_coordinator_sees_own_school_against_the_district(scene, client, login):
    login(scene.coordinator)
    page = client.get(f"/analysis/{scene.olympiad.id}/school").get_data(as_text=True)
    assert "Наша школа" in page and "Район" in page and "data:image/svg+xml" in page
    assert "Арсеньева" not in page  # figures only, no names
    assert client.get(f"/analysis/{scene.olympiad.id}").status_code == 403


def test_task_statistics_across_olympiads(scene, client, login):
    login(scene.organizer)
    task_id = scene.items[0].task_version.task_id
    assert f"/analysis/task/{task_id}" in client.get(f"/tasks/{task_id}").get_data(as_text=True)
    page = client.get(f"/analysis/task/{task_id}").get_data(as_text=True)
    assert scene.olympiad.academic_year in page and "60,0" in page.replace(".", ",")


def test_annual_report_pdf(scene, client, login):
    plan = Plan(academic_year=scene.olympiad.academic_year, title="План", theme="Тема", goal="Цель")
    plan.items = [PlanItem(section=PlanSection.BETWEEN_MEETINGS, position=1, text="Семинары")]
    plan.meetings = [PlanMeeting(position=1, number=1, topic="Каталоги", decisions="Принять")]
    db.session.add(plan)
    db.session.commit()
    login(scene.organizer)
    assert f"/analysis/report/{plan.id}" in client.get(f"/plan/{plan.id}").get_data(as_text=True)
    response = client.get(f"/analysis/report/{plan.id}")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert "attachment" in response.headers["Content-Disposition"]


def test_annual_report_docx(scene, client, login):
    plan = Plan(academic_year=scene.olympiad.academic_year, title="План", theme="Тема", goal="Цель")
    db.session.add(plan)
    db.session.commit()
    login(scene.organizer)
    response = client.get(f"/analysis/report/{plan.id}/docx")
    assert response.status_code == 200 and response.data.startswith(b"PK")
    assert response.mimetype.endswith("wordprocessingml.document")
