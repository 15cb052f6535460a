"""A stored page compressed once that still takes each reader's CSRF token.

A results page is stored once per version of the results and served to everyone, but it holds
the reader's own CSRF token (the language switch, «Выйти») in its holes. Compressing the page
for each response would cost more than serving it, so it is compressed once, part by part
between the holes: each part is raw deflate ended by a sync flush (byte-aligned, not final), so
that another part may follow. A response puts the reader's token between the parts as a
stored block and writes the gzip header and trailer around them. The trailer's CRC-32 of the
whole page is combined from the parts' CRCs (zlib's crc32_combine, which Python's zlib does not
offer), so a response never reads the uncompressed page. A phone on a village line gets about
a twentieth of the bytes.

Stored as: the number of parts, then for each part its compressed length, length, CRC-32 and
the CRC operator of its length (4 bytes each), then the compressed parts.
"""

from __future__ import annotations

import struct
import zlib
from functools import lru_cache

# gzip, deflate, no flags, no time, no extra flags, unknown system
_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
_POLY = 0xEDB88320  # CRC-32's polynomial, reflected


def _times(a: int, b: int) -> int:
    """a × b modulo the polynomial (zlib's multmodp); a is never 0 here."""
    m, product = 1 << 31, 0
    while True:
        if a & m:
            product ^= b
            if not a & (m - 1):
                return product
        m >>= 1
        b = (b >> 1) ^ _POLY if b & 1 else b >> 1


_SQUARES = [1 << 30]  # x^(2^k) modulo the polynomial, k = 0..31
for _ in range(31):
    _SQUARES.append(_times(_SQUARES[-1], _SQUARES[-1]))


@lru_cache(maxsize=64)  # a token's length: the same for every reader
def _shift(length: int) -> int:
    """x^(8 × length): what `length` bytes more do to a CRC (zlib's x2nmodp(length, 3))."""
    power, k = 1 << 31, 3
    while length:
        if length & 1:
            power = _times(_SQUARES[k & 31], power)
        length >>= 1
        k += 1
    return power


def _combine(crc: int, shift: int, then: int) -> int:
    """The CRC-32 of two pieces from the first's CRC, the second's shift and CRC."""
    return _times(shift, crc) ^ then


def pack(body: bytes, hole: bytes) -> bytes:
    """`body` compressed part by part between its holes, with what gzipped() needs."""
    parts = body.split(hole)
    meta, squeezed = [struct.pack(">I", len(parts))], []
    for n, part in enumerate(parts):
        squeeze = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
        end = zlib.Z_FINISH if n == len(parts) - 1 else zlib.Z_SYNC_FLUSH
        squeezed.append(squeeze.compress(part) + squeeze.flush(end))
        meta.append(
            struct.pack(">4I", len(squeezed[-1]), len(part), zlib.crc32(part), _shift(len(part)))
        )
    return b"".join(meta + squeezed)


def gzipped(packed: bytes, token: bytes) -> bytes:
    """The gzip file of the page whose holes hold `token`."""
    (count,) = struct.unpack_from(">I", packed)
    stored = zlib.compressobj(0, zlib.DEFLATED, -zlib.MAX_WBITS)
    between = stored.compress(token) + stored.flush(zlib.Z_SYNC_FLUSH)
    token_crc, token_shift = zlib.crc32(token), _shift(len(token))
    out, offset, crc, length = [_HEADER], 4 + 16 * count, 0, 0
    for n in range(count):
        size, raw, part_crc, part_shift = struct.unpack_from(">4I", packed, 4 + 16 * n)
        if n:
            out.append(between)
            crc, length = _combine(crc, token_shift, token_crc), length + len(token)
        out.append(packed[offset : offset + size])
        offset += size
        crc = _combine(crc, part_shift, part_crc) if n else part_crc
        length += raw
    out.append(struct.pack("<II", crc, length & 0xFFFFFFFF))
    return b"".join(out)
