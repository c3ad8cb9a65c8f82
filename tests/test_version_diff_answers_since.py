"""What a version would change, counted once when training ends, and then the user answers (while
it trained, or before Apply): the Train page recounts it from their answers now
(version_diff.without_answers). It agreed with a fresh count only for photos the version adds
or removes: a "yes" on a photo neither version tags, or a "no" on one both tag, left the
"before → after" column one short (or over) on both sides, and a photo whose answer the user
undid was never counted back in, though Apply tags or untags it. Each step is checked here
against library_changes counted afresh, on real version heads over a real SQLite library."""

from __future__ import annotations

from phototagger.core import labels
from phototagger.core.jobs import Progress
from phototagger.core.library import open_library
from phototagger.core.model.activation import discard_version
from phototagger.core.retrain import train_candidate
from phototagger.core.version_diff import TagChange, answers_on, recount, without_answers
from phototagger.paths import default_home
from phototagger.store.tags import set_user_state
from tests.store_helpers import add_photo
from tests.switch_helpers import synthetic_library
from tests.version_diff_helpers import a_tag_it_changes, counted


def shown(change: TagChange) -> tuple[int, int, int, int, set[int], set[int]]:
    """What the Train page shows of a change: its counts and the photos it previews."""
    return (
        change.before,
        change.after,
        change.added,
        change.removed,
        set(change.added_ids),
        set(change.removed_ids),
    )


def test_answers_since_the_count_recount_as_a_fresh_count() -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 60)
        tag, added, kept, off = a_tag_it_changes(lib)
        # Answered before training ended: a "no" on a photo the new version would tag.
        set_user_state(lib.db, added[0], tag, "rejected")
        then = counted(lib, tag)
        assert set(then.added_ids) == set(added[1:])  # the versions' scores, as counted
        steps = [
            ("yes on a photo neither version tags", off[0], "added"),
            ("no on a photo both tag", kept[0], "rejected"),
            ("yes on a photo only the new one tags", added[1], "added"),
            ("the no given before the count, undone", added[0], None),
            ("the yes on the photo neither tags, undone", off[0], None),
        ]
        for step, photo, state in steps:
            set_user_state(lib.db, photo, tag, state)
            now = without_answers(then, answers_on(lib.db, [tag])[tag])
            assert shown(now) == shown(counted(lib, tag)), step


def test_a_tag_changed_only_on_photos_answered_while_training_ran_comes_back_on_undo() -> None:
    """A tag whose every changed photo the user answered while training ran changed nothing the
    run could count, and the run dropped it: undoing one of those answers then could not bring
    it back, though Apply tags that photo. The run keeps it apart (answered_changes), and the
    recount after the undo finds the photo. A real run of train_candidate, the answers given
    as it trains (after it has read the labels)."""
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 60)
        labels.apply_edits(lib.db, labels.decision_edits(ids[:10], "pets", "add"))
        labels.apply_edits(lib.db, labels.decision_edits(ids[10:40], "pets", "reject"))
        first = train_candidate(lib)
        gained = next(c for c in first.changes if c.tag == "pets").added_ids
        assert gained
        discard_version(lib, first.version)
        answered: list[int] = []

        def meanwhile(_progress: Progress) -> None:
            if not answered:  # the user says yes to each photo the run will tag
                answered.extend(gained)
                for photo in gained:
                    set_user_state(lib.db, photo, "pets", "added")

        run = train_candidate(lib, progress=meanwhile)
        assert answered and "pets" not in [c.tag for c in run.changes]
        kept = [c for c in run.answered_changes if c.tag == "pets"]
        assert len(kept) == 1
        set_user_state(lib.db, gained[0], "pets", None)  # one yes undone
        (now,) = recount(lib.db, kept)
        assert (now.added, now.removed, now.added_ids) == (1, 0, [gained[0]])
        assert now.after == now.before + 1


def test_a_photo_answered_since_with_no_embedding_counts_on_neither_side() -> None:
    """A photo answered after the count that has no embedding yet (still to be read) was
    counted on both sides ("7 → 8" for "6 → 7"), where a fresh count leaves it out."""
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 60)
        tag, _added, _kept, _off = a_tag_it_changes(lib)
        unread = add_photo(lib.db, "/synthetic/not-read-yet.jpg", status="pending")
        then = counted(lib, tag)
        set_user_state(lib.db, unread, tag, "added")
        (now,) = recount(lib.db, [then])
        assert shown(now) == shown(counted(lib, tag)) == shown(then)
