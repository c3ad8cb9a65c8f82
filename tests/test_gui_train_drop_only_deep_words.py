"""words37: the Train page's verdict on a run that only undoes tags whose answers were all taken
back had words of its own (gui/retrain_train._only_undone) beside core/retrain.taken_back_words,
and they lacked what `train --deep` says of a default tag: its column is the default tagger's
again, over the backbone the run fine-tuned, near the default tagger and not the same (fixc37).
The verdict is built from core/retrain.taken_back_does now. The results are as a run's counts
(`train --json`) record them: the user's 'concert' and the default tagger's 'sky' undone."""

from __future__ import annotations

from typing import Any

from phototagger.core.retrain import TrainingResult
from phototagger.core.version_diff import TagChange
from phototagger.gui.retrain_train import _only_undone

TAKEN = {"tags": ["concert", "sky"], "stock": ["sky"], "out_of_library": []}


def _result(**counts: Any) -> TrainingResult:
    changes = [TagChange("concert", 14, 0, removed=14)]
    return TrainingResult("v3", "v2", [], True, "", {"taken_back": TAKEN, **counts}, 0.0, changes)


def test_a_deep_run_says_the_default_tag_is_scored_on_its_own_backbone() -> None:
    said = _only_undone(_result(sampled_changes={"photos": 200}), [])
    assert said == (
        "it only takes “concert” off 14 photos and scores “sky” with the default tagger's own "
        "weights, on the backbone it fine-tuned (close to the default tagger, not the same), as "
        "you took back the answers v2 learned them from; nothing was learned to compare with v2"
    ), said


def test_a_run_on_the_shared_backbone_scores_it_as_the_default_tagger_does() -> None:
    said = _only_undone(_result(), [])
    assert said.startswith(
        "it only takes “concert” off 14 photos and scores “sky” as the default tagger does, as "
        "you took back the answers v2 learned them from"
    ), said
