"""Penalised logistic regression by Newton's method with step halving: the one solver behind a
tag's few-shot correction (ml/few_shot.py) and the score calibration (ml/selection_aware.py).

Minimises  sum_i w_i (log(1 + e^z_i) - y_i z_i) + 1/2 sum_j p_j (t_j - c_j)^2,  z = offset + X t.
From a confident or poor start a plain Newton step can overshoot far: each step is halved until
the loss drops, and the fit stops when a step, or what it gains, becomes negligible.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def clipped_sigmoid(z: np.ndarray) -> np.ndarray:
    """1 / (1 + e^-z), z clipped to ±30 so that exp never overflows: the learning rules' one
    sigmoid (this solver's, the calibration's in ml/selection_aware.py, the face base's and
    core/tag_learning.py's soft targets). Here, where every other use can import it from:
    selection_aware and face_base import this module."""
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))))


def fit(
    design: np.ndarray,
    targets: np.ndarray,
    offset: np.ndarray,
    penalty: np.ndarray,
    start: np.ndarray,
    *,
    weights: np.ndarray | None = None,
    centre: np.ndarray | None = None,
    max_steps: int,
    max_halvings: int,
    step_tol: float,
    gain_tol: Callable[[float], float],
) -> np.ndarray:
    """The parameters t. `weights` None: every row counts once; `centre` None: the penalty pulls
    to 0. `gain_tol(loss)`: the smallest gain in the loss worth another step."""

    def pulled(t: np.ndarray) -> np.ndarray:
        return t if centre is None else t - centre

    def loss(t: np.ndarray) -> float:
        z = offset + design @ t
        # log(1 + e^z) - target * z, stably
        per_row = np.logaddexp(0.0, z) - targets * z
        fitted = per_row.sum() if weights is None else weights @ per_row
        d = pulled(t)
        return float(fitted + 0.5 * penalty @ (d * d))

    theta, current = start.copy(), loss(start)
    for _ in range(max_steps):
        p = clipped_sigmoid(offset + design @ theta)
        w_p = p - targets if weights is None else weights * (p - targets)
        w_var = p * (1 - p) if weights is None else weights * p * (1 - p)
        grad = design.T @ w_p + penalty * pulled(theta)
        hess = (design * w_var[:, None]).T @ design + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        for _ in range(max_halvings):
            trial = loss(theta - step)
            if trial <= current:
                break
            step = step / 2
        else:
            break
        theta, gained, current = theta - step, current - trial, trial
        if np.abs(step).max() < step_tol or gained < gain_tol(current):
            break
    return theta
