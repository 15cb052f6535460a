"""Separate certificate files rendered on every core: a pool of processes for a big ZIP.

A separate PDF takes milliseconds of pure Python (ReportLab holds the GIL), so threads do
not help; processes do. The designs go to each process once (they carry images); the
documents go in small batches, and only a few batches are under way at once, so memory
stays flat and the files come back in order for the archive to be written as they arrive.
The processes are started fresh ("spawn"), never forked from a server worker whose other
threads may hold locks. Small bundles are rendered in the calling process: starting the
pool costs about a second.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor

from olympiad.pdf.certificates.model import Certificate, Design, Kind

BATCH = 8  # documents per task
MIN_PARALLEL = 64  # fewer documents than this are rendered in the calling process

_designs: Mapping[Kind, Design] = {}


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _start(designs: Mapping[Kind, Design]) -> None:
    global _designs
    _designs = designs


def _render(batch: list[Certificate]) -> list[bytes]:
    from olympiad.pdf.certificates.render import design_of, render_one

    return [render_one(cert, design_of(_designs, cert)) for cert in batch]


def rendered(
    certs: Iterable[tuple[str, Certificate]],
    designs: Mapping[Kind, Design],
    workers: int | None = None,
    min_parallel: int = MIN_PARALLEL,
) -> Iterator[tuple[str, bytes]]:
    """(name, PDF file) for each document in order; on `workers` processes (default: the
    cores) when there are at least `min_parallel` documents and more than one worker."""
    from olympiad.pdf.certificates.render import design_of, render_one

    workers = cores() if workers is None else workers
    items = iter(certs)
    head = list(itertools.islice(items, min_parallel))
    if workers < 2 or len(head) < min_parallel:
        for name, cert in itertools.chain(head, items):
            yield name, render_one(cert, design_of(designs, cert))
        return
    for _name, cert in head:
        design_of(designs, cert)  # a missing design is refused before the pool starts
    batches = _batches(itertools.chain(head, items))
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, context, initializer=_start, initargs=(designs,)) as pool:
        pending: deque[tuple[list[str], Future]] = deque()
        for names, batch in batches:
            pending.append((names, pool.submit(_render, batch)))
            if len(pending) >= 2 * workers:  # a few batches ahead, no more
                yield from _collect(pending.popleft())
        while pending:
            yield from _collect(pending.popleft())


def _batches(items: Iterator[tuple[str, Certificate]]):
    while batch := list(itertools.islice(items, BATCH)):
        yield [name for name, _cert in batch], [cert for _name, cert in batch]


def _collect(task: tuple[list[str], Future]) -> Iterator[tuple[str, bytes]]:
    names, future = task
    yield from zip(names, future.result(), strict=True)
