"""A version records which of a tag's labels were examples (given before any version knew the
tag) and which were answers chosen by score; review answers never join the examples, and the
threshold estimated from both stays near the one the examples alone give."""

from __future__ import annotations

from pathlib import Path

import pytest

from phototagger.core.labels import label_paths
from phototagger.core.model.activation import activate_version
from phototagger.core.model.review import review_queue
from phototagger.core.model.tagger import load_head
from phototagger.core.retrain import train_candidate
from tests.retrain_helpers import label_faces, library_from

pytestmark = pytest.mark.model  # runs the real network: full tier only


def test_review_answers_are_not_recorded_as_examples(template: Path) -> None:
    lib, pics = library_from(template)
    with lib:
        label_faces(lib, pics, positives=10, negatives=12)
        first = train_candidate(lib)
        activate_version(lib, first.version)
        examples = (lib.models.record(first.version).example_labels or {})["face"]
        labelled = {
            r["photo_id"]
            for r in lib.db.query("select photo_id from photo_tags where state is not null")
        }
        assert set(examples) == labelled
        head = load_head(lib)
        before = float(head.thresholds[head.tag_names.index("face")])

        # The user answers what the queue offers, truthfully: faces yes, everything else no.
        queue = review_queue(lib, "face", limit=10)
        assert queue
        faces = [q.path for q in queue if Path(q.path).name.startswith("face")]
        others = [q.path for q in queue if not Path(q.path).name.startswith("face")]
        label_paths(lib.db, faces, add=["face"])
        label_paths(lib.db, others, reject=["face"])
        second = train_candidate(lib)
        record = lib.models.record(second.version)
        assert (record.example_labels or {})["face"] == examples  # carried on, answers not added
        after = float(load_head(lib, second.version).thresholds[head.tag_names.index("face")])
        # Rejections at the boundary are not the library's false-positive rate: no climb to
        # the ceiling.
        assert after < 0.95
        assert abs(after - before) < 0.3
