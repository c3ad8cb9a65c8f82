"""A tag taught from yes answers alone that nothing visual tells apart lands on no unanswered
photo; a visual one still spreads. A library's photos keep the keywords another program wrote by
folder ('Places|Greece|Crete' on a trip's photos, with nothing visual in common), and the files'
keywords count as yes answers. Learned "from your examples" and cut from the yes answers' weight
alone (no "no" answer to calibrate on), such a tag went onto every photo like any of them: on
1,000 ImageNet samples, 60 photos with the keyword became 373, 30 with IPTC 'Holiday' 228. Its
yes answers, held out, now score no higher than held-out unanswered photos
(core/tag_threshold.py's YES_ONLY_AUC), and no unanswered photo is taken for it; "monkeys",
taught from monkeys in the same training, is still found on the monkey no one answered."""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from phototagger.core.catalog import search_photos
from phototagger.core.labels import label_paths
from phototagger.core.model.activation import activate_version
from phototagger.core.retrain import train_candidate
from tests.keyword_readers import exiftool_set
from tests.scan_helpers import new_library, run_scan
from tests.test_new_tag_finds_an_unanswered_kin import DET, _photos

pytestmark = pytest.mark.model  # runs the real network: full tier only

CRETE = "Places/Greece/Crete"
MORE = 100  # photos of other kinds besides _photos' 40: a library, not a folder of examples


def test_a_keyword_on_random_photos_lands_on_no_other_photo(tmp_path: Path, engine: Any) -> None:
    photos = tmp_path / "photos"
    taught, _, unanswered = _photos(photos, held="14958", partial="30035")
    for source in [p for p in sorted(DET.glob("n*.jpg")) if "n0248" not in p.name][3::9][:MORE]:
        if not (photos / source.name).exists():
            shutil.copyfile(source, photos / source.name)
    others = sorted(p for p in photos.iterdir() if "monkey" not in p.name)
    trip = random.Random(34).sample(others, 15)  # one folder's photos: nothing in common
    for photo in trip:
        exiftool_set(
            photo, f"-XMP-lr:HierarchicalSubject={CRETE.replace('/', '|')}", "-XMP-dc:Subject=Crete"
        )
    with new_library() as lib:
        run_scan(lib, [photos], engine)
        label_paths(lib.db, [str(p) for p in taught], add=["monkeys"])
        result = train_candidate(lib)
        activate_version(lib, result.version)
        crete = {Path(p.path).name for p in search_photos(lib.db, [CRETE])}
        monkeys = {Path(p.path).name for p in search_photos(lib.db, ["monkeys"])}
    assert crete == {p.name for p in trip}, sorted(crete - {p.name for p in trip})
    names = {p.name for p in unanswered}
    assert names <= monkeys, sorted(names - monkeys)
    assert monkeys - names - {p.name for p in taught} == set()
