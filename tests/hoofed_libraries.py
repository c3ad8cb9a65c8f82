"""Libraries that several deep-training test files answer the same way, built once per run
(conftest's hoofed_scanned and hoofed_deep), by one worker where pytest-xdist runs several
(built_once): each test answers a copy of one (retrain_helpers.library_from), never the library
itself."""

from __future__ import annotations

import contextlib
import fcntl
import io
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from phototagger.cli import main
from tests.hoofed_helpers import hoofed_answered

# A library built once per run: (its root, whose home is root/home; the "no" photos answered,
# as hoofed_answered gives them; what `train --deep` printed, or "" where none ran).
Built = tuple[Path, list[Path], str]


def built_once(name: str, root: Path, build: Callable[[Path], Built]) -> Built:
    """`build(root)`, made once per run: where pytest-xdist's workers run the tests (`make
    test`), the first worker to ask builds it in its own `root` and the others, waiting on a
    lock, read that worker's library (the files that ask for it lay on different workers, and
    each built it: one build of the deep library apiece). `root` is tmp_path_factory's folder
    in the worker's basetemp, which is popen-gwN in the run's own folder, shared by its
    workers; without workers, it is built in `root` as before."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker or root.parent.name != f"popen-{worker}":
        return build(root)
    made = root.parent.parent / f"built-once-{name}.json"
    with open(made.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not made.exists():
            built = build(root)
            made.write_text(json.dumps([str(built[0]), [str(p) for p in built[1]], built[2]]))
        where, noes, printed = json.loads(made.read_text())
    return Path(where), [Path(p) for p in noes], printed


def hoofed_built(engine: object, root: Path) -> Built:
    """tests/hoofed_helpers.hoofed_answered's library in root/home, its photos in root/pics
    (built_once)."""
    return built_once("hoofed", root, lambda here: _hoofed_built(engine, here))


def _hoofed_built(engine: object, root: Path) -> Built:
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("PHOTOTAGGER_HOME", str(root / "home"))
        noes = hoofed_answered(engine, root / "pics")
    return root, noes, ""


def deep_trained(answered: Built, root: Path) -> Built:
    """A copy of `answered`'s library in root/home, trained with `phototagger train --deep
    --force` (made active, as the command does); what it printed (built_once)."""
    return built_once("hoofed-deep", root, lambda here: _deep_trained(answered, here))


def _deep_trained(answered: Built, root: Path) -> Built:
    shutil.copytree(answered[0] / "home", root / "home")
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("PHOTOTAGGER_HOME", str(root / "home"))
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["train", "--deep", "--force"])
    assert code == 0, err.getvalue()
    return root, answered[1], out.getvalue()
