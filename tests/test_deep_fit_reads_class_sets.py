"""`train --deep` fits a taught tag's correction on the base the version is saved with (deep43).

A tag taught like a WordNet group ("pigs", like 'swine') is scored by the saved version as
sigmoid(scale * logit(the set's probability mass) + correction + bias). The deep fit's graph gave
it no base (ml/deep.DefaultLogits read the default tags' only): it saw "pigs" at sigmoid(bias),
~0.999, on every photo, fitted its correction as if the set were absent, and the version was
saved with the set and that correction together (held43's probe: the scale stayed 1.5678 to the
bit while the correction went from 0 to a norm of 0.41). Now the graph computes each class-set
tag's mass from the same softmax as the default tags': before any step, what it fits is what
the version scores, on det-photos' own embeddings, for the tag it trains and for one it keeps."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from phototagger.core.concepts import load_concepts
from phototagger.core.imaging import decode_photo
from phototagger.ml import deep
from phototagger.ml.heads import load_default_head
from phototagger.ml.trained_head import from_default, grow, standardisation
from phototagger.ml.training import TrainingData
from tests.test_similar_figure_means_something import det_photos

pytestmark = pytest.mark.model  # runs the real network: full tier only


def test_the_deep_fit_scores_a_class_set_tag_as_the_version_is_saved(
    engine: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = det_photos()
    photos = [
        *sorted(source.glob("*_swine.jpg")),
        *sorted(source.glob("*_cattle.jpg"))[:3],
        *sorted(source.glob("*_camel.jpg"))[:2],
        *sorted(source.glob("*.jpg"))[::40],
    ]
    features = engine.features(np.stack([decode_photo(p).model_input for p in photos]))
    model = engine.keras_model
    embeddings = deep.embed_with_top(model, {}, features)

    # "pigs" as a set-alone fit leaves it (its scale and bias from held43's probe), and
    # "hoofed animals" like 'even-toed ungulate', scored by its set as it is.
    start = grow(
        from_default(load_default_head(), *standardisation(embeddings)), ["pigs", "hoofed animals"]
    )
    index = load_concepts()
    concepts = np.zeros((1000, len(start.tags)), np.float32)
    concepts[:, -2] = index.members[:, index.names.index("swine")]
    concepts[:, -1] = index.members[:, index.names.index("even-toed ungulate")]
    start.concepts = concepts
    start.scale[-2:] = [1.5678064, 1.0]
    start.bias[-2:] = [6.794879, 0.0]
    assert start.concept_columns()[-2:].all()

    graphs: list[Any] = []
    monkeypatch.setattr(deep, "fit_stream", lambda graph, *a, **k: graphs.append(graph))
    n, t = len(features), len(start.tags)
    data = TrainingData(embeddings, np.zeros((n, t), np.float32), np.ones((n, t), np.float32))
    kept = np.array([tag != "pigs" for tag in start.tags])  # "pigs" is the one it trains
    head, top = deep.fit_deep(model, start, None, features, data, "v9", kept=kept)

    (graph,) = graphs
    fitted = np.asarray(graph.predict_on_batch(features.astype(np.float32)))
    saved = head.scores(deep.embed_with_top(model, top, features))
    swine = np.array(["_swine" in p.name for p in photos])
    pigs = start.tags.index("pigs")
    # The set tells the swine from the rest (one, a platypus 0.14 to the tagger, is 0.28).
    assert (saved[swine, pigs] > 0.9).sum() >= 4 and np.median(saved[~swine, pigs]) < 0.01
    # Before: "pigs" was 0.9989 on every photo in the graph, and "hoofed animals" 0.5.
    np.testing.assert_allclose(fitted, saved, atol=1e-3)
