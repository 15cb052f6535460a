"""With hostile-but-accepted text loaded (markup-like names, Buryat letters, a 1,500-character
appeal, a reason of many lines), every page and every download that any role can reach
answers without a 5xx, and every PDF opens."""

from tests.hardening.conftest import ROLES
from tests.hardening.crawl import Crawl, crawl, route_urls

API = ["/api/v1/openapi.json", "/api/v1/olympiads", "/health"]


def crawl_everything(app, clients) -> Crawl:
    result = Crawl()
    for role in ROLES:
        crawl(app, clients[role], role, result)
    gets = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "GET" in (rule.methods or ()) and rule.endpoint != "static"
    }
    # routes no link leads to in the demo's state are requested with real values
    extra = [*API, *route_urls(app, gets - result.visited.keys())]
    for role in ROLES:
        crawl(app, clients[role], role, result, start=extra)
    assert gets - result.visited.keys() == set()
    return result


def test_every_page_and_download_as_every_role(crawled):
    assert crawled.failures == []
    kinds = {kind for _role, _url, kind in crawled.downloads}
    assert {"application/pdf", "application/zip"} <= kinds
    assert any("xlsx" in kind or "sheet" in kind for kind in kinds)
    assert any("word" in kind for kind in kinds)
