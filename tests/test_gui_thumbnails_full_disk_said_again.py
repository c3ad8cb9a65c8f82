"""The app said that thumbnails cannot be saved once an app session: with the thumbnail cache's
disk full, then freed (thumbnails saved again), then full again, the second time went without a
word, the thumbnails made again on every view and never saved. Now it is said again once the
cache has saved one since it was said, and still once, not per photo, each time.

The disk fills for real: a tmpfs mounted on the library's thumbnails folder in a mount
namespace of the app's own (tests/test_gui_thumbnails_full_disk_said_once.py); the app runs
there, offscreen, with real widgets; the disk is filled, freed and filled again between the
views of three sets of photos."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.scan_helpers import run_scan
from tests.test_full_disk_names_the_file import needs_mounts
from tests.test_gui_thumbnails_full_disk_said_once import (
    _OPEN,
    _WHEN_SHOWN,
    FILLING,
    _app_on_a_full_disk,
    app_scans_on_a_full_disk,
    det_copies,
)

PHOTOS = 9

# The app on the library, offscreen, its thumbnails folder a small tmpfs: the photos' thumbnails
# asked for a third at a time (each made again from its photo), the disk full for the first,
# freed for the second, full again for the third. What the status bar said in each, as JSON.
_APP = (
    _OPEN
    + FILLING
    + """
from phototagger.core.imaging import thumbnail_path

rows = sorted((r["content_hash"], r["path"]) for r in window.db["photos"].rows)
third = len(rows) // 3
phases = []
for step, part in enumerate((rows[:third], rows[third : 2 * third], rows[2 * third :])):
    if step == 1:
        filler.unlink()  # the disk freed
    else:
        fill()  # full (again)
    for h, _p in part:  # made again from its photo now (the grid may have shown it before)
        window.thumbnails.forget(h)
    before = len(said)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        app.processEvents()
        shown = [window.thumbnails.image(h, p) is not None for h, p in part]
        if all(shown) and window.thumbnails.idle():
            break
        time.sleep(0.02)
    for _ in range(20):
        app.processEvents()
        time.sleep(0.01)
    saved = sum(thumbnail_path(window.thumbnails.thumbnails_dir, h).exists() for h, _p in part)
    phases.append(
        {
            "said": said[before:],
            "shown": sum(shown),
            "saved": saved,
            "showing": window.status.currentMessage(),
        }
    )
print(json.dumps({"phases": phases}))
window.close()
"""
)


@pytest.mark.model
@needs_mounts
def test_thumbnails_said_again_after_the_disk_was_freed_and_filled(
    engine: object, tmp_path: Path
) -> None:
    pics = det_copies(tmp_path / "pics", PHOTOS)
    with open_library(default_home()) as lib:
        run_scan(lib, [pics], engine)
        thumbnails = lib.thumbnails_dir
    shutil.rmtree(thumbnails)  # each thumbnail made again
    thumbnails.mkdir(parents=True)
    result = _app_on_a_full_disk(tmp_path, thumbnails, _APP, size_kb=1024)
    full, freed, again = result["phases"]
    third = PHOTOS // 3
    for phase in (full, freed, again):
        assert phase["shown"] == third, result  # shown all the same
    assert full["saved"] == 0 and freed["saved"] == third and again["saved"] == 0, result

    def notes(phase: dict[str, list[str]]) -> list[str]:
        return [m for m in phase["said"] if "Thumbnails cannot be saved" in m]

    assert len(notes(full)) == 1, result  # once, not per photo
    assert notes(freed) == [], result
    # Gone from the status bar once thumbnails are saved again (it stayed its minute there,
    # and the same words said again were then no message at all: QStatusBar skips them).
    assert "Thumbnails cannot be saved" not in freed["showing"], result
    assert len(notes(again)) == 1, result  # said again: it came back
    for note in notes(full) + notes(again):
        assert note.startswith(
            f"Thumbnails cannot be saved: the disk is full (writing {thumbnails}/"
        )
        assert note.endswith(".jpg); " + _WHEN_SHOWN), note


@pytest.mark.model
@needs_mounts
def test_scans_in_the_app_say_it_again_after_the_disk_was_freed_and_filled(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """A scan that saved its thumbnails (the disk freed) counts as the cache recovered, as the
    grid's saves do: the scans' own thumbnails are in the cache, and the grid saves none.

    The app scans three folders of new photos itself (the real tagger), the disk full for the
    first, freed for the second, full again for the third: the run
    test_gui_thumbnails_full_disk_said_once.py checks its first scan of (app_scans_on_a_full_disk,
    made once for both)."""
    scanned = app_scans_on_a_full_disk(tmp_path_factory)
    thumbnails = scanned["thumbnails"]
    full, freed, again = (
        [m for m in phase["said"] if "Thumbnails cannot be saved" in m]
        for phase in scanned["phases"]
    )
    assert (len(full), len(freed), len(again)) == (1, 0, 1), scanned
    note = again[0][again[0].index("Thumbnails cannot be saved") :]
    assert note.startswith(f"Thumbnails cannot be saved: the disk is full (writing {thumbnails}/")
    assert note.endswith(".jpg); " + _WHEN_SHOWN), note
