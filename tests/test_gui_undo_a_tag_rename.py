"""Renaming a tag (Rename Tag in the sidebar, Manage Tags) was no undo step: Ctrl+Z right after
it silently undid the decision made before it (a tag added on a photo), which the user did not
mean and might not notice. A rename is an undo step now ("Undo Rename “pets” to “animals”"):
undone, the tag is renamed back on the same photos (the user's threshold follows, as it does a
rename), and the decision before it is still there, for the next Ctrl+Z; redone, it is renamed
again. A merge or delete cannot be taken back exactly: it stands in the history as a step that
says so when Ctrl+Z reaches it, and only the next Ctrl+Z undoes the change before it.

The real app offscreen, det-photos scanned with the real model into a real SQLite library."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.model.active import threshold_overrides
from phototagger.core.model.listing import active_columns
from phototagger.core.tag_admin import THRESHOLDS_SETTING, tag_changes
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from phototagger.store.settings import set_setting
from tests.cli_helpers import det_photos_scanned, run
from tests.gui_helpers import open_window, settle, states

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NAMES = [
    "n02084071_1365_dog",
    "n02084071_19639_dog",
    "n02374451_11795_horse",
    "n02411705_146_sheep",
]


Opened = tuple[MainWindow, list[Path], list[int]]


@pytest.fixture
def opened(
    engine: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    qtbot: QtBot,
) -> Opened:
    """Four det-photos scanned; 'pets' added on the two dogs from the command line (before the
    window: no undo step), with a threshold of the user's; the window open on them."""
    pics = det_photos_scanned(engine, tmp_path / "pics", NAMES, monkeypatch, capsys)
    paths = [pics / f"{name}.jpg" for name in NAMES]
    assert run(capsys, "label", *map(str, paths[:2]), "--add", "pets")[0] == 0
    with open_library(default_home()) as lib:
        set_setting(lib.db, THRESHOLDS_SETTING, {"pets": 0.4})
        ids = [photo.id for p in paths if (photo := get_photo_by_path(lib.db, str(p)))]
    window = open_window(qtbot, engine, tmp_path)
    return window, paths, ids


def _rename(qtbot: QtBot, window: MainWindow, name: str, new: str) -> None:
    window.tools.ask_text = lambda *_: new
    window.tools.ask_rename(name)
    settle(qtbot, window)


def _key(qtbot: QtBot, window: MainWindow, shift: bool = False) -> None:
    qtbot.keyClick(window.grid, Qt.Key.Key_Z, CTRL | SHIFT if shift else CTRL)
    settle(qtbot, window)


def test_ctrl_z_after_a_rename_renames_back_and_keeps_the_decision_before_it(
    opened: Opened, qtbot: QtBot
) -> None:
    window, paths, ids = opened
    window.decide([ids[2]], "beach", "add")  # the decision made before the rename
    settle(qtbot, window)
    pets = {p: states(window, p)["pets"] for p in paths[:2]}
    _rename(qtbot, window, "pets", "animals")
    assert all("pets" not in states(window, p) for p in paths)
    assert {p: states(window, p)["animals"] for p in paths[:2]} == pets
    undo, redo = window.undo_actions
    assert undo.text() == "&Undo Rename “pets” to “animals”"
    assert threshold_overrides(window.db) == {"animals": 0.4}

    _key(qtbot, window)  # Ctrl+Z: the rename, not 'beach'
    assert {p: states(window, p).get("pets") for p in paths[:2]} == pets  # the same photos
    assert all("animals" not in states(window, p) for p in paths)
    assert states(window, paths[2])["beach"] == ("added", None)  # the decision still there
    assert threshold_overrides(window.db) == {"pets": 0.4}
    assert tag_changes(window.db)[-1][1:] == ("animals", "pets")  # the model's column follows
    assert window.status.currentMessage() == (
        "Undone: renamed “animals” back to “pets” (Ctrl+Shift+Z to redo)"
    )
    assert undo.text() == "&Undo Add “beach”"
    assert redo.text() == "&Redo Rename “pets” to “animals”"
    assert window.sidebar.tag_count("pets") == 2

    _key(qtbot, window, shift=True)  # Ctrl+Shift+Z: renamed again
    assert {p: states(window, p).get("animals") for p in paths[:2]} == pets
    assert all("pets" not in states(window, p) for p in paths)
    assert threshold_overrides(window.db) == {"animals": 0.4}
    assert undo.text() == "&Undo Rename “pets” to “animals”"

    _key(qtbot, window)
    _key(qtbot, window)  # the rename, then 'beach', in order
    assert "beach" not in states(window, paths[2])
    assert {p: states(window, p).get("pets") for p in paths[:2]} == pets
    _key(qtbot, window, shift=True)
    _key(qtbot, window, shift=True)
    assert states(window, paths[2])["beach"] == ("added", None)
    assert {p: states(window, p).get("animals") for p in paths[:2]} == pets


