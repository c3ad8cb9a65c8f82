"""words37: on the Train page the ⚠ warnings (a tag that cannot be told apart, one that spreads
past its answers) and the plain notes (a tag that stays on its own photos, one taken off as its
answers were taken back) ran together, "<br>"-joined: a note under a warning read as part of
it. The notes stand apart now, after a gap, and only warnings carry a ⚠."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from phototagger.gui.retrain_train import NOTES_GAP_PX, WARNING, warnings_then_notes

WARNED = "monkeys can't be told apart from photos like its own yet: it has no “no” answer"
NOTE = "'Crete' stays on the photos the files give it"


def _height(qtbot: QtBot, text: str) -> int:
    label = QLabel(text)
    label.setWordWrap(True)
    qtbot.addWidget(label)
    return label.heightForWidth(2000)


def test_a_note_under_a_warning_stands_apart_from_it(qtbot: QtBot) -> None:
    """Two one-line groups take more height than two lines: the gap between them is drawn."""
    said = warnings_then_notes([WARNED], [NOTE])
    together = "<br>".join([WARNING + WARNED, NOTE])
    assert _height(qtbot, said) >= _height(qtbot, together) + NOTES_GAP_PX // 2, said
    assert said.count("⚠") == 1 and said.index("⚠") < said.index("Crete"), said


def test_warnings_alone_and_notes_alone_have_no_gap(qtbot: QtBot) -> None:
    """A gap only parts the two kinds: one kind alone reads as its lines."""
    lines = _height(qtbot, "<br>".join([NOTE, NOTE]))
    assert _height(qtbot, warnings_then_notes([], [NOTE, NOTE])) == lines
    assert "⚠" not in warnings_then_notes([], [NOTE, NOTE])
    warned = warnings_then_notes([WARNED, WARNED], [])
    assert warned.count("⚠") == 2
    assert _height(qtbot, warned) == _height(qtbot, "<br>".join([WARNING + WARNED] * 2))
    assert warnings_then_notes([], []) == ""
