"""Rejecting a tag by name (Shift+R, Tags ▸ Reject a Tag…) asks about a new name that looks like
an existing tag, as adding one does: 'monkys' or 'animals' typed in the dialog made a new tag of
its own, so the "no" taught nothing to the tag that was meant (found in the app)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QInputDialog
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import click_photo, open_window, settle, shown_names
from tests.modal_helpers import answer_next_modal, click_button
from tests.switch_helpers import synthetic_library


def _reject_by_name(qtbot: QtBot, window, typed: str, answer: str) -> list[str]:  # noqa: ANN001
    window.commands.reject_named.trigger()
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QInputDialog)
    dialog.setTextValue(typed)
    dialog.accept()
    asked = answer_next_modal(click_button(answer))  # the question, over the dialog
    # Not asked inside the dialog's accept: a question's event loop there deleted the closing
    # dialog under Qt's feet (a heap corruption that aborted a later test).
    assert asked == []
    qtbot.waitUntil(lambda: bool(asked))
    settle(qtbot, window)
    return asked


def _states(window) -> dict[str, object]:  # noqa: ANN001
    return {r.entry.name: r.entry.state for r in window.details.tags.rows}


def test_a_lookalike_name_is_asked_about(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 6)
    window = open_window(qtbot, None, tmp_path)
    click_photo(qtbot, window, shown_names(window)[0])

    asked = _reject_by_name(qtbot, window, "animals", "Use existing “animal”")
    assert asked == [
        "“animals” is a new tag. A similar tag, “animal”, already exists.\n\n"
        "Create “animals”, or use the existing “animal” instead?"
    ]
    assert _states(window)["animal"] == "rejected"
    assert "animals" not in window.overview.all_tag_names

    asked = _reject_by_name(qtbot, window, "vehicles", "Create “vehicles”")
    assert asked and _states(window)["vehicles"] == "rejected"  # as typed, when the user says so


# Cancel in the question closed the Reject a Tag dialog too, the name typed lost: nothing was
# rejected, and the user had to open the dialog and type again. The dialog now stays open, the
# name selected: typing replaces it, OK asks again, Esc leaves with nothing rejected.
def test_cancel_in_the_question_keeps_the_dialog_open_with_the_name_selected(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 6)
    window = open_window(qtbot, None, tmp_path)
    click_photo(qtbot, window, shown_names(window)[0])
    before = _states(window)
    window.commands.reject_named.trigger()
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QInputDialog)
    combo = dialog.findChild(QComboBox)
    assert combo is not None
    editor = combo.lineEdit()
    assert editor is not None
    qtbot.keyClicks(editor, "animals")
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    asked = answer_next_modal(click_button("Cancel"))  # the question, over the dialog
    qtbot.waitUntil(lambda: bool(asked))
    settle(qtbot, window)
    assert asked and "“animals” is a new tag" in asked[0]
    assert dialog.isVisible() and QApplication.activeModalWidget() is dialog
    # The name is selected once the question has gone and the dialog has the keys again (the
    # window activation comes through the event loop).
    qtbot.waitUntil(lambda: editor.hasFocus() and editor.selectedText() == "animals", timeout=3000)
    assert editor.text() == "animals"
    assert _states(window) == before  # nothing rejected

    qtbot.keyClicks(editor, "vehicle")  # typing replaces the name
    assert editor.text() == "vehicle"
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # Esc leaves, nothing rejected
    qtbot.waitUntil(lambda: not dialog.isVisible())
    settle(qtbot, window)
    assert _states(window) == before
