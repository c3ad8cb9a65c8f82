"""The review queue's line of kinds a taught tag weighs only weakly: one photo per such class,
on a real library with the real model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from phototagger.core.labels import label_paths
from phototagger.core.model.review import review_queue
from phototagger.core.model.unseen_kinds import queue_inputs, weak_kinds
from phototagger.core.review_mix import mixed_order
from phototagger.core.training_set import embeddings_of
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.store.tags import decided_photo_ids
from tests.imagenet_photos import class_index
from tests.retrain_helpers import library_from
from tests.taught_tags import taught

pytestmark = pytest.mark.model  # runs the real network: full tier only


def test_one_photo_per_weakly_weighed_kind_is_asked_about_until_answered(template: Path) -> None:
    lib, pics = library_from(template)
    with lib:
        # A tag whose examples were Persian cats: other cats are WordNet neighbours it weighs
        # only weakly (core/class_neighbours.py), so the tabby in chelsea.jpg (and its copy)
        # scores below the threshold, as do the faces, the patches and the coffee cup.
        weak = {"tabby": 0.2, "tiger cat": 0.2, "Egyptian cat": 0.2}
        head = taught(lib, "cats", {"Persian cat": 1.0, **weak})
        j = head.tags.index("cats")
        kinds = weak_kinds(head, j)
        assert kinds is not None and not kinds.neighbours
        assert kinds.weights[class_index("Persian cat")] == 0.0
        assert {int(k) for k in np.flatnonzero(kinds.weights)} == {class_index(n) for n in weak}
        found = queue_inputs(lib, head, j, kinds, set())
        scored, unseen = found.scored, found.unseen
        path_of = {q.photo_id: Path(q.path).name for q in review_queue(lib, "cats", limit=60)}
        assert len(scored) == len(path_of)  # every embedded photo, none decided yet
        cats = {pid for pid, name in path_of.items() if name.startswith("chelsea")}
        assert len(cats) == 2 and all(conf < 0.5 for pid, conf in scored if pid in cats)
        # Only cats (no face, patch or cup), each photo once, whose likeliest class is weak.
        assert unseen and {p for p, _ in unseen} <= cats
        assert len({p for p, _ in unseen}) == len(unseen)
        _, emb = embeddings_of(lib.db, [p for p, _ in unseen], BACKBONE_NAME)
        probs = head.base.imagenet_probabilities(emb)
        assert all(kinds.weights[np.argsort(-row)[:2]].any() for row in probs)  # tabby/tiger cat

        # The line takes two turns in five, the queue stays the same until answered ...
        queue = [q.photo_id for q in review_queue(lib, "cats", limit=5)]
        assert unseen[0][0] in queue[:2]  # first or second, with photos above the threshold
        assert [q.photo_id for q in review_queue(lib, "cats", limit=5)] == queue
        threshold = float(head.thresholds[j])
        kind_of = queue_inputs(lib, head, j, kinds, set()).kind_of  # none confirmed: no skip
        assert queue == [p for p, _ in mixed_order(scored, threshold, 5, unseen, kind_of)]

        # ... and an answered photo never comes back.
        first = unseen[0][0]
        label_paths(lib.db, [str(pics / path_of[first])], reject=["cats"])
        again = [q.photo_id for q in review_queue(lib, "cats", limit=60)]
        assert first not in again and first in decided_photo_ids(lib.db, "cats")

        # A default tag has no such line.
        assert head.base_index[0] >= 0 and weak_kinds(head, 0) is None


def test_a_tag_whose_classes_are_all_settled_is_asked_about_their_wordnet_neighbours(
    template: Path,
) -> None:
    lib, pics = library_from(template)
    with lib:
        # Taught on Persian cats alone (weight 1): the other cats are WordNet neighbours it
        # does not take, so the tabby in chelsea.jpg is asked about.
        head = taught(lib, "persian", {"Persian cat": 1.0})
        j = head.tags.index("persian")
        kinds = weak_kinds(head, j)
        assert kinds is not None and kinds.neighbours
        assert kinds.weights[class_index("Persian cat")] == 0.0
        assert kinds.weights[class_index("tabby")] > 0 and kinds.weights[class_index("tiger cat")]
        assert kinds.weights[class_index("coffee mug")] == 0.0  # far in WordNet: not a neighbour
        unseen = queue_inputs(lib, head, j, kinds, set()).unseen
        path_of = {q.photo_id: Path(q.path).name for q in review_queue(lib, "persian", limit=60)}
        cats = {pid for pid, name in path_of.items() if name.startswith("chelsea")}
        # The nearest kind comes first: the cat (other kinds further off may follow).
        assert unseen and unseen[0][0] in cats
        assert unseen[0][0] in [q.photo_id for q in review_queue(lib, "persian", limit=5)][:2]

        # One answer settles the kind: the cat's copy (same likeliest class) is not asked next.
        first = unseen[0][0]
        label_paths(lib.db, [str(pics / path_of[first])], reject=["persian"])
        decided = decided_photo_ids(lib.db, "persian")
        after = queue_inputs(lib, head, j, kinds, decided).unseen
        _, emb = embeddings_of(lib.db, [first], BACKBONE_NAME)
        kind = int(np.argmax(head.base.imagenet_probabilities(emb)[0]))
        assert all(
            int(
                np.argmax(
                    head.base.imagenet_probabilities(embeddings_of(lib.db, [p], BACKBONE_NAME)[1])[
                        0
                    ]
                )
            )
            != kind
            for p, _ in after
        )
        assert first not in [q.photo_id for q in review_queue(lib, "persian", limit=60)]