def test_a_rename_whose_old_name_is_a_tag_again_is_not_undone_into_a_merge(
    opened: Opened, capsys: pytest.CaptureFixture[str], qtbot: QtBot
) -> None:
    """'pets' added again on the horse (the command line) after 'pets' became 'animals':
    renaming 'animals' back would merge the two tags. Ctrl+Z refuses it and says why; nothing
    moves."""
    window, paths, _ = opened
    _rename(qtbot, window, "pets", "animals")
    assert run(capsys, "label", str(paths[2]), "--add", "pets")[0] == 0
    _key(qtbot, window)
    assert window.status.currentMessage() == (
        "Rename “pets” to “animals”: cannot be undone now; “pets” is a tag again since, and "
        "the two would merge."
    )
    window.label_failure.close()  # type: ignore[union-attr]
    assert [("animals" in states(window, p), "pets" in states(window, p)) for p in paths] == [
        (True, False),
        (True, False),
        (False, True),
        (False, False),
    ]


def test_ctrl_z_after_a_merge_says_it_cannot_be_undone_before_undoing_the_step_before(
    opened: Opened, qtbot: QtBot
) -> None:
    window, paths, ids = opened
    window.decide([ids[2]], "beach", "add")
    window.decide([ids[3]], "animals", "add")
    settle(qtbot, window)
    window.tools.merge_into("pets", "animals")
    settle(qtbot, window)
    assert window.status.currentMessage() == (
        "Merged “pets” into “animals” (2 photos). The merge cannot be undone."
    )
    undo = window.undo_actions[0]
    assert undo.text() == "&Undo Merge “pets” into “animals” (cannot be undone)"

    _key(qtbot, window)  # says so; the 'animals' added on the sheep stays
    assert window.status.currentMessage() == (
        "Merge “pets” into “animals” cannot be undone: it is left as it is. "
        "Ctrl+Z again undoes the change before it"
    )
    assert states(window, paths[3])["animals"] == ("added", None)
    assert all(states(window, p)["animals"][0] == "added" for p in paths[:2])
    _key(qtbot, window)  # now the step before it
    assert "animals" not in states(window, paths[3])
    assert states(window, paths[2])["beach"] == ("added", None)

    window.tools.confirm = lambda *_: True
    window.tools.ask_delete("beach")
    settle(qtbot, window)
    assert undo.text() == "&Undo Delete “beach” (cannot be undone)"
    _key(qtbot, window)
    assert window.status.currentMessage().startswith("Delete “beach” cannot be undone")


def test_a_model_tag_renamed_in_the_tag_manager_is_renamed_back_with_its_column(
    opened: Opened, qtbot: QtBot
) -> None:
    """'dog', a tag the model suggests, renamed 'hound' with the Tag Manager's Rename button:
    Ctrl+Z, pressed in the Tag Manager, gives the model's suggestions back under 'dog' with
    their confidences, the model scores 'dog' by its column again, and the Tag Manager lists
    'dog'; Ctrl+Shift+Z, 'hound'."""
    window, paths, _ = opened
    dog = {p: states(window, p)["dog"] for p in paths[:2]}
    assert all(state is None for state, _ in dog.values())  # the model's suggestions
    manager = window.tools.open_tag_manager()
    with qtbot.waitActive(manager):
        manager.activateWindow()
    manager.select("dog")
    window.tools.ask_text = lambda *_: "hound"
    qtbot.mouseClick(manager.rename_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert {p: states(window, p).get("hound") for p in paths[:2]} == dog
    assert "hound" in active_columns(window.library)

    qtbot.keyClick(manager.tree, Qt.Key.Key_Z, CTRL)
    settle(qtbot, window)
    assert {p: states(window, p).get("dog") for p in paths[:2]} == dog
    assert "dog" in active_columns(window.library)
    assert "hound" not in active_columns(window.library)
    assert "dog" in manager.names() and "hound" not in manager.names()
    qtbot.keyClick(manager.tree, Qt.Key.Key_Z, CTRL | SHIFT)
    settle(qtbot, window)
    assert {p: states(window, p).get("hound") for p in paths[:2]} == dog
    assert "hound" in active_columns(window.library)
    assert "dog" not in active_columns(window.library)
    assert "hound" in manager.names() and "dog" not in manager.names()
