"""A page compressed once, part by part between its holes, becomes a valid gzip file with any
reader's token in the holes: what gzip itself unpacks (checking the CRC and the length) is
the page with the token put in."""

import gzip

from hypothesis import given, settings
from hypothesis import strategies as st

from olympiad.results.packed import gzipped, pack

HOLE = b"csrf-token-hole-7c2f9e"


@settings(max_examples=200, deadline=None)
@given(
    parts=st.lists(st.binary(max_size=3000), min_size=1, max_size=5),
    token=st.binary(max_size=200),
)
def test_any_page_with_any_token(parts, token):
    body = HOLE.join(parts)
    assert gzip.decompress(gzipped(pack(body, HOLE), token)) == body.replace(HOLE, token)


def test_a_long_page_is_a_twentieth_on_the_wire():
    row = "<tr><td>ЛИТ-{n:04}</td><td>Иванова Мария Петровна</td><td>12,5</td></tr>\n"
    body = b"<html>" + HOLE + "".join(row.format(n=n) for n in range(4000)).encode() + HOLE
    sent = gzipped(pack(body, HOLE), b"t" * 91)
    assert len(sent) * 20 < len(body)
    assert gzip.decompress(sent).count(b"t" * 91) == 2
