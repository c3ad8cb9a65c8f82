"""Photos out of the library (their folder removed from it, or their files gone at a rescan) keep
their rows, tags and the user's answers, should they come back; a model version still scores
them. The Train page's figures and Apply's count left them in: qa26 removed a folder of 26
photos, taught "my pets", and the page said "22 → 48" and then "163 photos' tags changed", where
the sidebar and the search showed 44 (4 of the 48 were in the removed folder). What a version
changes is counted, and previewed, on the photos in the library only; it still re-tags the
others, so they are current if they come back. Real version heads over a real SQLite library."""

from __future__ import annotations

from phototagger.core.library import open_library
from phototagger.core.model.activation import activate_version
from phototagger.paths import default_home
from phototagger.store import photos as photo_store
from tests.switch_helpers import save_second_version, synthetic_library
from tests.version_diff_helpers import a_tag_it_changes, counted


def test_photos_out_of_the_library_are_not_counted_or_previewed() -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 60)
        tag, added, kept, _ = a_tag_it_changes(lib)
        whole = counted(lib, tag)
        gone = [added[0], added[1], kept[0]]
        photo_store.mark_missing(lib.db, gone)
        now = counted(lib, tag)
        assert set(now.added_ids) == set(added[2:])
        assert now.added == whole.added - 2
        assert now.before == whole.before - 1  # kept[0] was tagged by both versions
        assert now.after == whole.after - 3
        assert kept[0] not in now.kept_ids


def test_a_switch_counts_only_photos_in_the_library_and_retags_the_others() -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 60)
        save_second_version("v2")
        tag, added, _, _ = a_tag_it_changes(lib)
        photo_store.mark_missing(lib.db, added[:2])
        changed: set[int] = set()
        activate_version(lib, "v2", changed=changed)
        assert changed
        assert not changed & set(added[:2])
        assert changed <= set(ids) - set(added[:2])
        # Still re-tagged: current should the folder come back.
        rows = lib.db.execute(
            "SELECT count(*) FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id"
            " WHERE t.name = ? AND pt.photo_id IN (?, ?) AND pt.model_version = 'v2'",
            [tag, *added[:2]],
        ).fetchone()[0]
        assert rows == 2
