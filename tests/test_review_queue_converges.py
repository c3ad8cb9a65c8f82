"""The review queue on a real library: the three lines, never a photo the user already answered,
the same queue until the user answers, and `review TAG --json` intact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phototagger.cli import main
from phototagger.core.concepts import CLEAR_KIND, sibling_groups
from phototagger.core.labels import label_paths
from phototagger.core.model.activation import activate_version
from phototagger.core.model.review import review_queue, tag_scores
from phototagger.core.model.tagger import load_head
from phototagger.core.model.unseen_kinds import queue_inputs, weak_kinds
from phototagger.core.retrain import train_candidate
from phototagger.core.review_mix import mixed_order, of_settled_kinds
from phototagger.core.training_set import embeddings_of
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.trained_head import TrainedHead
from phototagger.store.tags import decided_photo_ids, decisions_on
from tests.retrain_helpers import label_faces, library_from

pytestmark = pytest.mark.model  # runs the real network: full tier only


def test_the_queue_never_repeats_an_answer_and_keeps_the_cli_contract(
    template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib, pics = library_from(template)
    with lib:
        label_faces(lib, pics, positives=8, negatives=10)
        activate_version(lib, train_candidate(lib).version)
        answered = set(decided_photo_ids(lib.db, "face"))
        queue = review_queue(lib, "face", limit=10)
        ids = [q.photo_id for q in queue]
        assert [q.photo_id for q in review_queue(lib, "face", limit=10)] == ids  # stable
        assert len(ids) == len(set(ids)) == 10 and not set(ids) & answered

        # The lines over the undecided photos, in turn (core/review_mix.py), with one photo
        # per kind the tag weighs only weakly if it has such (core/model/unseen_kinds.py), each
        # kind once in the round, the confident line leaving out the kinds the 8 faces confirmed
        # where the tagger is sure what a face shows (its likeliest class's WordNet siblings
        # hold CLEAR_KIND or more: core/concepts.clear_kinds).
        head = load_head(lib)
        j = head.tag_names.index("face")
        threshold = float(head.thresholds[j])
        assert isinstance(head, TrainedHead)
        found = queue_inputs(lib, head, j, weak_kinds(head, j), answered)
        undecided = [p for p in found.scored if p[0] not in answered]
        assert undecided == [p for p in tag_scores(lib, "face", head) if p[0] not in answered]
        positives = [p for p, state in decisions_on(lib.db, "face").items() if state == "added"]
        ids_all, emb = embeddings_of(lib.db, None, BACKBONE_NAME)
        probs = head.base.imagenet_probabilities(emb)
        groups = sibling_groups()
        top = probs.argmax(axis=1)
        sibling_mass = [
            float(row[groups == groups[k]].sum()) for row, k in zip(probs, top, strict=True)
        ]
        assert found.clear == {
            p for p, mass in zip(ids_all, sibling_mass, strict=True) if mass >= CLEAR_KIND
        }
        skip = of_settled_kinds(found.kind_of, positives, [p for p, _ in undecided], found.clear)
        # Some of the faces the user said yes to are not clearly of their likeliest class: the
        # photos of that class stay in the confident line.
        assert skip < of_settled_kinds(found.kind_of, positives, [p for p, _ in undecided])
        assert ids == [
            p for p, _ in mixed_order(undecided, threshold, 10, found.unseen, found.kind_of, skip)
        ]
        # The confident line's first: the surest photo not left out, of a kind the first photo
        # (the unsure line's) does not show, as a round shows each kind once.
        first_kind = found.kind_of[ids[0]]
        surest_left = max(
            c for p, c in undecided if p not in skip and found.kind_of[p] != first_kind
        )
        assert surest_left in [q.confidence for q in queue[:3]]

        # The user answers truthfully; the next queue offers none of those photos again.
        faces = [q.path for q in queue if Path(q.path).name.startswith("face")]
        others = [q.path for q in queue if not Path(q.path).name.startswith("face")]
        label_paths(lib.db, faces, add=["face"])
        label_paths(lib.db, others, reject=["face"])
        activate_version(lib, train_candidate(lib).version)
        answered = set(decided_photo_ids(lib.db, "face"))
        again = [q.photo_id for q in review_queue(lib, "face", limit=10)]
        assert again and not set(again) & answered and not set(again) & set(ids)

    # The CLI contract: a list of photos with path and confidence, none already answered.
    assert main(["review", "--json", "face", "--limit", "6"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 6
    assert all(isinstance(r["path"], str) and 0.0 <= r["confidence"] <= 1.0 for r in listed)
    assert not {r["path"] for r in listed} & {q.path for q in queue}
