"""An answer that Undo (or Redo) brings back is the answer it was, in the order it was given,
unless a model version was trained while it was away (migrations._V19_DECISION_ORDER).

Undo wrote the row back as any label is written, and the order-number triggers numbered it as
an answer given now: answer, train, change an answer, undo the change, and `train` and the
Train page counted a correction since the active version (the answer it had learned, exactly
as it learned it), the review queue took a redone answer the version had learned from for a
review answer to it. When a version was trained while the answer was away, it learned what the
change left, and the answer brought back is new to it: then it counts.

Through the GUI's own undo command (gui/undo.LabelCommand on a QUndoStack), over a real library
copied from the scanned template; "train" is tests/taught_tags.taught, which saves and activates
a version that records the decisions it read (decisions_up_to), as training does."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack

from phototagger.core import labels
from phototagger.core.labels import Edit
from phototagger.core.library import Library
from phototagger.core.retrain import training_overview
from phototagger.gui.undo import LabelCommand
from phototagger.store import tags as tag_store
from tests.retrain_helpers import library_from
from tests.taught_tags import taught

pytestmark = pytest.mark.usefixtures("qapp")


class _Answers:
    """The user's answers about 'cats' as the app gives them: each an undoable command."""

    def __init__(self, lib: Library) -> None:
        self.lib = lib
        self.stack = QUndoStack()
        self.failed: list[str] = []
        self.photos = [int(r[0]) for r in lib.db.execute("SELECT id FROM photos ORDER BY id")]

    def give(self, action: labels.Action, *photos: int) -> None:
        change = labels.apply_edits(self.lib.db, [Edit(p, "cats", action) for p in photos])
        self.stack.push(LabelCommand(self.lib, change, action, lambda _: None, self.failed.append))

    def train(self, version: str) -> None:
        taught(self.lib, "cats", {"Persian cat": 1.0}, version)

    def corrections(self) -> int:
        """What `train` and the Train page count as new since the active version."""
        return training_overview(self.lib).corrections_since_active

    def answered_under(self, version: str, photo: int) -> bool:
        """Whether the review queue takes the answer on `photo` as given after `version` was
        trained (review._unseen_turns, by ModelVersion.came_after), not one it learned from."""
        decided = tag_store.timed_decisions_on(self.lib.db, "cats")
        at, seq = {p: (at, seq) for p, _, at, seq in decided}[photo]
        return self.lib.models.record(version).came_after(seq, at)


def test_undoing_a_later_answer_brings_back_the_one_the_version_learned(template: Path) -> None:
    lib, _ = library_from(template)
    with lib:
        user = _Answers(lib)
        first, second, third = user.photos[:3]
        user.give("add", first, second, third)
        user.train("v2")
        assert user.corrections() == 0
        user.give("reject", first)  # a later answer: the version learned "yes" there
        assert user.corrections() == 1
        user.stack.undo()  # "yes" again, as v2 learned it: nothing new (the old code: 1)
        assert user.corrections() == 0
        assert not user.answered_under("v2", first)
        user.stack.redo()
        assert user.corrections() == 1 and user.answered_under("v2", first)
        user.stack.undo()
        assert user.corrections() == 0
        # An answer taken off (a decision removed), then brought back.
        user.give("remove", second)
        user.stack.undo()
        assert user.corrections() == 0 and not user.answered_under("v2", second)
        assert not user.failed


def test_an_answer_a_version_learned_is_no_answer_to_it_when_redone(template: Path) -> None:
    """Answer, train (the version learns it), undo the answer, redo it: the answer is the one
    the version learned, not a review answer to it (the old code: a review answer, and a
    correction since the version)."""
    lib, _ = library_from(template)
    with lib:
        user = _Answers(lib)
        first, second = user.photos[:2]
        user.give("add", first, second)
        user.train("v2")
        user.give("reject", first)  # a review answer to v2
        user.train("v3")  # which v3 learned
        assert user.corrections() == 0 and not user.answered_under("v3", first)
        user.stack.undo()  # v3 learned "no" there: the "yes" back is new to it
        assert user.corrections() == 1
        user.stack.redo()  # the "no" v3 learned
        assert user.corrections() == 0
        assert not user.answered_under("v3", first) and user.answered_under("v2", first)
        assert not user.failed


def test_an_answer_brought_back_after_a_training_is_new_to_that_version(
    template: Path,
) -> None:
    """A version trained while the answer was away read what the change left: the answer
    brought back counts as given after it, by undo and by redo."""
    lib, _ = library_from(template)
    with lib:
        user = _Answers(lib)
        first, second, third = user.photos[:3]
        user.give("add", first, second)
        user.train("v2")
        user.give("remove", first)  # taken off, then a version trained without it
        user.train("v3")
        assert user.corrections() == 0
        user.stack.undo()
        assert user.corrections() == 1 and user.answered_under("v3", first)
        user.give("add", third)
        user.stack.undo()  # the "yes" on the third photo never reached a version
        assert user.corrections() == 1
        user.train("v4")
        user.stack.redo()  # ... nor v4, trained while it was away
        assert user.corrections() == 1 and user.answered_under("v4", third)
        assert not user.failed
