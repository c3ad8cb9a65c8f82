"""`train --deep` sets its Keras training up once for its two fits (the validation run without a
quarter of the answers, then the final fit on them all: core/retrain_deep.py), not once per fit:
the second fit takes the first's top, model, optimizer and traced train step (ml/deep.fit_deep:
~2 s of CPU a fit, most of it tracing the train step), every value reset to where a new set-up
starts (the top's and head's weights, Adam's moments and step count). What it saves is the
same as before, bit for bit; nothing of the first fit's photos or steps reaches the second."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from phototagger.core.retrain import train_candidate
from phototagger.ml import deep
from phototagger.ml.heads import load_default_head
from phototagger.ml.trained_head import from_default, grow, standardisation
from phototagger.ml.training import TrainingData
from tests.retrain_helpers import deep_trains_on, fewer_deep_steps, label_faces, library_from

pytestmark = pytest.mark.model  # runs the real network: full tier only


def _models_fitted(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The Keras model each fit trains, in order (a spy on ml/deep's fit_stream)."""
    models: list[object] = []
    real = deep.fit_stream

    def spied(model: object, *args: Any, **kwargs: Any) -> None:
        models.append(model)
        real(model, *args, **kwargs)

    monkeypatch.setattr(deep, "fit_stream", spied)
    return models


def test_a_deep_run_saves_the_same_weights_with_its_setup_reused(
    template: Path, engine: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Enough steps that a moment or step count the first fit left behind would show.
    fits = fewer_deep_steps(monkeypatch, steps=6)
    deep_trains_on(engine, monkeypatch)
    models = _models_fitted(monkeypatch)
    lib, pics = library_from(template)
    saved = {}
    with lib:
        label_faces(lib, pics)
        for reuse in (True, False):
            monkeypatch.setattr(deep, "REUSE_FIT_SETUP", reuse, raising=False)
            version = train_candidate(lib, deep=True).version
            head = lib.models.load_head(version, load_default_head())
            top = lib.models.load_top(version)
            saved[reuse] = (
                [head.kernel, head.bias, head.scale, head.tag_thresholds],
                [w for name in sorted(top) for w in top[name]],
            )
    # Two fits a run, on different photos: the validation run trains on fewer.
    assert len(fits) == 4 and fits[0] < fits[1] and fits[2:] == fits[:2]
    # Reused: both fits of the first run trained the one model; the second run built each.
    assert models[0] is models[1]
    assert models[2] is not models[3] and models[2] is not models[0]
    for reused, built in zip(saved[True], saved[False], strict=True):
        assert len(reused) == len(built)
        for a, b in zip(reused, built, strict=True):
            assert a.dtype == b.dtype and a.shape == b.shape
            assert a.tobytes() == b.tobytes()


def test_a_fit_reuses_the_last_setup_only_for_the_same_graph(
    engine: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The graph holds the start's standardisation and base, the kept columns and the top's
    rate: a fit that differs in any of them builds its own set-up (no step is taken here)."""
    models = _models_fitted(monkeypatch)
    monkeypatch.setattr(deep, "fit_stream", lambda model, *a, **k: models.append(model))
    rng = np.random.default_rng(0)
    features = rng.random((8, 7, 7, 192), np.float32)
    embeddings = deep.embed_with_top(engine.keras_model, {}, features)
    start = grow(from_default(load_default_head(), *standardisation(embeddings)), ["new"])
    n, t = len(features), len(start.tags)
    data = TrainingData(embeddings, np.zeros((n, t), np.float32), np.ones((n, t), np.float32))
    kept = np.array([tag != "new" for tag in start.tags])
    other = from_default(load_default_head(), *standardisation(embeddings[:4]))
    other = grow(other, ["new"])

    def fitted(**changes: Any) -> object:
        options: dict[str, Any] = {"start": start, "kept": kept, **changes}
        begin = options.pop("start")
        deep.fit_deep(engine.keras_model, begin, None, features, data, "v9", **options)
        return models[-1]

    first = fitted()
    assert fitted() is first  # the same graph: the set-up reused
    other_start = fitted(start=other)
    assert other_start is not first  # another standardisation
    latest = fitted()
    assert latest is not other_start  # the last set-up is the one kept
    more_kept = fitted(kept=~kept)
    assert more_kept is not latest
    slower = fitted(kept=~kept, top_rate=0.5)
    assert slower is not more_kept
    none_kept = fitted(kept=None)
    assert none_kept is not slower and fitted(kept=None) is none_kept
    monkeypatch.setattr(deep, "REUSE_FIT_SETUP", False)
    assert fitted(kept=None) is not none_kept
