"""A tag rename or merge is told before or after a model version by the order it was made in,
not by its time, kept to the second (core/tag_map.came_after).

A version saved before a rename still names its column the old way, and loading it replays
the rename on it (core/tag_map.column_map); one trained after it carries the new names. Which
changes to replay was decided by time, a change in the version's own second counting as after
it: a script (or a quick user) that renames 'cats' to 'felines', teaches a new 'cats' and trains
within one second had the new version's 'cats' column renamed 'felines' at every load, so the
tag just taught was suggested under the other name and the model "had not learned" 'cats'. A
merge likewise moved the new column onto the tag merged into. A change now takes a number of
the decisions' order (migrations._V19_DECISION_ORDER), and a version records the last it read
(decisions_up_to)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import sqlite_utils

from phototagger.core.library import Library
from phototagger.core.model.tagger import load_head
from phototagger.core.retrain import model_tag_names
from phototagger.core.tag_admin import merge_tags, rename_tag, tag_changes
from phototagger.store import tags as tag_store
from phototagger.store.settings import get_setting, set_setting
from tests.retrain_helpers import library_from
from tests.taught_tags import taught


def _rename(db: sqlite_utils.Database) -> None:
    rename_tag(db, "cats", "felines")


def _merge(db: sqlite_utils.Database) -> None:
    photo = int(db.execute("SELECT max(id) FROM photos").fetchone()[0])
    tag_store.add_user_tag(db, photo, "felines")  # a tag of the user's, v2 has no column for
    merge_tags(db, "cats", "felines")


def _photos(lib: Library) -> list[int]:
    return [int(r[0]) for r in lib.db.execute("SELECT id FROM photos ORDER BY id")]


@pytest.mark.parametrize("change", [_rename, _merge], ids=["rename", "merge"])
def test_a_tag_taught_after_a_change_in_the_same_second_keeps_its_column(
    template: Path, change: Callable[[sqlite_utils.Database], None]
) -> None:
    lib, _ = library_from(template)
    with lib:
        photos = _photos(lib)
        tag_store.add_user_tag(lib.db, photos[0], "cats")
        taught(lib, "cats", {"Persian cat": 1.0}, "v2")
        change(lib.db)  # 'cats' is 'felines' now: v2's column follows it
        assert "cats" not in load_head(lib).tag_names
        # A new 'cats' taught and trained in the second of the change.
        tag_store.add_user_tag(lib.db, photos[2], "cats")
        second = tag_changes(lib.db)[-1][0]
        taught(lib, "cats", {"Siamese cat": 1.0}, "v3", created_at=second)
        names = load_head(lib).tag_names
        assert "cats" in names  # the old code: renamed (or merged) away as v2's was
        assert names.count("cats") == 1 and "cats" in model_tag_names(lib)


def test_a_change_made_after_a_training_in_its_second_is_replayed(template: Path) -> None:
    """The other way round: renamed just after the version was trained, in its second, the
    version's column takes the new name (as before, by time; now by order)."""
    lib, _ = library_from(template)
    with lib:
        tag_store.add_user_tag(lib.db, _photos(lib)[0], "cats")
        taught(lib, "cats", {"Persian cat": 1.0}, "v2")
        _rename(lib.db)
        saved = str(lib.models.record("v2").created_at)
        logged = get_setting(lib.db, "tag_changes")
        set_setting(lib.db, "tag_changes", [{**c, "at": saved} for c in logged])
        names = load_head(lib).tag_names
        assert "felines" in names and "cats" not in names


def test_a_change_logged_before_changes_were_numbered_goes_by_its_time(template: Path) -> None:
    """A change in the log without a number (made before this version of phototagger) is
    replayed on a version saved before it, or in its second, as before."""
    lib, _ = library_from(template)
    with lib:
        tag_store.add_user_tag(lib.db, _photos(lib)[0], "cats")
        taught(lib, "cats", {"Persian cat": 1.0}, "v2", created_at="2026-06-01T00:00:00+00:00")
        _rename(lib.db)
        logged = get_setting(lib.db, "tag_changes")
        assert all(isinstance(c["seq"], int) for c in logged)
        for at, replayed in (
            ("2026-05-31T23:59:59+00:00", False),
            ("2026-06-01T00:00:00+00:00", True),
        ):
            old = [{k: v for k, v in c.items() if k != "seq"} | {"at": at} for c in logged]
            set_setting(lib.db, "tag_changes", old)
            assert [c.seq for c in tag_changes(lib.db)] == [None]
            assert ("felines" in load_head(lib).tag_names) is replayed
