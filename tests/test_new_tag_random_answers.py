"""A tag the user invented whose yes and no answers the pictures do not tell apart stays on its
own photos, even where the held-out answers rank its yes a little above its no by chance.

Found by a user's pass (polish36): 'holiday Crete' said yes on a trip's folder and no on another
folder, photos with nothing in common, would have gone onto 97 more photos. The lead's draws on
det-photos (tests/test_new_tag_no_from_review's library, 20 random photos said yes to "crete"
and 20 others no, all at once, before any training): each of 6 draws went onto more photos than
its 20, up to 88 of 131. The calibration of such a tag reads a near-flat P(yes | score) whose
level is the answers' share of yes (half), not the library's, and its precision-first cut then
takes most of the library; the rule that guards against it (tag_threshold.ranks_yes_higher)
asked only that the held-out yes rank above the no more often than not, which 20 random yes
against 20 random no do half the time (draw 4: 0.58). A tag the user invented now needs the
held-out ranking beyond what a random draw of as many answers gives (one-sided 5 %)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from phototagger.core.catalog import search_photos
from phototagger.core.labels import label_paths
from phototagger.core.model.activation import activate_version
from phototagger.core.retrain import train_candidate
from tests.scan_helpers import new_library, run_scan
from tests.test_new_tag_no_from_review import _library

pytestmark = pytest.mark.model  # runs the real network: full tier only


def test_random_yes_and_no_answers_keep_the_tag_on_its_photos(tmp_path: Path, engine: Any) -> None:
    photos = tmp_path / "photos"
    _, _, others = _library(photos)
    drawn = random.Random(4).sample(others, 40)
    yes, no = drawn[:20], drawn[20:]
    with new_library() as lib:
        run_scan(lib, [photos], engine)
        label_paths(lib.db, [str(p) for p in yes], add=["crete"])
        label_paths(lib.db, [str(p) for p in no], reject=["crete"])
        activate_version(lib, train_candidate(lib).version)
        tagged = {Path(p.path).name for p in search_photos(lib.db, ["crete"])}
    assert tagged == {p.name for p in yes}, (len(tagged), sorted(tagged - {p.name for p in yes}))
