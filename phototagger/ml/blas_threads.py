"""Small linear algebra on one thread.

A taught tag's fits are Newton steps on a ~1,000 x 66 design (ml/few_shot.py), a few hundred of
them per training. OpenBLAS splits even these over its threads, and on a busy machine the
threads wait for each other: measured on 2 cores at load 11, 175 ms a fit with OpenBLAS's
threads against 7 ms on one (benchmarks/new_tags.py, its 100,000-photo part). Find Similar's
main axes (core/similar.py) are QRs of a (1280, 256) basis: 25 ms on one thread, 0.5 to 2 s on
a busy machine's two. Products over the whole library (100,000 rows) keep every thread.

The number of threads is a setting of the whole process, not of the Python thread that sets it,
so every one-thread block of the app goes through one guard. Blocks that overlap, in one thread
(a training's per-page scoring inside the training's block) or in several (Find Similar while a
training runs), share one limit: the first in sets it, the last out puts back what the first
found. Neither waits for the other: a training's block lasts as long as its fits (seconds to
minutes), and Find Similar's first click must not. Each block restoring what it found itself
left BLAS on one thread until restart when two overlapped: the second found the first's limit
and put it back last.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_LOCK = threading.Lock()  # held only while the limit is counted, set or put back (microseconds)
_open = 0  # one-thread blocks open in the process, every thread's together
_found: list[tuple[Any, int]] = []  # (library, its threads) the first block in changed
_known: tuple[int, tuple[Any, ...]] = (-1, ())  # (Python modules then, BLAS libraries found)


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """A block in which numpy's BLAS (and LAPACK) use one thread, whatever else runs in other
    threads meanwhile. Nests, and is cheap enough to enter once per page of a library-wide loop
    (a few microseconds)."""
    global _open
    with _LOCK:
        if _open == 0:
            _found[:] = _limit_to_one()
        _open += 1
    try:
        yield
    finally:
        with _LOCK:
            _open -= 1
            if _open == 0:
                for library, threads in _found:
                    library.set_num_threads(threads)
                _let_go()
                _found.clear()


def _limit_to_one() -> list[tuple[Any, int]]:
    """One thread for each BLAS library; (library, its threads before) for those changed."""
    changed = []
    for library in _libraries():
        threads = library.get_num_threads()
        if threads != 1:
            library.set_num_threads(1)
            changed.append((library, threads))
    _let_go()
    return changed


def _libraries() -> tuple[Any, ...]:
    """The BLAS libraries loaded in the process. Finding them takes ~0.3 ms, so they are found
    again only when Python has imported something since (a BLAS comes with the extension module
    that loads it: scipy's own OpenBLAS, say, loaded after the first block)."""
    global _known
    modules = len(sys.modules)
    if _known[0] != modules:
        from threadpoolctl import ThreadpoolController

        found = ThreadpoolController().lib_controllers
        _known = (modules, tuple(c for c in found if c.user_api == "blas"))
    return _known[1]


def _let_go() -> None:
    """Since threadpoolctl 3.8 the first Python thread that sets OpenBLAS's threads owns the
    setting until it lets go, and another thread's setting is dropped without a word: the guard's
    limit, set in one thread and put back in another while the first still ran, stayed. The
    guard sets and restores under its lock from any thread, so it lets go each time."""
    from threadpoolctl import OpenBLASController

    let_go = getattr(OpenBLASController, "clear_controlling_thread", None)
    if let_go is not None:
        let_go()
