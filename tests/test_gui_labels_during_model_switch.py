"""Labels made in the GUI are never lost: not while a model switch re-tags a large library, not
when the database refuses the write (the user is told), and their undo survives the switch."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.model.active import active_version
from phototagger.core.photos_view import tags_of_photo
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home
from phototagger.store.connection import open_database, transaction
from tests.gui_helpers import JOB_TIMEOUT_MS, open_window, settle
from tests.switch_helpers import save_second_version, synthetic_library
from tests.synthetic_homes import SYNTHETIC, on_synthetic_home

LARGE = 20_000  # about 20 chunks of a switch, several seconds of re-tagging on this machine


def _library(photos: int) -> tuple[list[int], str]:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, photos)
    return ids, save_second_version()


def _large_library(synthetic: Path) -> tuple[list[int], str]:
    """LARGE synthetic photos on v1: a copy of conftest's synthetic_12k (built once per run, for
    the killed-switch tests too) and the rest made here, in a folder of their own."""
    on_synthetic_home(synthetic)
    with open_library(default_home()) as lib:
        ids = [row["id"] for row in lib.db.query("SELECT id FROM photos ORDER BY id")]
        assert len(ids) == SYNTHETIC
        ids += synthetic_library(lib.db, LARGE - SYNTHETIC, seed=1, folder="/more")
    return ids, save_second_version()


def _rows(
    window: MainWindow, photo_id: int
) -> dict[str, tuple[str | None, float | None, str | None]]:
    return {
        t.name: (t.state, t.confidence, t.model_version) for t in tags_of_photo(window.db, photo_id)
    }


def _switch(qtbot: QtBot, window: MainWindow, version: str) -> None:
    """Make `version` active the way the user does: Versions page, select, Make Active."""
    versions = window.retrain.versions_page
    versions.select(version)
    assert versions.activate_button.isEnabled()
    with qtbot.waitSignal(window.retrain.activated, timeout=JOB_TIMEOUT_MS):
        versions.activate_button.click()
    settle(qtbot, window)


@pytest.mark.large
def test_labels_made_during_a_switch_of_a_large_library_are_kept(
    qtbot: QtBot, tmp_path: Path, synthetic_12k: Path
) -> None:
    ids, version = _large_library(synthetic_12k)
    window = open_window(qtbot, None, tmp_path)
    during: list[tuple[int, bool, str]] = []

    def label_now(_progress: object) -> None:
        # On the GUI thread, while the job's thread holds the library for chunk after chunk.
        photo_id = ids[len(during) * 997 % len(ids)]
        still = active_version(window.db)
        window.decide([photo_id], f"mine-{len(during)}", "add")
        during.append((photo_id, window.jobs.busy, still))

    window.jobs.progress.connect(label_now)
    _switch(qtbot, window, version)
    assert active_version(window.db) == version
    assert any(busy and still == "v1" for _, busy, still in during), during  # mid-switch
    assert len(during) >= 3
    for n, (photo_id, _, _) in enumerate(during):
        assert _rows(window, photo_id)[f"mine-{n}"][0] == "added"
    assert window.label_failure is None  # no write was refused, none had to be said
    assert window.undo_stack.count() == len(during)


def test_a_refused_label_write_is_shown_and_not_an_undo_step(qtbot: QtBot, tmp_path: Path) -> None:
    ids, _ = _library(50)
    window = open_window(qtbot, None, tmp_path)
    window.db.execute("PRAGMA busy_timeout = 100")  # not ten seconds of a frozen test
    before = _rows(window, ids[0])
    blocker = open_database(open_library(default_home()).database_path)
    with transaction(blocker):
        blocker.execute("UPDATE photos SET size = size")  # another program holds the write lock
        window.decide([ids[0]], "mine", "add")
    assert _rows(window, ids[0]) == before
    box = window.label_failure
    assert box is not None and box.isVisible()
    assert "not saved" in box.text() and "busy" in box.text()
    assert "not saved" in window.status.currentMessage()
    assert not window.undo_stack.canUndo()

    window.decide([ids[0]], "mine", "add")  # once the lock is gone it simply works
    assert _rows(window, ids[0])["mine"][0] == "added"
    # An undo the database refuses is said too, and the label stays.
    with transaction(blocker):
        blocker.execute("UPDATE photos SET size = size")
        window.undo_stack.undo()
    assert _rows(window, ids[0])["mine"][0] == "added"
    assert "not saved" in window.status.currentMessage()
    blocker.conn.close()


def test_undo_survives_a_model_switch(qtbot: QtBot, tmp_path: Path) -> None:
    ids, version = _library(300)
    window = open_window(qtbot, None, tmp_path)
    photo_id = next(pid for pid in ids if len(_rows(window, pid)) >= 2)
    original = _rows(window, photo_id)
    suggested = sorted(original)
    window.decide([photo_id], suggested[0], "accept")
    window.decide([photo_id], suggested[1], "reject")
    window.decide([photo_id], "mine", "add")
    decided = _rows(window, photo_id)
    assert decided[suggested[0]][0] == "accepted" and decided[suggested[1]][0] == "rejected"

    _switch(qtbot, window, version)
    switched = _rows(window, photo_id)
    assert all(row[2] == version for name, row in switched.items() if name != "mine")
    assert window.undo_stack.count() == 3 and window.undo_stack.canUndo()

    for _ in range(3):
        window.undo_stack.undo()
    undone = _rows(window, photo_id)
    # The decisions are gone; what is left are the new model's suggestions with its scores
    # (v2 suggests more than v1, so both tags stay suggested), never v1's numbers.
    assert "mine" not in undone
    for name in suggested[:2]:
        assert undone[name] == (None, switched[name][1], version)
    assert window.label_failure is None

    for _ in range(3):
        window.undo_stack.redo()
    redone = _rows(window, photo_id)
    assert redone[suggested[0]] == ("accepted", switched[suggested[0]][1], version)
    assert redone[suggested[1]] == ("rejected", switched[suggested[1]][1], version)
    assert redone["mine"][0] == "added"
