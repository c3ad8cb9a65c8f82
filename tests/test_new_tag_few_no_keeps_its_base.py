"""A tag taught from yes answers keeps the base those chose when its first "no" answers come, too
few for the held-out choice between bases. Taught "monkeys" from four of det-photos' five monkeys
(no "no"), the class set is widened to 'primate' and the fifth, a chimpanzee no answer showed, is
found (tests/test_new_tag_finds_an_unanswered_kin.py). Two "no" answers on photos of no primate
then switched the base back to the search with rejections, which widens nothing: the version
said it learned "like WordNet 'monkey'", whose mass the chimpanzee barely has (found still, here,
through the previous version's scores of it). On det-photos the same switch after a first review
round (1-4 "no") took kitchenware to "from your examples", 914 photos tagged on one seed
(benchmarks/new_tags.py --no-answers 0). With fewer than 5 "no", the base is chosen from the
yes answers alone; the "no" answers teach the correction."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from phototagger.core.catalog import search_photos
from phototagger.core.labels import label_paths
from phototagger.core.model.activation import activate_version
from phototagger.core.retrain import train_candidate
from tests.scan_helpers import new_library, run_scan
from tests.test_new_tag_finds_an_unanswered_kin import _photos

pytestmark = pytest.mark.model  # runs the real network: full tier only


def _trained(lib: Any) -> tuple[set[str], dict[str, Any]]:
    """Train and activate: the photos tagged "monkeys", and how the version learned it."""
    result = train_candidate(lib)
    activate_version(lib, result.version)
    found = {Path(p.path).name for p in search_photos(lib.db, ["monkeys"])}
    return found, result.counts.get("learned", {}).get("monkeys", {})


def test_two_no_answers_keep_the_set_the_yes_answers_chose(tmp_path: Path, engine: Any) -> None:
    photos = tmp_path / "photos"
    taught, _, unanswered = _photos(photos, held="14958", partial="30035")
    names = {p.name for p in unanswered}
    taught_names = {p.name for p in taught}
    with new_library() as lib:
        run_scan(lib, [photos], engine)
        label_paths(lib.db, [str(p) for p in taught], add=["monkeys"])
        found, learned = _trained(lib)
        assert names <= found and "'primate'" in learned["label"], (found, learned)

        others = sorted(p for p in photos.iterdir() if "monkey" not in p.name)
        label_paths(lib.db, [str(p) for p in others[:2]], reject=["monkeys"])
        found, learned = _trained(lib)
        assert "'primate'" in learned["label"], learned
        assert names <= found, sorted(names - found)
        assert found - names - taught_names == set(), sorted(found - names - taught_names)
