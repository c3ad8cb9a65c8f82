"""The embeddings' copy (core/embedding_matrix.py) on a full disk: it could not be written, and
every use read the embeddings from SQLite instead (slower), without a word. Now the command that
made it notes once on stderr that it cannot be saved, which file, and what to do, and the app's
status bar says it once at the scan's end; the results are the same.

The disk fills for real: a filled one-page tmpfs mounted on the embeddings cache folder in a
mount namespace of the command's own (`unshare -rm`, as
tests/test_gui_thumbnails_full_disk_said_once.py; skipped where the system allows none)."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from phototagger.core import embedding_matrix
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.kill_helpers import REPO
from tests.store_helpers import DET
from tests.test_full_disk_names_the_file import _UNSHARE, needs_mounts

PHOTOS = 6
_READ = (
    "the embeddings are read from the library each time instead, which is slower: free some "
    "space on that disk"
)

# `phototagger ARGV` with the copy made for any library (MIN_PHOTOS 1: 6 photos, not 2,000).
_CLI = """
import sys
from phototagger.core import embedding_matrix
from phototagger.cli import main
embedding_matrix.MIN_PHOTOS = 1
raise SystemExit(main(sys.argv[1:]))
"""

# The app on the library, offscreen, the copy made for any library too: a scan of PICS; then
# what the status bar said, as JSON on stdout.
_APP = """
import json, sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
from phototagger.core import embedding_matrix
from phototagger.core.library import open_library
from phototagger.gui.location import LibraryLocation
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home

embedding_matrix.MIN_PHOTOS = 1
app = QApplication(sys.argv)
window = MainWindow(open_library(default_home()), location=LibraryLocation(Path(sys.argv[1])))
said = []
window.status.messageChanged.connect(said.append)
ended = []
window.jobs.idle.connect(lambda: ended.append(True))
window.show()
assert window.start_scan([sys.argv[2]])
deadline = time.monotonic() + 240
while not ended and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.02)
app.processEvents()
print(json.dumps({"said": said}))
window.close()
"""


def _scan(
    pics: Path, home: Path, full: Path, app: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`phototagger scan --json PICS` (`app`: the app's scan, its location file there), a
    filled one-page tmpfs mounted on `full`."""
    cli = shlex.join(
        [sys.executable, "-c", _CLI, "scan", "--json", str(pics)]
        if app is None
        else [sys.executable, "-c", _APP, str(app), str(pics)]
    )
    folder = shlex.quote(str(full))
    command = (
        f"mount -t tmpfs -o size=4k tmpfs {folder} && "
        f"(dd if=/dev/zero of={folder}/filler bs=4096 count=2 2>/dev/null; true) && {cli}"
    )
    return _in_a_namespace(command, home)


def _in_a_namespace(command: str, home: Path) -> subprocess.CompletedProcess[str]:
    """The shell `command` in a mount namespace of its own, on the library in `home`."""
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "PHOTOTAGGER_HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(home / "config"),
    }
    assert _UNSHARE is not None
    argv = [_UNSHARE, "-rm", "sh", "-c", command]
    return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=300)


def _tags(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> object:
    """Every photo's record, its tags and their scores (`phototagger export --json`) in the
    library in `home`."""
    monkeypatch.setenv("PHOTOTAGGER_HOME", str(home))
    code, out, err = run(capsys, "export", "--json")
    assert code == 0, err
    return json.loads(out)


def _photos_and_a_cache(tmp_path: Path) -> tuple[Path, Path]:
    """A folder of PHOTOS det-photos, and the library's embeddings cache folder (made)."""
    pics = tmp_path / "pics"
    pics.mkdir()
    copied = [shutil.copy(path, pics) for path in sorted(DET.glob("*.jpg"))[:PHOTOS]]
    assert len(copied) == PHOTOS
    cache = default_home().embeddings_cache
    cache.mkdir(parents=True)
    return pics, cache


@pytest.mark.model
@needs_mounts
def test_a_scan_whose_embedding_cache_cannot_be_saved_says_it_once(
    library_home: Path,
    tmp_path: Path,
    scans_with_engine: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pics, cache = _photos_and_a_cache(tmp_path)
    done = _scan(pics, library_home, cache)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["tagged"] == PHOTOS, done.stdout  # tagged all the same
    notes = [line for line in done.stderr.splitlines() if "embedding cache" in line]
    assert len(notes) == 1, done.stderr  # once
    assert notes[0].startswith(
        "phototagger: note: The embedding cache cannot be saved: the disk is full "
        f"(writing {cache}/"
    ), notes
    assert notes[0].endswith(".npy); " + _READ), notes
    # The same tags as a scan whose copy was saved, which says nothing of it: the full disk
    # is the scan above's; this one runs here, with the session's engine (scans_with_engine).
    other = tmp_path / "other"
    monkeypatch.setattr(embedding_matrix, "MIN_PHOTOS", 1)  # as _CLI does
    monkeypatch.setenv("PHOTOTAGGER_HOME", str(other))
    code, out, err = run(capsys, "scan", "--json", str(pics))
    assert code == 0 and "embedding cache" not in err, err
    assert json.loads(out)["tagged"] == PHOTOS, out
    assert list((other / "cache" / "embeddings").glob("*/*.npy")), "no copy made"
    assert _tags(library_home, monkeypatch, capsys) == _tags(other, monkeypatch, capsys)


@pytest.mark.model
@needs_mounts
def test_the_apps_scan_says_once_that_its_embedding_cache_cannot_be_saved(
    library_home: Path, tmp_path: Path
) -> None:
    pics, cache = _photos_and_a_cache(tmp_path)
    done = _scan(pics, library_home, cache, app=tmp_path / "location.json")
    assert done.returncode == 0, done.stderr[-3000:]
    messages: list[str] = json.loads(done.stdout.strip().splitlines()[-1])["said"]
    said = [m for m in messages if "embedding cache" in m]
    assert len(said) == 1, messages
    assert said[0].startswith(f"Scan finished: {PHOTOS} photos found, {PHOTOS} new"), said
    words = said[0].split(". ", 1)[1]
    assert words.startswith(
        f"The embedding cache cannot be saved: the disk is full (writing {cache}/"
    ), said
    assert words.endswith(".npy); " + _READ), said
