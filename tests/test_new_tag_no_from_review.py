"""A tag the user invented, its "no" answers all given to review, goes where its answers place it.

polish35's evening: "from Anna" said yes on 12 random photos of 397 stayed on 29; six "no" to
the first photos review offered for it, and the next version put it on 390. Its yes answers
were all examples (given before any version knew the tag) and its "no" all chosen by score, so
the library calibration had nothing to read (selection_aware.fit_library_calibration: None) and
the mixture cut library_threshold fell back on read the held-out yes answers, scored under the
no ones, as "every cut is as good": it cut at 0.05. The calibrated path's rule holds there too
now (core/tag_threshold.py: ranks_yes_higher): answers the held-out scores do not place take no
unanswered photo, and `train` says the tag stays on its own photos. On the old code this
library's draw went from 12 photos onto 115 of 151 (draws 1 and 2: 123 and 63).

"monkeys" answered alike (10 yes, then "no" to review's first 6 other photos, the monkeys it
offered left unanswered) lost its held-out monkey and crops on c18ae25: the fallback read the
"no", chosen from the top of the scores, as a sample of the photos that are not monkeys and
cut at 0.95. Read as the top of those photos (tag_threshold._above_the_no), the unanswered
photos above them are taken."""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from phototagger.core.catalog import search_photos
from phototagger.core.labels import label_paths
from phototagger.core.model.activation import activate_version
from phototagger.core.model.review import review_queue
from phototagger.core.no_answers import few_no_and_own_photos_words
from phototagger.core.retrain import train_candidate
from tests.scan_helpers import new_library, run_scan
from tests.test_keyword_nothing_to_see import MORE
from tests.test_new_tag_finds_an_unanswered_kin import DET, _photos

pytestmark = pytest.mark.model  # runs the real network: full tier only

TAG = "from anna"


def _library(photos: Path) -> tuple[list[Path], list[Path], list[Path]]:
    """det-photos' monkeys (tests/test_new_tag_finds_an_unanswered_kin) and 140 other photos in
    `photos`: (the monkeys taught, the monkey photos left unanswered, the other photos)."""
    taught, _, unanswered = _photos(photos, held="14958", partial="30035")
    for source in [p for p in sorted(DET.glob("n*.jpg")) if "n0248" not in p.name][3::9][:MORE]:
        if not (photos / source.name).exists():
            shutil.copyfile(source, photos / source.name)
    return taught, unanswered, sorted(p for p in photos.iterdir() if "monkey" not in p.name)


def test_review_no_answers_keep_a_tag_nothing_places_on_its_photos(
    tmp_path: Path, engine: Any
) -> None:
    photos = tmp_path / "photos"
    taught, unanswered, others = _library(photos)
    anna = random.Random(0).sample(others, 12)  # photos a person gave her: nothing in common
    with new_library() as lib:
        run_scan(lib, [photos], engine)
        label_paths(lib.db, [str(p) for p in anna], add=[TAG])
        label_paths(lib.db, [str(p) for p in taught], add=["monkeys"])
        activate_version(lib, train_candidate(lib).version)
        # Six "no" for each, to the first photos review offers that are not the tag's (the
        # monkeys it offers are left unanswered).
        for tag in (TAG, "monkeys"):
            offered = [
                str(item.path)
                for item in review_queue(lib, tag, limit=50)
                if "monkey" not in Path(item.path).name
            ][:6]
            assert len(offered) == 6, (tag, offered)
            label_paths(lib.db, offered, reject=[tag])
        result = train_candidate(lib)
        activate_version(lib, result.version)
        tagged = {Path(p.path).name for p in search_photos(lib.db, [TAG])}
        monkeys = {Path(p.path).name for p in search_photos(lib.db, ["monkeys"])}
    assert tagged == {p.name for p in anna}, sorted(tagged - {p.name for p in anna})
    # A tag the pictures show, taught and answered alike in the same training, still spreads:
    # onto every monkey photo review offered and no one answered, the held-out monkey and its
    # crops too (c18ae25 lost those: the fallback read the "no", chosen from the top of the
    # scores, as the photos that are not monkeys and cut at 0.95, over them at 0.48-0.50), and
    # onto nothing else.
    assert monkeys - {p.name for p in taught} == {p.name for p in unanswered}, sorted(monkeys)
    # What `train` and the Train page say of it: it stays on the 12; more "no" will not help.
    _, notes = few_no_and_own_photos_words(result.counts)
    said = [note for note in notes if note.startswith(f"{TAG} stays on")]
    assert said == [
        f"{TAG} stays on the 12 photos you said yes to: nothing the model sees tells them apart "
        "from the 6 you said no to; it may be something the pictures do not show (a person, a "
        "place, a time); to spread it, say yes on more photos it should have, then train again"
    ], notes


@pytest.mark.parametrize("draw", [17])
def test_random_yes_ranked_over_the_no_by_chance_stay_on_their_photos(
    tmp_path: Path, engine: Any, draw: int
) -> None:
    """12 random photos said yes, 6 "no" to review's first offers: in this draw the held-out
    yes answers happened to rank above the "no" ones, so c18ae25's rule did not hold it, and
    the mixture fit put it on 144 of 151 photos. The yes answers held out do not stand out of
    the unanswered photos (core/tag_threshold.YesOnlyCheck): it stays on its 12."""
    photos = tmp_path / "photos"
    _library(photos)
    others = sorted(p for p in photos.iterdir() if "monkey" not in p.name)
    anna = random.Random(draw).sample(others, 12)
    with new_library() as lib:
        run_scan(lib, [photos], engine)
        label_paths(lib.db, [str(p) for p in anna], add=[TAG])
        activate_version(lib, train_candidate(lib).version)
        offered = [str(item.path) for item in review_queue(lib, TAG, limit=6)]
        label_paths(lib.db, offered, reject=[TAG])
        activate_version(lib, train_candidate(lib).version)
        tagged = {Path(p.path).name for p in search_photos(lib.db, [TAG])}
    assert tagged == {p.name for p in anna}, len(tagged)
