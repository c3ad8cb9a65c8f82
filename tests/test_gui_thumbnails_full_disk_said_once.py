"""The thumbnail cache on a full disk: the app made each thumbnail again from its photo, could
not save it, and showed nothing, as for a photo that cannot be read (a grey tile), without a
word. Now the thumbnails are shown all the same, and the status bar says once, not per
thumbnail, that they cannot be saved, which file, and what to do.

The disk fills for real: a tmpfs of one page, filled, mounted on the library's thumbnails folder
in a mount namespace of the app's own (`unshare -rm`, as tests/test_full_disk_names_the_file.py;
skipped where the system allows none). The app runs there, offscreen, with real widgets."""

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

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.kill_helpers import REPO
from tests.scan_helpers import run_scan
from tests.store_helpers import DET
from tests.test_full_disk_names_the_file import _on_a_small_disk, needs_mounts

PHOTOS = 6
_WHEN_SHOWN = (
    "each is made again from its photo when shown, which is slower: free some space on that disk"
)

# The app on the library, offscreen: every photo's thumbnail asked for until loaded or failed;
# then what the status bar said, and how many loaded, failed, as JSON on stdout.
_APP = """
import json, sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
from phototagger.core.library import open_library
from phototagger.gui.location import LibraryLocation
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home

app = QApplication(sys.argv)
window = MainWindow(
    open_library(default_home()), load_tagger=lambda _l: None,
    location=LibraryLocation(Path(sys.argv[1])),
)
said = []
window.status.messageChanged.connect(said.append)
window.show()
rows = [(r["content_hash"], r["path"]) for r in window.db["photos"].rows]
deadline = time.monotonic() + 120
while time.monotonic() < deadline:
    app.processEvents()
    shown = [window.thumbnails.image(h, p) is not None for h, p in rows]
    failed = [window.thumbnails.failed(h) for h, _p in rows]
    if all(a or b for a, b in zip(shown, failed)):
        break
    time.sleep(0.02)
app.processEvents()
print(json.dumps({"said": said, "shown": sum(shown), "failed": sum(failed)}))
window.close()
"""


def _app_on_a_full_disk(tmp_path: Path, thumbnails: Path) -> dict[str, Any]:
    folder = shlex.quote(str(thumbnails))
    command = (
        f"mount -t tmpfs -o size=4k tmpfs {folder} && "
        f"(dd if=/dev/zero of={folder}/filler bs=4096 count=2 2>/dev/null; true) && "
        + shlex.join([sys.executable, "-c", _APP, str(tmp_path / "location.json")])
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    unshare = shutil.which("unshare")
    assert unshare is not None
    done = subprocess.run(
        [unshare, "-rm", "sh", "-c", command],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.model
@needs_mounts
def test_thumbnails_on_a_full_disk_are_shown_and_said_once(engine: object, tmp_path: Path) -> None:
    pics = tmp_path / "pics"
    pics.mkdir()
    for path in sorted(DET.glob("*.jpg"))[:PHOTOS]:
        shutil.copy(path, pics)
    with open_library(default_home()) as lib:
        run_scan(lib, [pics], engine)
        thumbnails = lib.thumbnails_dir
    # The cache cleaned (a new disk, ~/.cache emptied): each thumbnail is made again.
    shutil.rmtree(thumbnails)
    thumbnails.mkdir(parents=True)
    result = _app_on_a_full_disk(tmp_path, thumbnails)
    assert result["shown"] == PHOTOS and result["failed"] == 0, result
    messages: list[str] = result["said"]
    said = [m for m in messages if "Thumbnails cannot be saved" in m]
    assert len(said) == 1, messages
    assert said[0].startswith(
        f"Thumbnails cannot be saved: the disk is full (writing {thumbnails}/"
    )
    assert said[0].endswith(".jpg); " + _WHEN_SHOWN), said


@pytest.mark.model
@needs_mounts
def test_a_scan_with_its_thumbnails_on_a_full_disk_says_it_once(
    library_home: Path, tmp_path: Path
) -> None:
    pics = tmp_path / "pics"
    pics.mkdir()
    for path in sorted(DET.glob("*.jpg"))[:PHOTOS]:
        shutil.copy(path, pics)
    thumbnails = default_home().thumbnails
    thumbnails.mkdir(parents=True)
    filler = shlex.quote(str(thumbnails / "filler"))
    done = _on_a_small_disk(
        thumbnails,
        4,
        ["scan", str(pics)],
        library_home,
        f"(dd if=/dev/zero of={filler} bs=4096 count=2 2>/dev/null; true)",
    )
    assert done.returncode == 0, done.stderr
    assert f"{PHOTOS} tagged" in done.stdout, done.stdout  # tagged all the same
    notes = [line for line in done.stderr.splitlines() if "Thumbnails cannot be saved" in line]
    assert len(notes) == 1, done.stderr  # once, not per photo
    assert notes[0].startswith(
        f"phototagger: note: Thumbnails cannot be saved: the disk is full (writing {thumbnails}/"
    ), notes
    assert notes[0].endswith(".jpg); " + _WHEN_SHOWN), notes
