"""The Review tab's marks say what the library holds: an answer undone (Ctrl+Z) loses its
"✕ no" and the photo reads as unanswered again, a redo brings the mark back, and a decision
made on the details panel shows in the queue too. The marks were set on the key press only,
so an undone answer still read "✕ no · 30%" (found in the app)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.gui_helpers import review_window, settle


def test_marks_follow_undo_redo_and_other_decisions(qtbot: QtBot, tmp_path: Path) -> None:
    window, page = review_window(qtbot, tmp_path)
    assert len(page.items) >= 3
    texts = [page.list.item(r).text() for r in range(3)]
    # Not answered yet: the file name over the confidence and why it is asked, no mark.
    assert all("%" in t and not t.startswith(("✓", "✕")) for t in texts)

    qtbot.keyClick(page.list, Qt.Key.Key_R)
    qtbot.keyClick(page.list, Qt.Key.Key_A)
    settle(qtbot, window)
    assert page.list.item(0).text() == f"✕ no · {texts[0]}"
    assert page.list.item(1).text() == f"✓ yes · {texts[1]}"

    window.undo_stack.undo()  # the yes
    settle(qtbot, window)
    assert page.list.item(1).text() == texts[1]
    assert page.list.item(0).text() == f"✕ no · {texts[0]}"
    window.undo_stack.undo()  # the no
    settle(qtbot, window)
    assert page.list.item(0).text() == texts[0]
    window.undo_stack.redo()
    settle(qtbot, window)
    assert page.list.item(0).text() == f"✕ no · {texts[0]}"

    # Answered elsewhere: the details panel's decision on the third photo of the queue.
    window.decide([page.items[2].photo_id], "animal", "reject")
    settle(qtbot, window)
    assert page.list.item(2).text() == f"✕ no · {texts[2]}"
