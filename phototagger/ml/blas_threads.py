"""Small linear algebra on one thread.

A taught tag's fits are Newton steps on a ~1,000 x 66 design (ml/few_shot.py), a few hundred of
them per training. OpenBLAS splits even these over its threads, and on a busy machine the
threads wait for each other: measured on 2 cores at load 11, 175 ms a fit with OpenBLAS's
threads against 7 ms on one (benchmarks/new_tags.py, its 100,000-photo part). Products over the
whole library (100,000 rows) keep every thread.
"""

from __future__ import annotations

import functools
from contextlib import AbstractContextManager
from typing import Any


def one_blas_thread() -> AbstractContextManager[Any]:
    """A context in which numpy's BLAS (and LAPACK) use one thread."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


@functools.lru_cache(maxsize=1)
def _controller() -> Any:
    from threadpoolctl import ThreadpoolController

    # numpy (and its BLAS) is loaded by now; the controller finds the libraries once.
    return ThreadpoolController()


def one_blas_thread_per_call() -> AbstractContextManager[Any]:
    """one_blas_thread, cheap enough to enter once per page of a library-wide loop (~10 us
    against ~0.5 ms: the loaded libraries are found once per process)."""
    return _controller().limit(limits=1, user_api="blas")
