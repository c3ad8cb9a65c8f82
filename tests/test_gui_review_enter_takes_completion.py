"""The Review tab's tag box took what was typed literally: "musi" typed, the completion list open
with 'musical instrument' and nothing chosen in it, Enter loaded the queue of 'musi', which said
the model "has not learned 'musi' yet". Enter now takes the tag the completion offers for a name
that is no tag (the one whose name starts with it, else the first offered); a name that is a
tag, or that nothing is offered for, is taken as it is typed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.gui_helpers import open_window, prescanned, settle


def test_enter_takes_the_tag_the_completion_offers(qtbot, engine, tmp_path: Path) -> None:
    prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    window._show_retrain("review")
    page = window.retrain.review_page
    editor = page.tag_box.lineEdit()
    completer = page.tag_box.completer()
    assert editor is not None and completer is not None
    popup = completer.popup()
    assert popup is not None

    def enter(typed: str, *, in_list: bool) -> str:
        editor.setFocus()
        editor.clear()
        qtbot.keyClicks(editor, typed)
        if in_list:  # the list open, nothing chosen in it
            assert popup.isVisible() and not popup.currentIndex().isValid()
            qtbot.keyClick(popup, Qt.Key.Key_Return)
        else:
            qtbot.keyClick(editor, Qt.Key.Key_Return)
        settle(qtbot, window)
        return page.question.text()

    # The start of one tag: that tag's queue, its name in the box.
    said = enter("dri", in_list=True)
    assert page.tag == "drink" and page.tag_box.currentText() == "drink", said
    assert "not learned" not in said and "drink" in said
    # Without case or accents, from the box with the list closed, and inside a name ('rink').
    for typed, meant in (("ANIM", "animal"), ("rink", "drink"), ("portr", "portrait")):
        said = enter(typed, in_list=False)
        assert page.tag == meant and page.tag_box.currentText() == meant, (typed, said)
    # A tag is taken as typed ('cat', though 'coffee' and 'cat' both start with 'c'), and a
    # name nothing is offered for says why it has no queue, as before.
    enter("cat", in_list=False)
    assert page.tag == "cat"
    said = enter("zebra", in_list=False)
    assert page.tag == "zebra" and "no tag called" in said and not page.items
