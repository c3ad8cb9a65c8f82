"""What a version would change, counted once when training ends, and then the user answers (while
it trained, or before Apply): the Train page recounts it from their answers now
(version_diff.without_answers). It agreed with a fresh count only for photos the version adds
or removes: a "yes" on a photo neither version tags, or a "no" on one both tag, left the
"before → after" column one short (or over) on both sides, and a photo whose answer the user
undid was never counted back in, though Apply tags or untags it. Each step is checked here
against library_changes counted afresh, on real version heads over a real SQLite library."""

from __future__ import annotations

from phototagger.core.library import open_library
from phototagger.core.version_diff import TagChange, answers_on, without_answers
from phototagger.paths import default_home
from phototagger.store.tags import set_user_state
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
