"""Adding a tag whose name looks like an existing one (T, 'animals', Enter) asks, and Enter
there keeps what the user typed: the default button was "Use “animal”", so T, 'animals', Enter,
Enter gave the photo 'animal' instead of the new tag (issue 8: teach 'monkeys' in the app).
The existing tag stays a clearly labelled alternative, and a case variant of it ('Animal') maps
to it without asking."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home
from tests.gui_helpers import click_photo, open_window, settle, shown_names
from tests.modal_helpers import answer_next_modal, click_button
from tests.switch_helpers import synthetic_library


def _press_enter(seen: list[str]):  # noqa: ANN202
    def act(dialog) -> None:  # noqa: ANN001
        assert isinstance(dialog, QMessageBox)
        default = dialog.defaultButton()
        seen.append(default.text() if default else "")
        seen.append(" | ".join(b.text() for b in dialog.buttons()))
        dialog.setFocus()
        QtBot.keyClick(dialog, Qt.Key.Key_Return)

    return act


def _tags(window) -> set[str]:  # noqa: ANN001
    return {r.entry.name for r in window.details.tags.rows}


def _animals_typed(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    """A photo of a library with 'animal' selected, T, 'animals' typed in the add field."""
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 6)
    window = open_window(qtbot, None, tmp_path)
    click_photo(qtbot, window, shown_names(window)[0])
    assert "animal" in window.overview.all_tag_names

    qtbot.keyClick(window.grid, Qt.Key.Key_T)
    field = window.details.add_field
    assert field.hasFocus()
    qtbot.keyClicks(field, "animals")
    return window


def test_enter_in_the_lookalike_question_creates_the_typed_tag(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = _animals_typed(qtbot, tmp_path)
    field = window.details.add_field
    buttons: list[str] = []
    asked = answer_next_modal(_press_enter(buttons))
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(asked))
    settle(qtbot, window)
    assert buttons[0] == "Create “animals”"
    assert "Use existing “animal”" in buttons[1]
    assert "animals" in _tags(window)
    assert "animals" in window.overview.all_tag_names
    # Keyboard flow goes on in the grid (offscreen, the closed question stays the active
    # window, so the main window's own focus is what is checked).
    assert window.focusWidget() is window.grid

    # A case variant of an existing tag is that tag, without a question.
    before = set(window.overview.all_tag_names)
    qtbot.keyClick(window.grid, Qt.Key.Key_T)
    qtbot.keyClicks(field, "ANIMAL ")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert set(window.overview.all_tag_names) == before
    assert not any(n.casefold() == "animal" and n != "animal" for n in _tags(window))


# Cancel in the question left 'animals' in the field unselected: typing another name gave
# 'animalszebra', the user had to clear the field first. The field now has the keys again, its
# text selected: typing replaces it, Esc leaves.
def test_cancel_in_the_lookalike_question_gives_the_field_back_selected(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = _animals_typed(qtbot, tmp_path)
    field = window.details.add_field
    before = _tags(window)
    asked = answer_next_modal(click_button("Cancel"))
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(asked))
    settle(qtbot, window)
    assert _tags(window) == before  # nothing added
    assert window.focusWidget() is field
    assert field.text() == "animals" and field.selectedText() == "animals"

    qtbot.keyClicks(field, "zebra")  # typing replaces the name
    assert field.text() == "zebra"
    qtbot.keyClick(field, Qt.Key.Key_Escape)  # Esc leaves, nothing added
    settle(qtbot, window)
    assert field.text() == "" and window.focusWidget() is window.grid
    assert _tags(window) == before
