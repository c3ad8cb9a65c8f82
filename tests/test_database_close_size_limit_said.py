"""Under a file size limit (`ulimit -f`) just over library.db's size, a command's writes go into
the database's log (library.db-wal) and succeed; SQLite's copy of them into library.db when the
library is closed (the WAL checkpoint) is then refused by the limit, and SQLite says nothing of
it: `label` said "labelled 2,000 photos" and exited 0, the log left behind. Nothing is lost (the
next open without the limit finishes the copy), but the user was not told that this session
cannot keep the library whole. Now the command says it once, after its own line, in the words of
a write refused by the limit (core/failures.size_limit_message), and exits 3 as README's table
gives a file size limit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from phototagger.core.failures import size_limit_message
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.child_process import run_gui_child
from tests.kill_helpers import REPO, size_limited
from tests.store_helpers import labelled_in_home
from tests.switch_helpers import synthetic_library


def _library(folder: Path) -> None:
    """2,000 photos in `folder` (10 MB of database, its log copied into it)."""
    folder.mkdir()
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 2000, folder=str(folder))


def _phototagger(*words: str, limit: int | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        size_limited([sys.executable, "-m", "phototagger", *words], limit),
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_close_refused_by_the_limit_is_said_once(tmp_path: Path) -> None:
    _library(tmp_path / "pics")
    database = default_home().database
    log = Path(f"{database}-wal")
    assert not log.exists()  # all in library.db
    limit = database.stat().st_size + 4096  # room for the log, not for library.db to grow

    done = _phototagger("label", "--add", "holiday", str(tmp_path / "pics"), limit=limit)
    assert done.stdout == "labelled 2,000 photos\n"  # what it did, as before
    assert done.stderr == f"phototagger: {size_limit_message(str(database), limit)}\n"
    assert done.returncode == 3
    assert log.exists() and log.stat().st_size > 0  # the writes are in the log, not lost

    # Without the limit the next command finishes the copy, says nothing of it, and the labels
    # are all there.
    done = _phototagger("stats")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert not log.exists()
    assert labelled_in_home("holiday") == 2000


def test_nothing_is_said_where_the_close_is_not_refused(tmp_path: Path) -> None:
    """The same label under a limit with room for library.db to grow: done, nothing said."""
    _library(tmp_path / "pics")
    limit = default_home().database.stat().st_size + 4 * 2**20
    done = _phototagger("label", "--add", "holiday", str(tmp_path / "pics"), limit=limit)
    assert (done.returncode, done.stdout, done.stderr) == (0, "labelled 2,000 photos\n", "")
    assert not Path(f"{default_home().database}-wal").exists()
    assert labelled_in_home("holiday") == 2000


APP = """
import resource, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from phototagger.core import labels
from phototagger.gui import app
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home

def boxed(parent, title, text, *rest):
    print("box", repr(text))
    sys.stdout.flush()
    return QMessageBox.StandardButton.Ok

QMessageBox.warning = boxed  # the box, read instead of waiting for a click
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), resource.RLIM_INFINITY))

def label():
    w = next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)), None)
    if w is None or w.busy or not w.controller.loaded_once:
        QTimer.singleShot(50, label)
        return
    ids = [int(i) for i in w.library.db.execute("SELECT id FROM photos").fetchall() for i in i]
    w._apply_labels(labels.decision_edits(ids, "holiday", "add"))
    print("status", repr(w.status.currentMessage()))
    sys.stdout.flush()
    w.close()

QTimer.singleShot(0, label)
sys.exit(app.run(home=default_home()))
"""


def test_the_app_says_a_close_refused_by_the_limit(tmp_path: Path) -> None:
    """The app's labels, written into the log; its close, refused the copy: said once, in a box
    and on stderr, and the app exits 3, as `phototagger` does."""
    _library(tmp_path / "pics")
    database = default_home().database
    limit = database.stat().st_size + 4096
    done = run_gui_child(APP, str(limit))
    said = size_limit_message(str(database), limit)
    assert done.returncode == 3, done.stderr[-2000:]
    assert [line for line in done.stdout.splitlines() if line.startswith("box")] == [
        f"box {said[:1].upper() + said[1:]!r}"
    ]
    assert done.stderr.count(said) == 1, done.stderr[-2000:]
    assert f"phototagger: {said}\n" in done.stderr
    assert Path(f"{database}-wal").exists()
    assert labelled_in_home("holiday") == 2000  # the log's writes, read back: nothing lost
