"""A database write under `ulimit -f` (a file size limit) fails for real (Python ignores SIGXFSZ,
so the write gets EFBIG) and SQLite reports it as an I/O error: `label` said "the disk holding
the library (…/data) reported an I/O error; … check the disk", sending the user to check a sound
disk, and named only the folder. Now it says which file and what happened ("cannot write
…/library.db: the file size limit of this session (`ulimit -f`: 64 KB) was reached; …"), in the
CLI and the app, and nothing is lost: the refused write leaves the database as it was, sound,
and the same command without the limit does it."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core import labels
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import open_window
from tests.kill_helpers import REPO, size_limited
from tests.store_helpers import labelled_in_home
from tests.switch_helpers import synthetic_library

# Smaller than what labelling the 2,000 photos writes to the database's log (about 280 KB),
# larger than anything else the command writes.
LIMIT = 64 * 1024


def _said(database: Path) -> str:
    return (
        f"cannot write {database}: the file size limit of this session (`ulimit -f`: 64 KB) "
        "was reached; everything done until now is kept: start phototagger again without that "
        "limit (`ulimit -f unlimited`) to carry on where it stopped"
    )


def _library(folder: Path) -> list[int]:
    """2,000 photos in `folder` (10 MB of database, beyond the limit already)."""
    folder.mkdir()
    with open_library(default_home()) as lib:
        return synthetic_library(lib.db, 2000, folder=str(folder))


def _label(folder: Path, limited: bool) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        size_limited(
            [sys.executable, "-m", "phototagger", "label", "--add", "holiday", str(folder)],
            LIMIT if limited else None,
        ),
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_label_under_a_file_size_limit_says_so(tmp_path: Path) -> None:
    _library(tmp_path / "pics")
    done = _label(tmp_path / "pics", limited=True)
    assert done.returncode == 3, done.stdout + done.stderr
    assert done.stderr == f"phototagger: {_said(default_home().database)}\n"
    assert labelled_in_home("holiday") == 0  # nothing half-written, the database sound
    done = _label(tmp_path / "pics", limited=False)
    assert done.returncode == 0, done.stderr
    assert labelled_in_home("holiday") == 2000


@contextmanager
def _size_limit(limit: int) -> Iterator[None]:
    """This process's file size limit set to `limit` bytes for a while (the app's own write)."""
    before = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, before[1]))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, before)


def test_the_app_says_a_label_refused_by_the_limit(qtbot: QtBot, tmp_path: Path) -> None:
    ids = _library(tmp_path / "pics")
    window = open_window(qtbot, None, tmp_path)
    edits = labels.decision_edits(ids, "holiday", "add")
    with _size_limit(LIMIT):
        window._apply_labels(edits)
    said = (
        f"Your label change was not saved: {_said(default_home().database)}. Nothing was "
        "changed; try again."
    )
    assert window.status.currentMessage() == said
    assert window.label_failure is not None and window.label_failure.text() == said
    assert window.undo_stack.count() == 0
    assert labelled_in_home("holiday") == 0
    window._apply_labels(edits)  # without the limit: written
    assert labelled_in_home("holiday") == 2000
