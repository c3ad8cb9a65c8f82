"""Find Duplicates moves the user's answers on a copy going to the trash onto the copy kept
(core/duplicate_carry). The moved answer took a new order number (store/tags.decision_mark), as
if the user had just given it: after a version had learned from the answers, trashing a copy
made `train` and the Train page count its moved answers as new corrections since that version
("2 new answers": a training with nothing new to learn), and the review and the threshold took
them for answers chosen from that version's scores, not the examples they were. A moved answer
now keeps its order number (and the latest of several copies' answers is told by it)."""

from __future__ import annotations

from phototagger.core import labels
from phototagger.core.duplicate_carry import carry_decisions
from phototagger.core.labels import Edit
from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store import tags as tag_store
from tests.store_helpers import add_photo


def _seq(db, photo: int, tag: str) -> int | None:
    row = db.execute(
        "SELECT pt.decided_seq FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id"
        " WHERE pt.photo_id = ? AND t.name = ?",
        [photo, tag],
    ).fetchone()
    return None if row is None else row[0]


def test_an_answer_moved_onto_the_copy_kept_is_no_new_answer() -> None:
    with open_library(default_home()) as lib:
        db = lib.db
        kept, copy, other = (add_photo(db, f"/p/IMG_{n}.jpg") for n in range(3))
        labels.apply_edits(
            db,
            [Edit(copy, "cats", "reject"), Edit(copy, "garden", "add"), Edit(other, "cats", "add")],
        )
        mark = tag_store.decision_mark(db)  # as a version trained now records it
        before = {tag: _seq(db, copy, tag) for tag in ("cats", "garden")}
        assert tag_store.decisions_by_kind(db, after=mark) == (0, 0)

        plan = carry_decisions(db, {copy: kept})

        assert sorted(m.tag for m in plan.moves) == ["cats", "garden"]
        assert {tag: _seq(db, kept, tag) for tag in ("cats", "garden")} == before
        assert tag_store.decisions_by_kind(db, after=mark) == (0, 0)
        labels.apply_edits(db, [Edit(other, "garden", "add")])  # a real new answer counts
        assert tag_store.decisions_by_kind(db, after=mark) == (1, 0)
