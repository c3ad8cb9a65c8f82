"""The review queue's line of kinds a taught tag weighs only weakly: one photo per such class,
on a real library with the real model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from phototagger.core.class_neighbours import spread
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
        assert kinds is not None
        assert kinds.weights[class_index("Persian cat")] == 0.0
        # The weak classes at least at their own weights (kin of the Persian cat may lend more).
        assert all(kinds.weights[class_index(n)] >= w for n, w in weak.items())
        found = queue_inputs(lib, head, j, kinds, set())
        scored, unseen = found.scored, found.unseen
        path_of = {q.photo_id: Path(q.path).name for q in review_queue(lib, "cats", limit=60)}
        assert len(scored) == len(path_of)  # every embedded photo, none decided yet
        cats = {pid for pid, name in path_of.items() if name.startswith("chelsea")}
        assert len(cats) == 2 and all(conf < 0.5 for pid, conf in scored if pid in cats)
        # The cats first (faces, patches or the cup, if at all, after them), each photo once.
        assert unseen and {p for p, _ in unseen[: len(cats)]} == cats
        assert len({p for p, _ in unseen}) == len(unseen)
        _, emb = embeddings_of(lib.db, [p for p, _ in unseen], BACKBONE_NAME)
        probs = head.base.imagenet_probabilities(emb)
        assert all(kinds.weights[np.argmax(row)] > 0 for row in probs)  # a kind of the line

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
        # Far in WordNet and unlike to the tagger: lent (almost) nothing.
        assert kinds.weights[class_index("coffee mug")] < kinds.weights[class_index("tabby")] / 5
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


def test_a_kind_the_taggers_class_vectors_put_near_is_asked_about_though_wordnet_puts_it_far(
    template: Path,
) -> None:
    lib, pics = library_from(template)
    with lib:
        # Taught on coffee mugs alone: WordNet files espresso (a drink) far from a mug (a
        # vessel), so it lends it nothing; the tagger's class vectors for the two point alike
        # (cosine 0.30). The espresso in coffee.jpg, which the tag does not take, is asked.
        head = taught(lib, "mugs", {"coffee mug": 1.0})
        j = head.tags.index("mugs")
        espresso = class_index("espresso")
        assert spread(head.column_classes(j))[espresso] == 0.0  # what WordNet alone lends
        kinds = weak_kinds(head, j)
        assert kinds is not None and kinds.neighbours
        assert kinds.weights[espresso] > 0.2 and kinds.weights[class_index("coffee mug")] == 0.0
        found = queue_inputs(lib, head, j, kinds, set())
        path_of = {q.photo_id: Path(q.path).name for q in review_queue(lib, "mugs", limit=60)}
        coffee = next(pid for pid, name in path_of.items() if name == "coffee.jpg")
        assert found.kind_of[coffee] == espresso
        assert dict(found.scored)[coffee] < float(head.thresholds[j])  # the tag does not take it
        assert found.unseen[0][0] == coffee  # the nearest kind first
        assert coffee in [q.photo_id for q in review_queue(lib, "mugs", limit=5)][:2]

        # Answered, the kind is settled: not asked again, nor is another photo of it.
        label_paths(lib.db, [str(pics / "coffee.jpg")], reject=["mugs"])
        after = queue_inputs(lib, head, j, kinds, decided_photo_ids(lib.db, "mugs"))
        assert all(after.kind_of[p] != espresso for p, _ in after.unseen)
