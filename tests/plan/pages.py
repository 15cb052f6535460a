"""Reading the plan screens in tests."""

import html
import io
import re
from pathlib import Path

SEED_BYTES = (Path(__file__).parent / "data" / "rmo-plan-2020-2021.txt").read_bytes()


def text_of(response) -> str:
    """The page's visible text with tags dropped and spaces folded, for `in` checks."""
    page = response.get_data(as_text=True)
    page = page[page.find("<main") :] if "<main" in page else page
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def upload(client, data: bytes, filename: str = "plan.txt"):
    """Send a file to the import screen; the answer is the preview or the refusal."""
    return client.post(
        "/plan/import",
        data={"document": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def hidden(response, name: str) -> str:
    """The value of a hidden field of the page, as the browser would send it back."""
    match = re.search(rf'name="{name}"[^>]*value="([^"]*)"', response.get_data(as_text=True))
    assert match, f"no hidden field {name}"
    return html.unescape(match[1])
