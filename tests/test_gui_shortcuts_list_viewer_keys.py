"""Help ▸ Keyboard Shortcuts "lists every key" (README): the viewer's own keys included."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog, QTextBrowser, QWidget

from phototagger.gui.help_dialogs import show_shortcuts


def listing(qtbot) -> list[str]:
    parent = QWidget()
    qtbot.addWidget(parent)
    show_shortcuts(parent, [])
    dialog = next(
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QDialog) and w.windowTitle() == "Keyboard Shortcuts"
    )
    browser = dialog.findChild(QTextBrowser)
    assert browser is not None
    lines = browser.toPlainText().splitlines()
    dialog.close()
    return lines


def test_the_viewers_home_end_and_other_paging_keys_are_listed(qtbot) -> None:
    # The viewer goes to the first and last photo on Home and End, and pages on the arrows up
    # and down, Page Up and Page Down, Space and Backspace: none of them was listed.
    lines = listing(qtbot)
    assert lines[lines.index("Viewer: Home / End") + 1] == "First / last photo"
    paging = "Viewer: ↑ ↓, Page Up / Page Down, Backspace / Space"
    assert lines[lines.index(paging) + 1] == "Previous / next photo too"


def test_esc_in_full_screen_is_said_to_leave_it_first(qtbot) -> None:
    lines = listing(qtbot)
    assert lines[lines.index("Viewer: Esc") + 1] == "Leave full screen, else close the viewer"
