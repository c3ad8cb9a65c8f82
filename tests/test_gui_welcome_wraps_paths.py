"""polish35's evening: on a narrow window the welcome page of an emptied library broke the
removed folder's path after its first '/' ("… when you removed the folder /" over
"tmp/…/Pictures (Remove Folder) …"): Qt's line breaking may break after any '/'. A path that
fits on a line is now kept whole on one; a longer one breaks only before a '/', so each of its
lines starts with one. The tooltip gives the paths whole."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextDocument, QTextOption
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from phototagger.gui.centre import plain_words
from tests.gui_helpers import open_window, settle
from tests.photo_factory import real_photo
from tests.scan_helpers import new_library, run_scan


def _lines(label: QLabel) -> list[str]:
    """The label's text as its lines are laid out at its width (as it draws them)."""
    document = QTextDocument()  # as QLabel lays out its rich text: no margin, at words
    document.setDocumentMargin(0)
    option = document.defaultTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    document.setDefaultTextOption(option)
    document.setDefaultFont(label.font())
    document.setHtml(label.text())
    document.setTextWidth(label.contentsRect().width())
    document.size()  # laid out
    lines = []
    block = document.begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            lines.append(text[line.textStart() : line.textStart() + line.textLength()])
        block = block.next()
    return [plain_words(line) for line in lines]


def test_a_removed_folders_path_is_not_broken_after_a_slash(
    qtbot: QtBot, engine: object, tmp_path: Path
) -> None:
    folder = tmp_path / "Photos" / "Summer at the lake"
    real_photo(folder / "beach.jpg", "chelsea")
    with new_library() as library:
        run_scan(library, [folder], engine)
    window = open_window(qtbot, engine, tmp_path)
    window.tools.confirm = lambda *_: True  # "Remove ... from the library?": Yes
    assert window.tools.ask_remove_folder(str(folder))
    settle(qtbot, window)
    assert not window.centre.showing_grid
    welcome = window.centre.welcome
    path = str(folder)
    seen = set()
    narrowest = window.minimumSizeHint().width()
    for width in range(narrowest, narrowest + 1001, 25):
        window.resize(width, 700)
        qtbot.waitUntil(lambda: window.width() == width, timeout=3000)  # noqa: B023 - at once
        qtbot.wait(10)
        lines = _lines(welcome)
        whole = "".join(lines)  # a line ends with the space it broke at
        assert f"1 photo left it when you removed the folder {path} (Remove Folder)" in whole
        # No line ends after a separator; the path is on one line wherever it fits there.
        assert not [line for line in lines if line.rstrip().endswith("/")], (width, lines)
        fits = welcome.fontMetrics().horizontalAdvance(path) <= welcome.contentsRect().width()
        if fits:
            assert any(path in line for line in lines), (width, lines)
        seen.add(fits)
    assert seen == {True, False}  # both kinds of width were tried
    assert welcome.toolTip() == path
