"""While the app scanned 350 photos and 3 broken files (a text file named .jpg, a JPEG cut to a
third, an empty file), the sidebar said "All photos · 353" and its folders 51 and 101; once the
scan had read the broken files they fell to 350, 50 and 100, which looked like photos lost. The
scan records every file it finds as waiting (the grid shows them at once, in order), and the
counts took each such file for a photo before it was read. A file found and not read yet is no
photo yet: the sidebar, the grid's header, the status line and `stats` count the photos read so
far, and say the files waiting to be tagged apart. The counts only grow.

Real det-photos copies and broken files, the real model, the real window offscreen; the scan is
held after its first batch to read the counts mid-scan (the broken files named to come last)."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from phototagger.cli import main
from phototagger.core.imaging import header_facts
from phototagger.core.jobs import Progress
from phototagger.gui.main_window import MainWindow
from phototagger.gui.sidebar import _KIND, _VALUE
from phototagger.gui.sidebar_trees import all_items
from phototagger.paths import default_home
from phototagger.store.connection import open_database
from tests.gui_helpers import JOB_TIMEOUT_MS, open_window, settle
from tests.photo_factory import empty_file, text_as_jpg

pytestmark = pytest.mark.model

DET = Path("/work/shared/data/det-photos")
BATCH = 32  # the scan's batch size in the GUI
TRIP, HOME = 45, 25  # good photos in each folder


def _undated(count: int, skip: int = 0) -> list[Path]:
    """det-photos with no date taken: the grid (by date) lists them by name, after the dated."""
    found = []
    for path in sorted(DET.glob("*.jpg")):
        facts = header_facts(str(path))
        if facts is not None and not facts.taken_at:
            found.append(path)
        if len(found) == skip + count:
            break
    return found[skip:]


def _library(root: Path) -> tuple[Path, Path]:
    trip, home = root / "trip", root / "home"
    trip.mkdir(parents=True)
    home.mkdir()
    photos = _undated(TRIP + HOME + 1)
    for i, source in enumerate(photos[:TRIP]):
        (trip / f"a{i:03d}.jpg").write_bytes(source.read_bytes())
    for i, source in enumerate(photos[TRIP : TRIP + HOME]):
        (home / f"a{i:03d}.jpg").write_bytes(source.read_bytes())
    # Named to come last in the grid's order, so the scan reads them in its last batch.
    data = photos[-1].read_bytes()
    (trip / "zz cut.jpg").write_bytes(data[: len(data) // 3])
    text_as_jpg(trip / "zz fake.jpg")
    empty_file(home / "zz empty.jpg")
    (home / "notes.txt").write_text("not a photo\n")
    return trip, home


class _Held:
    """The real engine, held before it embeds more than the first batch until `go` is set."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self._embedded = 0
        self.go = threading.Event()

    def embed_all(self, pixels: np.ndarray) -> dict[str, np.ndarray]:
        if self._embedded >= BATCH:
            self.go.wait(JOB_TIMEOUT_MS / 1000)
        self._embedded += len(pixels)
        return dict(self._engine.embed_all(pixels))

    def __getattr__(self, name: str) -> Any:  # the Tagger's other members, as they are
        return getattr(self._engine, name)


def _folder_counts(window: MainWindow) -> dict[str, int]:
    return {
        Path(item.data(0, _VALUE)).name: int(item.text(1).replace(",", ""))
        for item in all_items(window.sidebar._folders)
        if item.data(0, _KIND) == "folder" and Path(item.data(0, _VALUE)).name in ("trip", "home")
    }


def _read_so_far() -> int:
    db = open_database(default_home().database)
    try:
        return int(db.execute("SELECT count(*) FROM photos WHERE status = 'tagged'").fetchone()[0])
    finally:
        db.close()


