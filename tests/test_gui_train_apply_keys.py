"""polish35's evening, keyboard only: after Train New Model the keys are on the changes table
(to read them: the arrows preview each tag's photos), and Apply was four Tabs away. Apply has a
chord of its own now, Ctrl+Enter, and Discard Ctrl+Del, said over the buttons; Enter alone,
pressed while reading the changes, applies nothing. And a run trained before the library was
emptied (every folder removed) kept Apply on, with nothing left to re-tag: it is off, and the
page says why, until a folder is added again. Real photos, the real model, a real scan."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from phototagger.core.model.active import active_version
from phototagger.core.retrain import TrainingResult
from phototagger.gui.main_window import MainWindow
from phototagger.gui.retrain_train import TrainPage
from tests.gui_helpers import JOB_TIMEOUT_MS, open_window, scan, settle
from tests.test_gui_review_points_to_apply import pets  # noqa: F401 - five yes, four no

pytestmark = pytest.mark.model

CTRL = Qt.KeyboardModifier.ControlModifier


def _trained(
    qtbot: QtBot, engine: object, tmp_path: Path
) -> tuple[MainWindow, TrainPage, TrainingResult]:
    """The window, its Train page showing a run trained with Ctrl+T and Space, not applied."""
    window = open_window(qtbot, engine, tmp_path)
    page = window.retrain.train_page
    qtbot.keyClick(window.grid, Qt.Key.Key_T, CTRL)  # Model ▸ Train: the keys on its button
    settle(qtbot, window)
    assert page.train_button.hasFocus()
    with qtbot.waitSignal(page.trained, timeout=JOB_TIMEOUT_MS):
        qtbot.keyClick(page.train_button, Qt.Key.Key_Space)
    settle(qtbot, window)
    result = page.result
    assert result is not None and page.apply_button.isEnabled()
    return window, page, result


def _version(window: MainWindow) -> str:
    return active_version(window.db)


@pytest.mark.usefixtures("pets")
def test_apply_and_discard_have_keys_and_enter_alone_applies_nothing(
    engine: object, qtbot: QtBot, tmp_path: Path
) -> None:
    window, page, result = _trained(qtbot, engine, tmp_path)
    table = page.changes.table
    assert QApplication.focusWidget() is table  # reading what it changes
    assert page.keys_note.isVisible()
    assert page.keys_note.text() == "Ctrl+Enter applies · Ctrl+Del discards"

    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down, Qt.Key.Key_Up):
        qtbot.keyClick(table, key)
    settle(qtbot, window)
    assert page.result is result and _version(window) == result.parent  # nothing applied

    asked: list[str] = []

    def no(_parent: object, title: str, _question: str) -> bool:
        asked.append(title)
        return False

    page.confirm = no
    qtbot.keyClick(table, Qt.Key.Key_Delete, CTRL)
    assert asked == ["Discard Model Version"] and page.result is result  # asked, kept

    with qtbot.waitSignal(window.retrain.activated, timeout=JOB_TIMEOUT_MS):
        qtbot.keyClick(table, Qt.Key.Key_Return, CTRL)
    settle(qtbot, window)
    assert _version(window) == result.version and page.result is None
    assert window.focusWidget() is window.grid  # the keys back on the photos, as before


@pytest.mark.usefixtures("pets")
def test_a_run_shown_after_the_library_was_emptied_cannot_be_applied(
    engine: object, qtbot: QtBot, tmp_path: Path
) -> None:
    pics = tmp_path / "pics"  # the fixture's
    window, page, result = _trained(qtbot, engine, tmp_path)
    window.tools.confirm = lambda *_: True  # "Remove ... from the library?": Yes
    assert window.tools.ask_remove_folder(str(pics))
    settle(qtbot, window)
    assert window.overview.photos == 0
    assert page.result is result and page.discard_button.isEnabled()  # still to discard
    assert not page.apply_button.isEnabled()
    assert page.apply_note.isVisible()
    assert page.apply_note.text() == (
        f"Model {result.version} cannot be applied now: the library has no photos since its "
        "folders were removed, so there is nothing for it to re-tag. Add a folder to apply it, "
        "or discard it."
    )
    assert page.keys_note.text() == "Ctrl+Del discards"  # not "Ctrl+Enter applies" too
    qtbot.keyClick(page.changes.table, Qt.Key.Key_Return, CTRL)
    settle(qtbot, window)
    assert _version(window) == result.parent  # the chord does what the button would: nothing

    scan(qtbot, window, pics)  # the folder added again
    settle(qtbot, window)
    assert window.overview.photos == 9
    assert page.apply_button.isEnabled() and not page.apply_note.isVisible()
    assert page.keys_note.text() == "Ctrl+Enter applies · Ctrl+Del discards"
