"""A version records which of a tag's labels were examples (given before any version knew the
tag) and which were answers chosen by score; review answers never join the examples, and the
threshold estimated from both stays near the one the examples alone give."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from phototagger.core.labels import label_paths
from phototagger.core.model.activation import activate_version
from phototagger.core.model.review import review_queue
from phototagger.core.model.tagger import load_head
from phototagger.core.retrain import train_candidate
from phototagger.core.training_set import embeddings_of
from phototagger.ml.engine import BACKBONE_NAME
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
        # ...and the tag stays where the examples put it: it lands on nearly the same photos.
        # (Its value may move, as the answers reshape the scores it cuts: here from about 0.8
        # to 0.5, tagging every face and nothing else after the answers.)
        ids, emb = embeddings_of(lib.db, None, BACKBONE_NAME)
        j = head.tag_names.index("face")
        tagged_before = np.asarray(head.scores(emb))[:, j] >= before
        tagged_after = np.asarray(load_head(lib, second.version).scores(emb))[:, j] >= after
        assert int((tagged_before != tagged_after).sum()) <= 3, (before, after)
