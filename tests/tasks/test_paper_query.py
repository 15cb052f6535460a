"""The paper page carries the bank's filters from page to form and back, and nothing else:
query keys that clash with a route's own (`?group_id=7`) are not a 500. And no view or
template passes the whole query string into url_for again."""

import pathlib
import re

from olympiad.extensions import db
from olympiad.models import PaperTask

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLASHING = {"group_id": "7", "task_id": "9", "item_id": "3", "direction": "sideways"}


def test_clashing_query_keys_are_not_an_error(client, organizer, make_task, make_olympiad):
    olympiad = make_olympiad()
    group = olympiad.groups[0]
    first, second = make_task(), make_task("number")
    query = {**CLASHING, "q": "ISBN", "grade": "7", "page": "1"}
    page = client.get(f"/tasks/papers/{group.id}", query_string=query)
    assert page.status_code == 200
    response = client.post(f"/tasks/papers/{group.id}/add/{first.id}", query_string=query)
    assert response.status_code == 302
    assert f"/tasks/papers/{group.id}?" in response.location
    assert "q=ISBN" in response.location and "group_id" not in response.location
    client.post(f"/tasks/papers/{group.id}/add/{second.id}", query_string=CLASHING)
    item = db.session.query(PaperTask).order_by(PaperTask.position.desc()).first()
    response = client.post(f"/tasks/papers/items/{item.id}/move/up", query_string=query)
    assert response.status_code == 302
    db.session.expire_all()
    order = db.session.query(PaperTask).order_by(PaperTask.position).all()
    assert [i.task_version.task.code for i in order] == [second.code, first.code]


def test_no_route_passes_the_whole_query_string_on():
    pattern = re.compile(r"\*\*\s*request\.(args|values|form)")
    places = [
        f"{path.relative_to(ROOT)}:{n}"
        for folder in ("olympiad", "templates")
        for path in (ROOT / folder).rglob("*")
        if path.suffix in (".py", ".html")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert places == []
