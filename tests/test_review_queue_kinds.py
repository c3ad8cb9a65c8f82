"""What the review queue spends the user's answers on, by kind (a photo's likeliest ImageNet
class), on a real library with the real model: the confident line leaves out kinds the user
confirmed CONFIRMED times but still catches a confidently wrong kind, and a round of ten shows
each kind once while the library offers others."""

from __future__ import annotations

from pathlib import Path

import pytest

from phototagger.core.labels import label_paths
from phototagger.core.library import Library
from phototagger.core.model.review import review_queue
from phototagger.core.model.unseen_kinds import QueueInputs, queue_inputs, weak_kinds
from phototagger.core.review_mix import (
    CONFIRMED,
    ROUND,
    mixed_order,
    of_settled_kinds,
    settled_kinds,
)
from phototagger.store.tags import decided_photo_ids
from tests.imagenet_photos import class_index
from tests.retrain_helpers import library_from
from tests.taught_tags import taught

pytestmark = pytest.mark.model  # runs the real network: full tier only

THRESHOLD = 0.15


def _inputs(lib: Library, tag: str) -> tuple[QueueInputs, set[int]]:
    head = taught(lib, tag, {"pickelhaube": 1.0, "espresso": 1.0}, threshold=THRESHOLD)
    j = head.tags.index(tag)
    decided = decided_photo_ids(lib.db, tag)
    return queue_inputs(lib, head, j, weak_kinds(head, j), decided), decided


def test_the_confident_line_skips_confirmed_kinds_and_still_catches_a_confident_mistake(
    template: Path,
) -> None:
    lib, pics = library_from(template)
    with lib:
        # "soldiers": a class set of pickelhaubes (the likeliest class of most faces here) and,
        # wrongly, espresso: coffee.jpg scores 0.95, a confident mistake.
        found, _ = _inputs(lib, "soldiers")
        helmet = class_index("pickelhaube")
        by_score = [pid for pid, _ in found.scored]
        helmets = [pid for pid in by_score if found.kind_of[pid] == helmet]
        coffee = by_score[0]
        assert found.kind_of[coffee] == class_index("espresso")
        path_of = {q.photo_id: q.path for q in review_queue(lib, "soldiers", limit=60)}
        # The user confirms the CONFIRMED most confident helmet faces.
        label_paths(lib.db, [path_of[p] for p in helmets[:CONFIRMED]], add=["soldiers"])
        found, decided = _inputs(lib, "soldiers")
        settled = settled_kinds(found.kind_of, list(decided))
        assert settled == {helmet}
        assert settled_kinds(found.kind_of, helmets[: CONFIRMED - 1]) == set()

        # The confident mistake is asked about among the first three (one per line) ...
        queue = [q.photo_id for q in review_queue(lib, "soldiers", limit=ROUND)]
        assert coffee in queue[:3]

        # ... and once it is answered, the confident line offers no more helmets: the next most
        # confident photos (helmets, above the threshold) are left out, which they were not
        # before the kind was confirmed.
        label_paths(lib.db, [path_of[coffee]], reject=["soldiers"])
        found, decided = _inputs(lib, "soldiers")
        undecided = [p for p in found.scored if p[0] not in decided]
        confident = [p for p, c in undecided if c >= THRESHOLD][:2]
        assert confident == helmets[CONFIRMED : CONFIRMED + 2]
        # The three lines alone (no kinds): the confident line's picks come second and fifth.
        assert [p for p, _ in mixed_order(undecided, THRESHOLD, 5)][1::3] == confident
        skip = of_settled_kinds(found.kind_of, list(decided), [p for p, _ in undecided])
        assert set(confident) <= skip and coffee not in skip
        chosen = [p for p, _ in mixed_order(undecided, THRESHOLD, ROUND, not_confident=skip)]
        assert not set(confident) & set(chosen)
        queue = [q.photo_id for q in review_queue(lib, "soldiers", limit=ROUND)]
        assert queue == [
            p
            for p, _ in mixed_order(undecided, THRESHOLD, ROUND, found.unseen, found.kind_of, skip)
        ]


def test_a_round_shows_each_kind_once_while_the_library_offers_others(template: Path) -> None:
    lib, _ = library_from(template)
    with lib:
        found, _ = _inputs(lib, "soldiers")
        queue = [q.photo_id for q in review_queue(lib, "soldiers", limit=2 * ROUND)]
        kinds = [found.kind_of[p] for p in queue]
        assert len(set(kinds)) >= ROUND  # the library has more than ten kinds
        assert len(set(kinds[:ROUND])) == ROUND  # ten kinds in the first round
        # The next round may show a kind again: the rule holds per round.
        assert len(set(kinds[ROUND:])) == len(kinds[ROUND:])
        assert set(kinds[ROUND:]) & set(kinds[:ROUND])
