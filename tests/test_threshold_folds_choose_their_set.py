"""A taught tag's threshold is calibrated on scores the held-out photos did not shape: each
labelled photo is scored by a fold model fitted without it AND whose class set was searched
without it. A set chosen on every label fits them by construction (it adds the classes the
positives show), so a photo whose class no other positive shows would score high only because
it helped choose the set that scores it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from phototagger.core import tag_learning
from phototagger.core.labels import label_paths
from phototagger.core.model.tagger import load_head
from phototagger.core.retrain import train_candidate
from phototagger.ml.trained_head import TrainedHead
from tests.retrain_helpers import library_from

pytestmark = pytest.mark.model  # runs the real network: full tier only

TAG = "my favourites"
CATS = slice(281, 286)


def test_a_held_out_photo_is_not_scored_by_a_set_chosen_with_it(
    template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dict[str, Any]] = []
    real = tag_learning.tag_threshold

    def recording(*args: Any, **kwargs: Any) -> float:
        # The real rule, run as always; the spy only keeps what it was calibrated on.
        calls.append({"y": args[2].copy(), "held_out": args[4]})
        return real(*args, **kwargs)

    monkeypatch.setattr(tag_learning, "tag_threshold", recording)
    # Six faces would choose the face detector's base (no class set) since candidates must beat
    # the noise (core/candidate_choice.py); this test is about class sets, so faces are off.
    monkeypatch.setattr(tag_learning.ConceptTrainer, "_face_fit", lambda *_: None)
    lib, pics = library_from(template)
    with lib:
        # Six faces and one cat are the tag; patches and a coffee cup are not. The cat is the
        # only positive of its kind: only a set searched with it among the labels holds cats.
        cat = str(pics / "chelsea.jpg")
        faces = [str(pics / f"face{i:03d}.jpg") for i in range(6)]
        label_paths(lib.db, [*faces, cat], add=[TAG])
        label_paths(
            lib.db,
            [*(str(pics / f"patch{i:03d}.jpg") for i in range(12)), str(pics / "coffee.jpg")],
            reject=[TAG],
        )
        result = train_candidate(lib)
        head = load_head(lib, result.version)
        assert isinstance(head, TrainedHead) and head.concepts is not None
        concept = head.concepts[:, head.tags.index(TAG)]
        ids = {str(r["path"]): int(r["id"]) for r in lib.db.query("select id, path from photos")}
        decided = lib.db.query("select distinct photo_id from photo_tags where state is not null")
        labelled = sorted(int(r["photo_id"]) for r in decided)
    # The saved version's set was chosen on every label: it holds the domestic cats' classes
    # (ImageNet 281-285, tabby to Egyptian cat).
    assert float(concept[CATS].sum()) > 0, np.flatnonzero(concept)
    final = calls[-1]  # the final fit (the validation run comes first)
    assert final["held_out"] is not None
    scores, y = final["held_out"][0], final["y"]
    assert len(y) == len(labelled) and int(y.sum()) == 7
    # The trainer's labelled rows are the decided photos in id order.
    cat_score = float(scores[labelled.index(ids[cat])])
    # Held out, the cat is scored by a fold whose set was searched without it, so holds no
    # cat: nothing that fold learned from says "cat", and it scores among the rejections. A
    # fold keeping the set chosen with the cat scored it far above every rejection (0.44
    # against at most 0.10).
    assert cat_score <= float(scores[~y].max()), (cat_score, np.sort(scores[~y]))
