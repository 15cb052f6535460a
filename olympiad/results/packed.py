"""A stored page compressed once that still takes each reader's CSRF token.

A results page is stored once per version of the results and served to everyone, but it holds
the reader's own CSRF token (the language switch, «Выйти») in its holes. Compressing the page
for each response would cost more than serving it, so it is compressed once, part by part
between the holes: each part is raw deflate ended by a sync flush (byte-aligned, not final), so
that another part may follow. A response puts the reader's token between the parts as a
stored block and writes the gzip header and trailer (the CRC-32 and length of the whole page)
around them. A phone on a village line gets about a tenth of the bytes.

Stored as: the number of parts (4 bytes), the length of each compressed part (4 bytes each),
then the parts.
"""

from __future__ import annotations

import struct
import zlib

# gzip, deflate, no flags, no time, the fastest-or-best flag unset, unknown system
_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"


def pack(body: bytes, hole: bytes) -> bytes:
    """`body` compressed part by part between its holes."""
    parts = body.split(hole)
    squeezed = []
    for n, part in enumerate(parts):
        squeeze = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
        end = zlib.Z_FINISH if n == len(parts) - 1 else zlib.Z_SYNC_FLUSH
        squeezed.append(squeeze.compress(part) + squeeze.flush(end))
    lengths = struct.pack(f">{len(parts) + 1}I", len(parts), *map(len, squeezed))
    return lengths + b"".join(squeezed)


def gzipped(packed: bytes, filled: bytes, token: bytes) -> bytes:
    """The gzip file of the page whose holes hold `token`: `filled` is that page as sent
    uncompressed (its CRC-32 and length end the file)."""
    (count,) = struct.unpack_from(">I", packed)
    lengths = struct.unpack_from(f">{count}I", packed, 4)
    stored = zlib.compressobj(0, zlib.DEFLATED, -zlib.MAX_WBITS)
    between = stored.compress(token) + stored.flush(zlib.Z_SYNC_FLUSH)
    out, offset = [_HEADER], 4 * (count + 1)
    for n, length in enumerate(lengths):
        if n:
            out.append(between)
        out.append(packed[offset : offset + length])
        offset += length
    out.append(struct.pack("<II", zlib.crc32(filled), len(filled) & 0xFFFFFFFF))
    return b"".join(out)
