"""A tag taught with yes answers only, on a kind that is much of the library, stays on that kind.
keys36's walk: "concert" said yes on 10 det-photos instruments (2 each of trumpets, drums,
guitars, pianos, violins) in a library of 80, 40 of them instruments (8 kinds) and 40 of 8 other
kinds. The class set the answers chose, 'musical instrument', was widened for yes answers to
'instrumentality' (one drum's second guess, a drumstick at 0.14, is no instrument): it spread
1.47 times the mass of 'musical instrument' over the library, under the twice allowed, but that
was already 42 % of it, and the widening took 5 cars, 5 chairs and a horse (10 photos taught,
51 tagged). Now a widening must add classes the answers show at least half as much as the
library's average photo does (core/concepts.ADDED_LIFT): they showed these 0.31 times."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from phototagger.core.catalog import search_photos
from phototagger.core.labels import label_paths
from phototagger.core.model.activation import activate_version
from phototagger.core.retrain import train_candidate
from tests.scan_helpers import new_library, run_scan

pytestmark = pytest.mark.model  # runs the real network: full tier only

DET = Path("/work/shared/data/det-photos")
INSTRUMENTS = ["accordion", "cello", "trumpet", "drum", "guitar", "piano", "saxophone", "violin"]
TAUGHT = ["trumpet", "drum", "guitar", "piano", "violin"]  # the first 2 photos of each
OTHERS = ["bird", "dog", "domestic_cat", "horse", "car", "chair", "banana", "pizza"]


def test_a_yes_only_tag_on_half_the_library_stays_off_other_kinds(
    tmp_path: Path, engine: Any
) -> None:
    photos = tmp_path / "photos"
    photos.mkdir()
    kind_of: dict[str, str] = {}
    for kind in INSTRUMENTS + OTHERS:
        sources = sorted(DET.glob(f"n*_{kind}.jpg"))
        assert len(sources) == 5, (kind, sources)
        for source in sources:
            shutil.copyfile(source, photos / source.name)
            kind_of[source.name] = kind
    taught = [photos / p.name for k in TAUGHT for p in sorted(DET.glob(f"n*_{k}.jpg"))[:2]]
    with new_library() as lib:
        run_scan(lib, [photos], engine)
        label_paths(lib.db, [str(p) for p in taught], add=["concert"])
        result = train_candidate(lib)
        activate_version(lib, result.version)
        learned = result.counts.get("learned", {}).get("concert", {})
        found = {Path(p.path).name for p in search_photos(lib.db, ["concert"])}

    assert "'musical instrument'" in learned["label"], learned
    assert "instrumentality" not in learned["label"], learned
    wrong = sorted(name for name in found if kind_of[name] not in INSTRUMENTS)
    assert wrong == [], wrong
    # Still the tag the user taught: most instruments no one answered are found.
    unanswered = {n for n, k in kind_of.items() if k in INSTRUMENTS} - {p.name for p in taught}
    assert len(found & unanswered) >= len(unanswered) / 2, sorted(unanswered - found)
