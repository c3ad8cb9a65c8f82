"""With several photos selected, a "no" said about a tag (R, Tags ▸ Reject a Tag…) shows in the
details panel, struck through with how many of the photos it was said on, and can be taken back
there: the panel listed only tags the photos have, so rejecting 'monkeys' on ten photos, or the
last of a tag on a selection, left no trace of it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from phototagger.core.states import TagState
from tests.gui_helpers import settle, two_selected
from tests.modal_helpers import answer_next_modal, click_button

CTRL = Qt.KeyboardModifier.ControlModifier


def _rows(window) -> dict[str, tuple[TagState | None, str, bool, bool]]:
    return {
        r.entry.name: (r.entry.state, r.entry.source, r.entry.can_accept, r.entry.can_reject)
        for r in window.details.tags.rows
    }


def test_rejections_on_a_selection_are_listed(qtbot: QtBot, tmp_path: Path) -> None:
    window, first, second = two_selected(qtbot, tmp_path, 6)

    window.commands.reject_named.trigger()
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QInputDialog)
    dialog.setTextValue("monkeys")
    dialog.accept()
    asked = answer_next_modal(click_button("Create “monkeys”"))  # looks like vocabulary's "monkey"
    qtbot.waitUntil(lambda: bool(asked))  # asked once OK's click has returned
    settle(qtbot, window)
    rows = _rows(window)
    assert rows["monkeys"] == (TagState.REJECTED, "rejected on 2 of 2", True, False)
    names = [r.entry.name for r in window.details.tags.rows]
    assert names[-1] == "monkeys"  # below the tags the photos have

    # On one of the two only: still listed, and R there says "no" for the other one too.
    window.undo_stack.undo()
    settle(qtbot, window)
    assert "monkeys" not in _rows(window)
    window.decide([window.details.photo_ids[0]], "monkeys", "reject")
    settle(qtbot, window)
    rows = _rows(window)
    assert rows["monkeys"] == (TagState.REJECTED, "rejected on 1 of 2", True, True)
    row = next(r for r in window.details.tags.rows if r.entry.name == "monkeys")
    qtbot.mouseClick(row.reject_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert _rows(window)["monkeys"][1] == "rejected on 2 of 2"

    # A tag one photo has and the other was said not to have: both counts.
    window.decide(window.details.photo_ids, "holiday", "add")
    window.decide([window.details.photo_ids[1]], "holiday", "reject")
    settle(qtbot, window)
    assert _rows(window)["holiday"][1] == "on some of them · 1 rejected"
