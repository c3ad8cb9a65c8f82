"""The thumbnail cache on a full disk: the app made each thumbnail again from its photo, could
not save it, and showed nothing, as for a photo that cannot be read (a grey tile), without a
word. Now the thumbnails are shown all the same, and the status bar says once, not per
thumbnail, that they cannot be saved, which file, and what to do.

The disk fills for real: a tmpfs of one page, filled, mounted on the library's thumbnails folder
in a mount namespace of the app's own (`unshare -rm`, as tests/test_full_disk_names_the_file.py;
skipped where the system allows none). The app runs there, offscreen, with real widgets."""

from __future__ import annotations

import errno
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
from phototagger.paths import LibraryHome, default_home
from tests.built_once import built_once
from tests.kill_helpers import REPO
from tests.scan_helpers import run_scan
from tests.store_helpers import DET
from tests.test_full_disk_names_the_file import _on_a_small_disk, needs_mounts

PHOTOS = 6
_WHEN_SHOWN = (
    "each is made again from its photo when shown, which is slower: free some space on that disk"
)

# The app on the library, offscreen, without a tagger, what its status bar says kept in `said`.
_OPEN = """
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
"""
# The same with the tagger loaded as the app loads it (for a scan in the app).
_OPEN_TAGGING = _OPEN.replace(" load_tagger=lambda _l: None,", "")
# Every photo's thumbnail asked for until loaded or failed; then what the status bar said, and
# how many loaded, failed, as JSON on stdout.
_APP = (
    _OPEN
    + """
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
)


# The thumbnails folder's disk filled to its last byte, or freed (by the app's script, with
# `window` open).
FILLING = """
filler = window.thumbnails.thumbnails_dir / "filler"

def fill():
    with open(filler, "ab", buffering=0) as f:
        try:
            while True:
                f.write(bytes(4096))
        except OSError:
            pass
"""
# The app scans the folders named after the location (the real tagger, loaded as the app loads
# it) one after the other, its thumbnails folder's disk full for the first, freed for the second,
# full again for the third; what the status bar said in each. After the first scan (gui45) every
# photo's thumbnail is asked for (the grid's, made again: the scan could not save them) until
# loaded or failed, and how many were is kept with it. As JSON on stdout.
_SCANS = (
    _OPEN_TAGGING
    + FILLING
    + """
phases = []
for step, folder in enumerate(sys.argv[2:]):
    if step == 1:
        filler.unlink()  # the disk freed
    else:
        fill()  # full (again)
    before = len(said)
    assert window.start_scan([folder])
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and not any(
        m.startswith("Scan finished") for m in said[before:]
    ):
        app.processEvents()
        time.sleep(0.02)
    while time.monotonic() < deadline and window.busy:
        app.processEvents()
        time.sleep(0.02)
    phase = {}
    if step == 0:
        rows = [(r["content_hash"], r["path"]) for r in window.db["photos"].rows]
        while time.monotonic() < deadline:
            app.processEvents()
            shown = [window.thumbnails.image(h, p) is not None for h, p in rows]
            failed = [window.thumbnails.failed(h) for h, _p in rows]
            if all(a or b for a, b in zip(shown, failed)) and not window.busy:
                break
            time.sleep(0.02)
        phase = {"shown": sum(shown), "failed": sum(failed)}
    for _ in range(50):
        app.processEvents()
        time.sleep(0.01)
    phases.append({"said": said[before:], **phase})
print(json.dumps({"phases": phases}))
window.close()
"""
)


def det_copies(pics: Path, count: int, first: int = 0) -> Path:
    """`pics`, made, holding copies of `count` photos of the det-photos set from `first` on."""
    pics.mkdir()
    for path in sorted(DET.glob("*.jpg"))[first : first + count]:
        shutil.copy(path, pics)
    return pics


def _app_on_a_full_disk(
    tmp_path: Path,
    thumbnails: Path,
    app: str = _APP,
    *args: str,
    size_kb: int = 4,
    home: Path | None = None,
) -> dict[str, Any]:
    """`app` run in a mount namespace of its own, a tmpfs of `size_kb` KB mounted on
    `thumbnails`, on the library in `home` (else PHOTOTAGGER_HOME's): what it printed last, as
    JSON."""
    folder = shlex.quote(str(thumbnails))
    command = (
        f"mount -t tmpfs -o size={size_kb}k tmpfs {folder} && "
        f"(dd if=/dev/zero of={folder}/filler bs=4096 count=2 2>/dev/null; true) && "
        + shlex.join([sys.executable, "-c", app, str(tmp_path / "location.json"), *args])
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        **({"PHOTOTAGGER_HOME": str(home)} if home else {}),
    }
    unshare = shutil.which("unshare")
    assert unshare is not None
    done = subprocess.run(
        [unshare, "-rm", "sh", "-c", command],
        env=env,
        capture_output=True,
        text=True,
        timeout=400,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.model
@needs_mounts
def test_thumbnails_on_a_full_disk_are_shown_and_said_once(engine: object, tmp_path: Path) -> None:
    pics = det_copies(tmp_path / "pics", PHOTOS)
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
    pics = det_copies(tmp_path / "pics", PHOTOS)
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


def _app_scans(root: Path) -> dict[str, Any]:
    """The app (_SCANS) scanning PHOTOS det-photos on a full disk, then 3 freed, then 3 full
    again, in a library of its own in `root`: its thumbnails folder and the phases."""
    home = root / "home"
    folders = [det_copies(root / "pics0", PHOTOS)]
    folders += [det_copies(root / f"pics{i}", 3, first=PHOTOS + 3 * (i - 1)) for i in (1, 2)]
    with open_library(LibraryHome.under(home)) as lib:
        thumbnails = lib.thumbnails_dir
    thumbnails.mkdir(parents=True, exist_ok=True)
    result = _app_on_a_full_disk(
        root, thumbnails, _SCANS, *map(str, folders), size_kb=1024, home=home
    )
    return {"thumbnails": str(thumbnails), "phases": result["phases"]}


_SCANNED: dict[str, Any] = {}


def _as_is(result: dict[str, Any]) -> dict[str, Any]:
    return result  # JSON already, for built_once


def app_scans_on_a_full_disk(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """_app_scans, run once per test run (tests/built_once.py) for the test below and
    test_gui_thumbnails_full_disk_said_again.py's: one app loading the tagger for both (each
    had an app of its own, 10 s of loading TensorFlow and the model)."""
    if not _SCANNED:
        root = tmp_path_factory.mktemp("full-disk-app-scans")
        scanned: dict[str, Any] = built_once(
            "full-disk-app-scans", root, _app_scans, _as_is, _as_is
        )
        _SCANNED.update(scanned)
    return _SCANNED


@pytest.mark.model
@needs_mounts
def test_a_scan_in_the_app_on_a_full_disk_says_it_once(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """gui45: the app's own scan said it at its end ("Scan finished: 6 photos found, 6 new, 6
    tagged. Thumbnails cannot be saved: …"), and the grid's thumbnails, made again from their
    photos, said it again on a line of its own: twice for one full disk. Now whichever finds it
    first says it, and the other not again."""
    scanned = app_scans_on_a_full_disk(tmp_path_factory)
    result, thumbnails = scanned["phases"][0], scanned["thumbnails"]  # the first scan's
    assert result["shown"] == PHOTOS and result["failed"] == 0, result
    messages: list[str] = result["said"]
    assert any(m.startswith(f"Scan finished: {PHOTOS} photos found") for m in messages), messages
    said = [m for m in messages if "Thumbnails cannot be saved" in m]
    assert len(said) == 1, said
    note = said[0][said[0].index("Thumbnails cannot be saved") :]
    assert note.startswith(f"Thumbnails cannot be saved: the disk is full (writing {thumbnails}/")
    assert note.endswith(".jpg); " + _WHEN_SHOWN), note


def test_said_once_per_cause_whichever_finds_it_first(qapp: object, tmp_path: Path) -> None:
    """What ThumbnailCache.first_said tells the scan's line and the grid's: a note that names
    another file of the same cause is not said again; another cause is."""
    from phototagger.core.failures import cache_unwritten_message
    from phototagger.gui.thumbnails import ThumbnailCache

    folder = tmp_path / "thumbnails"
    cache = ThumbnailCache(folder)
    full = OSError(errno.ENOSPC, "No space left on device")
    denied = PermissionError(errno.EACCES, "Permission denied")

    def note(name: str, exc: OSError) -> str:
        return cache_unwritten_message("Thumbnails", folder / name[:2] / name, exc)

    assert cache.first_said(note("ab12.jpg", full))  # the scan's, say
    assert not cache.first_said(note("cd34.jpg", full))  # the grid's, another file
    assert not cache.first_said(note("ab12.jpg", full))
    assert cache.first_said(note("ef56.jpg", denied))  # another cause
    assert not cache.first_said(note("0a78.jpg", denied))