def _stats(capsys: pytest.CaptureFixture[str]) -> tuple[dict[str, Any], str]:
    capsys.readouterr()
    assert main(["stats", "--json"]) == 0
    as_json = json.loads(capsys.readouterr().out)
    assert main(["stats"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("photos:"))
    return as_json, line


def _formats_counted(as_json: dict[str, Any]) -> int:
    return sum(n for formats in as_json["by_format"].values() for n in formats.values())


def test_counts_during_a_scan_are_of_photos_read(
    qtbot: QtBot, engine: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _library(tmp_path / "Pictures")
    held = _Held(engine)
    window = open_window(qtbot, held, tmp_path)
    seen: list[int] = []  # "All photos" as the sidebar said it at each report of the scan

    def follow(_: Progress) -> None:
        seen.append(int(window.sidebar._all.text(1).replace(",", "") or 0))

    window.jobs.progress.connect(follow)
    found = TRIP + HOME + 3
    with qtbot.waitSignal(window.jobs.idle, timeout=JOB_TIMEOUT_MS):
        assert window.start_scan([str(tmp_path / "Pictures")])
        try:
            # The first batch read and written, the rest found and waiting.
            qtbot.waitUntil(lambda: _read_so_far() == BATCH, timeout=JOB_TIMEOUT_MS)
            window.refresh()
            qtbot.waitUntil(
                lambda: (
                    window.overview.pending == found - BATCH
                    and window.model.rowCount() == found
                    and not window.reader.busy
                ),
                timeout=10_000,
            )
            waiting = found - BATCH
            assert window.sidebar._all.text(1) == f"{BATCH}"
            folders = _folder_counts(window)
            assert sum(folders.values()) == BATCH
            assert folders["trip"] <= TRIP and folders["home"] <= HOME
            assert window.status.library.text() == (
                f"{BATCH} photos · {waiting} more files found, waiting to be tagged"
            )
            assert window.header.text() == (
                f"All photos  ·  {BATCH}  ·  +{waiting} waiting to be tagged"
            )
            # A folder's header: its photos read, of the library's, its files waiting apart.
            home = next(
                item
                for item in all_items(window.sidebar._folders)
                if item.data(0, _KIND) == "folder" and Path(item.data(0, _VALUE)).name == "home"
            )
            window.sidebar.tree.setCurrentItem(home)
            qtbot.waitUntil(
                lambda: window.model.rowCount() == HOME + 1 and not window.reader.busy,
                timeout=10_000,
            )
            read_home = folders["home"]
            assert window.header.text().endswith(
                f"  ·  {read_home} of {BATCH}  ·  +{HOME + 1 - read_home} waiting to be tagged"
            )
            assert window.status.library.text() == (
                f"{read_home} of {BATCH} photos shown · {waiting} more files found, "
                "waiting to be tagged"
            )
            window.sidebar.show_everything()
            qtbot.waitUntil(lambda: window.model.rowCount() == found, timeout=10_000)
            as_json, line = _stats(capsys)
            assert as_json["photos"] == BATCH and as_json["found"] == waiting
            assert _formats_counted(as_json) == BATCH
            assert line.startswith(f"photos: {BATCH} (") and line.endswith(
                f"; {waiting} more files found, waiting to be tagged (phototagger scan tags them)"
            )
        finally:
            held.go.set()
    settle(qtbot, window)

    photos = TRIP + HOME
    assert window.sidebar._all.text(1) == f"{photos}"
    assert _folder_counts(window) == {"trip": TRIP, "home": HOME}
    assert window.status.library.text() == f"{photos} photos"
    assert window.header.text() == f"All photos  ·  {photos}"
    as_json, line = _stats(capsys)
    assert as_json["photos"] == photos and as_json["found"] == 0
    assert _formats_counted(as_json) == photos
    assert line.startswith(f"photos: {photos} (") and "waiting" not in line
    # What the sidebar said as the scan went: it never fell.
    assert seen and seen == sorted(seen) and max(seen) <= photos
