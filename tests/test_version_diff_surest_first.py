"""The Train page's preview of a tag a new version spreads onto many photos showed the first 48
it adds in the library's order (the lead's "kitchen things", 147 photos, 16 right: the first
48 of a folder, none of the surest). The photos a change adds are now ordered surest first (the
new version's score), those it takes off surest off first, and a preview of more than PREVIEW
takes them evenly over that order: its surest photos and its closest calls both. Real version
heads scored over a real SQLite library of synthetic embeddings."""

from __future__ import annotations

import dataclasses

import numpy as np

from phototagger.core.library import open_library
from phototagger.core.training_set import embeddings_of
from phototagger.core.version_diff import PREVIEW, library_changes, preview_photos, spread_sample
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.paths import default_home
from tests.switch_helpers import synthetic_library
from tests.version_diff_helpers import heads


def test_a_spread_is_previewed_from_its_surest_photos_to_its_closest_calls() -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 400)
        active, raised = heads(lib)
        lowered = dataclasses.replace(raised, bias=active.bias - 1.0)
        ids, vectors = embeddings_of(lib.db, None, BACKBONE_NAME)
        moved = 0
        for candidate, changes in (
            (raised, library_changes(lib, active, raised, BACKBONE_NAME)[0]),
            (lowered, library_changes(lib, active, lowered, BACKBONE_NAME)[0]),
        ):
            column = {t: j for j, t in enumerate(candidate.tags)}
            by_score = {pid: s for pid, s in zip(ids, candidate.scores(vectors), strict=True)}
            for change in changes:
                j = column[change.tag]
                got = [float(by_score[p][j]) for p in change.added_ids]
                assert got == sorted(got, reverse=True), change.tag
                lost = [float(by_score[p][j]) for p in change.removed_ids]
                assert lost == sorted(lost), change.tag
                moved += len(got) > 1 or len(lost) > 1
        assert moved >= 5  # enough tags gain or lose several photos for the order to say much
        spread = max(library_changes(lib, active, raised, BACKBONE_NAME)[0], key=lambda c: c.added)
        assert spread.added > PREVIEW + 20, spread.added
        shown = [pid for pid, _path, _hash, added in preview_photos(lib.db, spread.added_ids, [])]
        assert len(shown) == PREVIEW
        # The surest and the closest call both shown, and the ones between in the same order.
        assert shown[0] == spread.added_ids[0] and shown[-1] == spread.added_ids[-1]
        places = [spread.added_ids.index(pid) for pid in shown]
        assert places == sorted(places)
        assert max(np.diff(places)) <= -(-len(spread.added_ids) // (PREVIEW - 1)) + 1


def test_a_sample_is_taken_evenly_and_all_of_few() -> None:
    assert spread_sample([5, 6, 7], 48) == [5, 6, 7]
    assert spread_sample(list(range(10)), 4) == [0, 3, 6, 9]
    assert spread_sample(list(range(100)), 2) == [0, 99]
