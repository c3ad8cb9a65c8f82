"""Keys never go to a widget the user cannot see: the Details panel's tag box laid out behind the
Model tab is still "visible" to Qt (isVisible), with nothing of it on screen (gui/in_view.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabBar
from pytestqt.qtbot import QtBot

from phototagger.gui.in_view import in_view
from phototagger.gui.main_window import MainWindow
from tests.gui_helpers import JOB_TIMEOUT_MS, click_photo, open_window, prescanned, settle, states
from tests.test_gui_train_keys_back import monkeys_taught, press_on_focus


def click_dock_tab(qtbot: QtBot, window: MainWindow, title: str) -> None:
    """Click the Details or Model tab under the right-hand docks, as the user does."""
    bar = next(
        b
        for b in window.findChildren(QTabBar)
        if b.isVisible() and title in [b.tabText(i) for i in range(b.count())]
    )
    index = [bar.tabText(i) for i in range(bar.count())].index(title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())


def test_a_run_ends_with_the_keys_in_view_not_in_the_tag_box_behind_the_model_tab(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window, page = monkeys_taught(qtbot, tmp_path)
    with qtbot.waitSignal(page.trained, timeout=JOB_TIMEOUT_MS):
        press_on_focus(qtbot, Qt.Key.Key_Space)  # Train New Model
        # Meanwhile: a photo, T (the Details tab comes up, its tag box takes the keys), then
        # back to the Model tab to watch the run; the tag box keeps the keys, out of sight.
        window.grid.go_to_row(0)
        window.grid.setFocus(Qt.FocusReason.MouseFocusReason)
        qtbot.keyClick(window.grid, Qt.Key.Key_T)
        assert QApplication.focusWidget() is window.details.add_field
        assert in_view(window.details.add_field)
        click_dock_tab(qtbot, window, "Model")
        assert window.details.add_field.isVisible() and not in_view(window.details.add_field)
    settle(qtbot, window)
    qtbot.wait(50)
    # The result the user is looking at has them (it kept them in the hidden tag box, where
    # the next keys typed a tag name nobody saw).
    assert QApplication.focusWidget() is page.changes.table, QApplication.focusWidget()


def test_t_r_and_enter_on_the_grid_under_the_model_tab(
    qtbot: QtBot, engine, tmp_path: Path
) -> None:
    pics = prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    click_photo(qtbot, window, "chelsea.jpg")
    names = [row.entry.name for row in window.details.tags.rows]
    assert names
    click_dock_tab(qtbot, window, "Model")
    window.grid.setFocus(Qt.FocusReason.MouseFocusReason)
    assert not in_view(window.details)

    # R rejects the highlighted tag in the Details panel: it comes up, so the user sees which.
    qtbot.keyClick(window.grid, Qt.Key.Key_R)
    settle(qtbot, window)
    assert states(window, pics / "chelsea.jpg")[names[0]][0] == "rejected"
    assert in_view(window.details.tags) and window.grid.hasFocus()

    # T gives the keys to the tag box only where it is seen; Enter gives them back to the grid.
    click_dock_tab(qtbot, window, "Model")
    window.grid.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.keyClick(window.grid, Qt.Key.Key_T)
    assert QApplication.focusWidget() is window.details.add_field
    assert in_view(window.details.add_field)
    qtbot.keyClicks(window.details.add_field, "garden")
    qtbot.keyClick(window.details.add_field, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert states(window, pics / "chelsea.jpg")["garden"][0] == "added"
    assert window.grid.hasFocus()
