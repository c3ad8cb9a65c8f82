"""Open in Default App and Show in File Manager were offered for a photo whose file was deleted
since the scan (the grid lists it until a rescan), and Ctrl+Shift+O handed the missing file to
the desktop, which failed there without a word. Both are now grey for such a photo, in the View
menu and the photo's right-click menu, saying why as Write Keywords does; the keys, pressed on a
photo whose file went after it was chosen, say why instead of opening nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl

from phototagger.gui.context_menus import photo_menu
from phototagger.gui.main_window import MainWindow
from tests.gui_helpers import click_photo, open_window, prescanned

GONE = "rocket.jpg is no longer there (it was moved or deleted)"


def _rocket_gone(qtbot, engine, tmp_path: Path) -> tuple[Path, MainWindow, list[QUrl]]:
    """The four photos scanned, rocket.jpg deleted since (the grid still lists it), the window
    open: the folder, the window, and the list of what reached the desktop."""
    pics = prescanned(tmp_path / "card", engine)
    (pics / "rocket.jpg").unlink()  # deleted in the file manager: the grid still lists it
    window = open_window(qtbot, engine, tmp_path)
    handed: list[QUrl] = []

    def open_url(url: QUrl) -> bool:  # what reached the desktop
        handed.append(url)
        return True

    window.tools.open_url = open_url
    return pics, window, handed


def test_open_and_show_are_grey_for_a_file_gone(qtbot, engine, tmp_path: Path) -> None:
    _, window, handed = _rocket_gone(qtbot, engine, tmp_path)
    tools = window.tools
    click_photo(qtbot, window, "rocket.jpg")
    menu = photo_menu(window, tools).actions()
    for action in (tools.open_default, tools.show_in_folder, window.commands.write_keywords):
        entry = next(a for a in menu if a is action)
        assert not entry.isEnabled(), action.text()
        assert "no longer there (it was moved or deleted)" in entry.toolTip(), action.text()
    tools.open_in_default_app()  # asked anyway
    assert window.status.currentMessage().startswith(GONE)
    tools.show_photo_folder()
    assert window.status.currentMessage().startswith(GONE)
    assert handed == []
    click_photo(qtbot, window, "coffee.jpg")
    assert tools.open_default.isEnabled() and tools.show_in_folder.isEnabled()
    assert "no longer" not in tools.open_default.toolTip() + tools.show_in_folder.statusTip()


def test_the_key_says_the_file_went_after_it_was_chosen(
    qtbot, engine, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))  # nothing to hand it to
    pics = prescanned(tmp_path / "card", engine)
    window = open_window(qtbot, engine, tmp_path)
    click_photo(qtbot, window, "rocket.jpg")
    assert window.tools.open_default.isEnabled()
    (pics / "rocket.jpg").unlink()  # deleted while chosen
    qtbot.keyClick(
        window.grid,
        Qt.Key.Key_O,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.status.currentMessage().startswith(GONE), window.status.currentMessage()
    qtbot.keyClick(
        window.grid,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.status.currentMessage().startswith(GONE), window.status.currentMessage()


def test_the_keys_of_a_grey_entry_say_why(qtbot, engine, tmp_path: Path) -> None:
    # Grey, the entries' keys did nothing and said nothing: Qt fires no shortcut of a disabled
    # action. They say in the status bar what the entries' tooltips say.
    pics, window, handed = _rocket_gone(qtbot, engine, tmp_path)
    tools = window.tools
    click_photo(qtbot, window, "rocket.jpg")
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    for key, action in ((Qt.Key.Key_O, tools.open_default), (Qt.Key.Key_E, tools.show_in_folder)):
        assert not action.isEnabled()
        window.status.clearMessage()
        qtbot.keyClick(window.grid, key, keys)
        assert window.status.currentMessage() == action.toolTip(), action.text()
        assert "no longer there (it was moved or deleted)" in action.toolTip()
    assert handed == []
    # A photo whose file is there: the same keys open it, once each.
    click_photo(qtbot, window, "coffee.jpg")
    window.status.clearMessage()
    qtbot.keyClick(window.grid, Qt.Key.Key_O, keys)
    qtbot.keyClick(window.grid, Qt.Key.Key_E, keys)
    assert [url.toLocalFile() for url in handed] == [str(pics / "coffee.jpg"), str(pics)]
    assert window.status.currentMessage() == ""
