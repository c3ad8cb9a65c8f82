"""A keyword read from a photo's file can be a sentence (one of 307 characters among ImageNet's
sample photos). The questions that ask for a tag by name keep a width of their own: Qt sized
their box, and so the question, to the longest tag name, and Shift+R's and T's question was wider
than the screen (1,921 px), OK and Cancel out of sight. Manage Tags keeps its counts in view:
its tag column was as wide as the sentence, the counts and lookalikes off to the right."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QInputDialog, QLabel
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.gui.sidebar_trees import all_items
from phototagger.paths import default_home
from tests.gui_helpers import click_photo, four_photos, open_window, settle
from tests.keyword_readers import exiftool_set
from tests.modal_helpers import answer_next_modal
from tests.scan_helpers import run_scan

SENTENCE = (
    "Soldier military army recruit enlisted war fatigues uniform front view contemporary life "
    "current affairs political America Caucasian man male young adult teen teenager boy war "
    "portrait horizontal head shoulders face day afternoon dimples strong pride troop hat "
    "private serious stern expression handsome dude"
)


def _check_fits(dialog: QInputDialog, screen_width: int) -> None:
    box = dialog.findChild(QComboBox)
    assert box is not None
    names = [box.itemText(i) for i in range(box.count())]
    assert SENTENCE in names  # still offered, whole
    # As wide as its question's words (the merge question's are long), not as the name.
    label = dialog.findChild(QLabel)
    assert label is not None
    width = dialog.sizeHint().width()
    assert width <= max(label.sizeHint().width() + 60, 400) < screen_width, width
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    for button in buttons.buttons():  # OK and Cancel inside the question, in view
        assert dialog.rect().contains(button.geometry().translated(buttons.pos())), button.text()
    row = names.index(SENTENCE)
    assert box.itemData(row, Qt.ItemDataRole.ToolTipRole) == SENTENCE  # read whole there


def _window_with_sentence(qtbot: QtBot, engine: object, tmp_path: Path) -> MainWindow:
    """Four real photos scanned with the real model, the sentence a keyword of one of them (as
    another program wrote it), in the real window offscreen."""
    photos = four_photos(tmp_path / "photos")
    exiftool_set(photos / "coffee.jpg", f"-XMP-dc:Subject={SENTENCE}")
    library = open_library(default_home())
    try:
        run_scan(library, [photos], engine)
    finally:
        library.close()
    return open_window(qtbot, engine, tmp_path)


def test_a_sentence_of_a_keyword_leaves_the_tag_questions_their_width(
    qtbot: QtBot, engine: object, tmp_path: Path
) -> None:
    window = _window_with_sentence(qtbot, engine, tmp_path)
    screen_width = 1440
    assert SENTENCE in window.overview.all_tag_names
    click_photo(qtbot, window, "chelsea.jpg")

    # Shift+R: "Which tag does this photo not have?"
    qtbot.keyClick(window.grid, Qt.Key.Key_R, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.findChild(QInputDialog, "reject-tag") is not None)
    dialog = window.findChild(QInputDialog, "reject-tag")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    _check_fits(dialog, screen_width)
    dialog.reject()

    # Tags ▸ Merge: "Merge … into which tag?", the same box.
    seen: list[QInputDialog] = []

    def look(question: object) -> None:
        assert isinstance(question, QInputDialog)
        _check_fits(question, screen_width)
        seen.append(question)
        question.reject()

    answer_next_modal(look)
    window.tools.ask_merge("cat")
    qtbot.waitUntil(lambda: bool(seen))


def test_manage_tags_keeps_its_counts_in_view(qtbot: QtBot, engine: object, tmp_path: Path) -> None:
    window = _window_with_sentence(qtbot, engine, tmp_path)
    manager = window.tools.open_tag_manager()
    qtbot.waitExposed(manager)
    settle(qtbot, window)
    tree = manager.tree
    rows = {item.text(0): item for item in all_items(tree.invisibleRootItem())}
    assert SENTENCE in rows
    # Every column in view, no scrolling sideways to read a count.
    header = tree.header()
    assert tree.horizontalScrollBar().maximum() == 0, header.length()
    photos = header.sectionViewportPosition(1) + header.sectionSize(1)
    assert photos <= tree.viewport().width()
    assert tree.columnWidth(0) <= manager.width() // 2
    assert rows[SENTENCE].toolTip(0) == SENTENCE  # read whole there
    assert rows[SENTENCE].text(1).strip() == "1"
