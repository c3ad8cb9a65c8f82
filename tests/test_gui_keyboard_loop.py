"""The keyboard loop never slips: every key does one thing, T then Enter returns to the grid, the
next photo starts at its first tag, and A/R work from the viewer."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QTextBrowser

from phototagger.gui.file_gone import KEYS_SAYING_WHY
from tests.gui_helpers import click_photo, open_window, prescanned, row_of, settle, states


def shortcut_table(window) -> tuple[Counter[str], dict[str, list[str]]]:
    """(keys of window-wide actions with how often each is bound, widget-bound keys by widget)."""
    window_keys: Counter[str] = Counter()
    widget_keys: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        if action.objectName() == KEYS_SAYING_WHY:
            # A grey file action's stand-in (gui/file_gone.py): its action's keys, enabled only
            # while that action is grey, so the two never answer one key together.
            assert not (action.isEnabled() and action.parent().isEnabled())
            continue
        keys = [k.toString(QKeySequence.SequenceFormat.PortableText) for k in action.shortcuts()]
        if action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut:
            for widget in action.associatedObjects():
                widget_keys.setdefault(widget.objectName() or type(widget).__name__, []).extend(
                    keys
                )
        else:
            window_keys.update(keys)
    return window_keys, widget_keys


def highlighted_row(window) -> int | None:
    entry = window.details.tags.highlighted
    names = [row.entry.name for row in window.details.tags.rows]
    return None if entry is None else names.index(entry.name)


def test_no_two_actions_share_a_key(qtbot, engine, tmp_path: Path) -> None:
    window = open_window(qtbot, engine, tmp_path)
    window_keys, widget_keys = shortcut_table(window)
    assert len(window_keys) > 30  # the menus' actions, the tools', undo and redo
    assert {k: n for k, n in window_keys.items() if n > 1} == {}
    for widget, keys in widget_keys.items():
        assert len(keys) == len(set(keys)), (widget, keys)
        assert not set(keys) & set(window_keys), (widget, set(keys) & set(window_keys))
    assert {"F1", "Ctrl+Q", "Ctrl+Shift+F", "Ctrl+Shift+D", "A", "R", "T"} <= set(window_keys)

    qtbot.keyClick(window, Qt.Key.Key_F1)  # used to be bound twice, and so did nothing
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, QDialog) and w.windowTitle() == "Keyboard Shortcuts" and w.isVisible()
            for w in QApplication.topLevelWidgets()
        )
    )
    listed = next(
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QDialog) and w.windowTitle() == "Keyboard Shortcuts"
    )
    # P is Previous Photo here and in the viewer; a clip plays on Enter there (P played it).
    browser = listed.findChild(QTextBrowser)
    assert browser is not None
    listing = browser.toPlainText()
    assert "Viewer: ← →, P / N" in listing and "Viewer: Enter" in listing
    lines = listing.splitlines()
    assert lines[lines.index("Viewer: Enter") + 1] == "Play a clip in your video player"
    assert lines[lines.index("P") + 1] == "Previous Photo"
    listed.close()
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_tag_then_enter_returns_to_the_grid_and_next_photo_starts_at_its_first_tag(
    qtbot, engine, tmp_path: Path
) -> None:
    pics = prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    click_photo(qtbot, window, "chelsea.jpg")
    qtbot.keyClick(window.grid, Qt.Key.Key_T)
    assert window.details.add_field.hasFocus()
    qtbot.keyClicks(window.details.add_field, "garden")
    qtbot.keyClick(window.details.add_field, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert states(window, pics / "chelsea.jpg")["garden"][0] == "added"
    assert window.grid.hasFocus()  # the next key goes to the photos again

    qtbot.keyClick(window.grid, Qt.Key.Key_J)
    qtbot.keyClick(window.grid, Qt.Key.Key_J)
    assert highlighted_row(window) == 2
    before = window.grid.current_row()
    assert before is not None
    qtbot.keyClick(window.grid, Qt.Key.Key_N)
    settle(qtbot, window)
    assert window.grid.current_row() == before + 1
    assert highlighted_row(window) in (0, None)  # None: a photo without tags
    qtbot.keyClick(window.grid, Qt.Key.Key_P)
    settle(qtbot, window)
    # Back on the first photo: at its first tag again of the model's, after "garden" the user
    # added (listed first since preview41, as in the grid's caption), which A and R are not for.
    assert highlighted_row(window) == 1
    assert window.details.tags.rows[0].entry.name == "garden"


def test_accept_and_reject_from_the_viewer(qtbot, engine, tmp_path: Path) -> None:
    pics = prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    click_photo(qtbot, window, "chelsea.jpg")
    names = [row.entry.name for row in window.details.tags.rows]
    assert len(names) >= 2
    viewer = window.open_viewer(row_of(window, "chelsea.jpg"))
    qtbot.waitExposed(viewer)
    viewer.activateWindow()
    qtbot.waitUntil(viewer.isActiveWindow)
    qtbot.keyClick(viewer, Qt.Key.Key_A)
    settle(qtbot, window)
    qtbot.keyClick(viewer, Qt.Key.Key_R)
    settle(qtbot, window)
    found = states(window, pics / "chelsea.jpg")
    assert found[names[0]][0] == "accepted" and found[names[1]][0] == "rejected"
    qtbot.keyClick(viewer, Qt.Key.Key_Escape)
