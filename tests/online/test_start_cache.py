"""The work page's task forms are rendered once and copied (online/blocks.py): each copy still
carries its own session's CSRF token, what the participant has given, the task as it is now
and the participant's language."""

import re

from olympiad.extensions import db
from olympiad.online import blocks
from tests.online.conftest import CODES, RIGHT, save
from tests.online.test_writing import _start


def _all_tasks(client) -> str:
    client.post("/online/layout", data={"layout": "all"})
    return client.get("/online/work").get_data(as_text=True)


def _tokens(page: str) -> tuple[str, set[str]]:
    bar = re.search(r'data-csrf="([^"]+)"', page).group(1)
    forms = re.findall(
        r'<form method="post" action="/online/tasks/\d+".*?value="([^"]+)"', page, re.S
    )
    return bar, set(forms)


def test_two_participants_get_the_same_forms_each_with_their_own_token(online, participant_client):
    blocks.clear()
    first, second = _start(participant_client), _start(participant_client, CODES["b1"])
    page_one, page_two = _all_tasks(first), _all_tasks(second)
    for page in (page_one, page_two):
        bar, forms = _tokens(page)
        assert forms == {bar}  # every task form holds this session's token, as the bar does
        assert "placeholder" not in page
        assert page.count('name="seq" value="1"') == len(RIGHT)
        assert page.count('class="save-state') == len(RIGHT)
        assert len(re.findall(r'class="online-task card mb-3"\s+id="task-\d+"', page)) == len(RIGHT)
    assert _tokens(page_one)[0] != _tokens(page_two)[0]
    # the second page's forms came from the copy and equal the first's but for the token
    assert (
        page_one.replace(_tokens(page_one)[0], "T").split('id="online-work"')[1]
        == (page_two.replace(_tokens(page_two)[0], "T").split('id="online-work"')[1])
    )


def test_an_answer_given_shows_in_its_form_and_not_in_anyone_elses(online, participant_client):
    blocks.clear()
    first, second = _start(participant_client), _start(participant_client, CODES["b1"])
    _all_tasks(second)  # the empty forms are stored now
    n = online.number["short"]
    assert save(first, n, RIGHT["short"]).status_code == 200
    page = _all_tasks(first)
    assert 'value="шифр"' in page and page.count('name="seq" value="2"') == 1
    assert 'value="шифр"' not in _all_tasks(second)


def test_a_task_edited_in_place_shows_at_once(online, participant_client):
    client = _start(participant_client)
    assert "Задание «single»" in _all_tasks(client)
    online.items["single"].task_version.text = "Задание «одиночный выбор», исправленное"
    online.items["single"].task_version.key = {**online.items["single"].task_version.key}
    online.items["single"].task_version.key["options"] = ["каталог", "формуляр", "новый", "словарь"]
    db.session.commit()
    page = _all_tasks(client)
    assert "Задание «одиночный выбор», исправленное" in page and "Задание «single»" not in page
    assert "новый" in page


def test_the_forms_follow_the_participants_language(online, participant_client):
    client = _start(participant_client)
    assert "Задание 1" in _all_tasks(client)
    client.post("/i18n/locale/en")
    page = _all_tasks(client)
    assert "Task 1" in page and "Задание 1<" not in page
    assert 'data-label-no="Task 1: no answer"' in page
