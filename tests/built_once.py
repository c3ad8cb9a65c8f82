"""Built once per test run, also where pytest-xdist runs several workers (`make test`): the first
worker to ask builds it in its own folder, and the others, waiting on a lock, read what that
worker built (the files that ask for it lie on different workers, and each built its own)."""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def built_once(
    name: str,
    root: Path,
    build: Callable[[Path], T],
    saved: Callable[[T], Any] = str,
    read: Callable[[Any], T] = Path,  # type: ignore[assignment]
) -> T:
    """`build(root)`, made once per run. `root` is a tmp_path_factory folder in the worker's
    basetemp, which is popen-gwN in the run's own folder, shared by its workers; `saved` turns
    what `build` returned into JSON for the others, `read` back (a folder by default). Without
    workers, or a root elsewhere, it is built in `root`. A build that fails leaves nothing: the
    next worker to ask builds it again."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker or root.parent.name != f"popen-{worker}":
        return build(root)
    made = root.parent.parent / f"built-once-{name}.json"
    with open(made.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not made.exists():
            made.write_text(json.dumps(saved(build(root))))
        return read(json.loads(made.read_text()))
