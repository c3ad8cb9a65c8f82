"""Find Similar and Find Duplicates build their index with the factorisations on one BLAS thread
(threadpoolctl), a setting of the whole process. Two indexes built at once (the window's Find
Similar while a duplicates search, or the command line's threads) each restored what they found:
the one that started second found the other's one thread and put it back last, and every BLAS
product of the process (the projection of a 100,000-photo library, the training's) stayed on one
thread until the app was restarted. The builds now share one limit, the training's too
(ml/blas_threads.py)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.child_process import REPO

# In a child: the tests run BLAS on one thread (conftest.py), the app on the machine's cores.
CHILD = """
import threading
import numpy as np
from threadpoolctl import threadpool_info
from phototagger.core.similar import build_index

def blas():
    return [int(lib["num_threads"]) for lib in threadpool_info() if lib["user_api"] == "blas"]

before = blas()
rng = np.random.default_rng(3)
# Small libraries (their own axes, one SVD) and larger ones (subspace iteration).
matrices = [rng.standard_normal((rows, 1280)).astype(np.float32) for rows in (300, 700)]

def build(matrix):
    for _ in range(4):
        build_index(np.arange(len(matrix)), matrix)

threads = [threading.Thread(target=build, args=(m,)) for m in matrices * 2]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(before, blas())
"""


def test_two_indexes_built_at_once_leave_blas_its_threads() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "OPENBLAS_NUM_THREADS": "2"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=240
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["[2]", "[2]"]
