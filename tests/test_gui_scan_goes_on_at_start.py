"""A scan stopped by closing the window goes on when the app starts again, as the README says
("closing the window stops the scan at once, and it resumes next time"): the photos it had found
waited, "236 waiting to be tagged" in the status bar, until the user thought of File ▸ Rescan
Folders. Not while another phototagger holds the library's scan lock."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.jobs import CancelToken, Progress
from phototagger.core.library import open_library
from phototagger.core.scan_lock import scan_lock
from phototagger.paths import default_home
from phototagger.store.photos import count_by_status
from tests.gui_helpers import JOB_TIMEOUT_MS, open_window, settle
from tests.photo_factory import REAL_PHOTOS, real_photo
from tests.scan_helpers import run_scan


def _stopped_scan(folder: Path, engine: object) -> int:
    """Real photos, a scan of them stopped after its first batch of 4 (as closing the window
    stops it); how many it left to tag."""
    for i in range(2):
        for name in REAL_PHOTOS:
            real_photo(folder / f"{name}-{i}.jpg", name, quality=80 + i)
    token = CancelToken()

    def stop_after_a_batch(p: Progress) -> None:
        if p.phase == "tagging" and p.done >= 4:
            token.cancel()

    with open_library(default_home()) as library:
        summary = run_scan(
            library, [folder], engine, progress=stop_after_a_batch, cancel=token, batch_size=4
        )
        assert summary.cancelled and summary.pending_left > 0
        return summary.pending_left


def _pending() -> int:
    with open_library(default_home()) as library:
        return count_by_status(library.db).get("pending", 0)


def test_a_stopped_scan_goes_on_when_the_window_opens(
    qtbot: QtBot, engine: object, tmp_path: Path
) -> None:
    left = _stopped_scan(tmp_path / "pics", engine)
    said: list[str] = []
    window = open_window(
        qtbot, engine, tmp_path, made=lambda w: w.status.messageChanged.connect(said.append)
    )
    qtbot.waitUntil(lambda: _pending() == 0 and not window.jobs.busy, timeout=JOB_TIMEOUT_MS)
    assert f"Going on with the last scan: {left} photos left to tag" in said
    settle(qtbot, window)
    assert _pending() == 0
    assert window.overview.pending == 0
    with open_library(default_home()) as library:
        assert count_by_status(library.db)["tagged"] == 2 * len(REAL_PHOTOS)


def test_not_while_another_scan_holds_the_library(
    qtbot: QtBot, engine: object, tmp_path: Path
) -> None:
    left = _stopped_scan(tmp_path / "pics", engine)
    with open_library(default_home()) as library:
        database = library.database_path
    with scan_lock(database):  # as another phototagger's scan holds it
        window = open_window(qtbot, engine, tmp_path)
        settle(qtbot, window)
        qtbot.wait(300)
        assert not window.jobs.busy
        assert window.overview.pending == left == _pending()
