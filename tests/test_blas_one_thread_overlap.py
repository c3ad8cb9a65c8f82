"""A training's fits, its per-page scoring and Find Similar's factorisations run on one BLAS
thread (ml/blas_threads.py), a setting of the whole process. The training's limit restored what
it found: a training overlapping Find Similar, or another one-thread block in another thread, could
find the other's one thread and put it back last, and every BLAS product of the app (the
projection of a 100,000-photo library, a scan's scoring) stayed on one thread until restart. All
the blocks now share one limit, set by the first in and put back by the last out, whichever
thread that is (threadpoolctl 3.8 drops a setting made by another thread than the one that set
it, while that one runs: the guard lets go each time), and none waits for another.

In a child process with OpenBLAS on two threads (the tests run on one, conftest.py): two threads
enter and leave blocks in every order, 40 times, with real products inside, and Find Similar
builds an index inside a training's open block; a BLAS loaded later is limited too."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.child_process import REPO

CHILD = """
import json, queue, threading, time
import numpy as np
from threadpoolctl import threadpool_info
from phototagger.core.similar import build_index
from phototagger.ml.blas_threads import one_blas_thread

def blas():
    return [int(lib["num_threads"]) for lib in threadpool_info() if lib["user_api"] == "blas"]

rng = np.random.default_rng(5)
small = rng.standard_normal((300, 66)).astype(np.float32)
library = rng.standard_normal((300, 1280)).astype(np.float32)

class Worker:
    # A thread that runs what it is given, in order: it lives through a whole run, as the app's.
    def __init__(self):
        self.jobs, self.results, self.open = queue.Queue(), queue.Queue(), []
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while (job := self.jobs.get()) is not None:
            try:
                self.results.put((True, job()))
            except BaseException as error:
                self.results.put((False, repr(error)))

    def do(self, job, timeout=120):
        self.jobs.put(job)
        ok, value = self.results.get(timeout=timeout)
        if not ok:
            raise RuntimeError(value)
        return value

    def enter(self):
        def job():
            block = one_blas_thread()
            block.__enter__()
            self.open.append(block)
            np.linalg.qr(small)  # a real factorisation in the block
            return blas()
        return self.do(job)

    def leave(self):
        def job():
            np.linalg.qr(small)
            self.open.pop().__exit__(None, None, None)
            return None
        return self.do(job)

    def stop(self):
        self.jobs.put(None)
        self.thread.join()

ORDERS = {
    "the first in leaves first": "a+ b+ a- b-",
    "the first in leaves last": "a+ b+ b- a-",
    "a block inside a block": "a+ a+ b+ a- b- a-",
    "one after the other": "a+ a- b+ b-",
}
def overlap(run, name, steps):
    workers = {"a": Worker(), "b": Worker()}
    for step in steps.split():
        worker = workers[step[0]]
        if step[1] == "+":
            inside = worker.enter()
            if inside != [1]:
                return [run, name, step, "inside", inside]
        else:
            worker.leave()
    for worker in workers.values():
        worker.stop()
    return None

def similar_inside_training():
    # Find Similar's index, built while a training's block is open in another thread: it is not
    # held back until the training ends (a lock across the training's block would hang here).
    training, similar = Worker(), Worker()
    training.enter()
    started = time.perf_counter()
    similar.do(lambda: build_index(np.arange(len(library)), library))
    seconds = time.perf_counter() - started
    training.leave()
    training.stop()
    similar.stop()
    return seconds

before = blas()
failure, slowest, runs = None, 0.0, 0
while failure is None and runs < 40:
    for name, steps in ORDERS.items():
        failure = overlap(runs, name, steps)
        if failure is None and blas() != before:
            failure = [runs, name, "after", blas()]
        if failure is not None:
            break  # what follows would start from the wrong count
    else:
        slowest = max(slowest, similar_inside_training())
        if blas() != before:
            failure = [runs, "Find Similar inside a training", "after", blas()]
    runs += 1
# A BLAS loaded after the first block (scipy's own OpenBLAS) is limited and put back too.
import scipy.linalg
loaded = blas()
with one_blas_thread():
    inside = blas()
seen = {"before": before, "failure": failure, "runs": runs, "slowest": slowest}
print(json.dumps({**seen, "loaded": loaded, "inside": inside, "after": blas()}))
"""


def test_overlapping_one_thread_blocks_leave_blas_its_threads() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "OPENBLAS_NUM_THREADS": "2"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.splitlines()[-1])
    assert seen["before"] == [2]
    assert seen["failure"] is None  # [run, order, step, where, BLAS threads seen]
    assert seen["runs"] == 40
    # A (300, 1280) index is ~0.1 s of work: built inside the training's block, not after it.
    assert seen["slowest"] < 30
    assert (seen["loaded"], seen["inside"], seen["after"]) == ([2, 2], [1, 1], [2, 2])
