"""With hostile-but-accepted text loaded (markup-like names, Buryat letters, a 1,500-character
appeal, a reason of many lines), every page and every download that any role can reach
answers without a 5xx, and every PDF opens."""


def test_every_page_and_download_as_every_role(crawled):
    assert crawled.failures == []
    kinds = {kind for _role, _url, kind in crawled.downloads}
    assert {"application/pdf", "application/zip"} <= kinds
    assert any("xlsx" in kind or "sheet" in kind for kind in kinds)
    assert any("word" in kind for kind in kinds)
