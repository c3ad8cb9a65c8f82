"""The from-examples correction: a stronger pull to 0 keeps the ranking and shrinks the weights."""

from __future__ import annotations

import numpy as np

from phototagger.ml.few_shot import L2_DIRECTION, L2_EXAMPLES, fit_correction


def _fit(penalty: float, projected: np.ndarray, y: np.ndarray) -> np.ndarray:
    n = len(y)
    c = fit_correction(
        np.full(n, -3.0),
        np.zeros(n),
        projected,
        y.astype(float),
        np.ones(n),
        labelled_weight=float(n),
        learn_scale=False,
        direction_penalty=penalty,
    )
    return c.weights


def test_examples_penalty_is_stronger_and_still_ranks_the_signal_first() -> None:
    rng = np.random.default_rng(0)
    projected = rng.standard_normal((40, 16))
    y = projected[:, 0] + 0.3 * rng.standard_normal(40) > 0.8  # one real direction, some noise
    weak, strong = _fit(L2_DIRECTION, projected, y), _fit(L2_EXAMPLES, projected, y)
    assert L2_EXAMPLES > L2_DIRECTION
    assert np.linalg.norm(strong) < np.linalg.norm(weak)
    for w in (weak, strong):
        assert int(np.argmax(np.abs(w))) == 0  # the signal, not the noise directions
        assert w[0] > 0
