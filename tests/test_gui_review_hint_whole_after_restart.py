"""The Review tab's words before a tag is chosen, on a second start whose Model panel was
behind Details: seen in a real window (Xvfb, 1440 x 900), "Choose a tag: the model asks about
photos it is unsure of, sure of, or may have missed." read its second line cut in half. The
box (gui/note_box.NoteBox) had been fitted to the panel's width while hidden: it was two lines
tall, but its viewport kept the height of the three lines the words took at the width of the
first start (42 px in a box of 28), and the label, centred in it, drew the words half a line
down. The viewport is now laid out with the box, and the words start at its top."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.gui_helpers import open_window, prescanned, settle


def test_the_review_tabs_words_are_whole_when_its_panel_comes_forward_after_a_restart(
    qtbot: QtBot, engine, tmp_path: Path
) -> None:
    prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    window._show_retrain("review")
    settle(qtbot, window)
    window.details_dock.raise_()  # Details in front as the user quits
    settle(qtbot, window)
    window.close()  # the window's state is saved

    window = open_window(qtbot, engine, tmp_path)
    window._show_retrain("review")  # the Model panel comes forward, on its Review tab
    settle(qtbot, window)
    box = window.retrain.review_page.question
    assert "unsure of, sure of, or may have missed" in box.text()
    assert box.isVisible() and box.height() >= box._whole(box.width()) > 0
    # What is drawn is what the box shows: its viewport as tall as the box (was 42 in 28),
    # the words from its top.
    assert box.viewport().height() == box.height(), (box.viewport().height(), box.height())
    assert box.label.alignment() & Qt.AlignmentFlag.AlignTop
