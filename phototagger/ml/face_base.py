"""A taught tag's base from the face detector: what the detector found in a photo, as a logit.

The scan stores each photo's faces (core/people.py). A tag about people ("family", "portraits",
"crowd") is better explained by those than by any ImageNet class set: ImageNet has no person
class. Per photo four signals: whether a face was counted, how many (log 1 + n), the largest
counted face's side as a share of the photo (sqrt of its area share) and the best confidence of
any face found. The base is a small logistic model on them, fitted to the tag's labels; the
residual head (ml/few_shot.py) corrects it from the embedding, as it does a class set's mass.

A photo the detector has not looked at (not yet examined, or a clip) is unknown, not "no face":
its base is the `unknown` logit, the base's average probability over the examined photos, so
it is neither pushed down like a photo without faces nor up like one with.
Pure numpy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from phototagger.ml import penalised_logistic

SIGNALS = 4  # has a face, log(1 + faces), largest face's side share, best confidence
# Per tag, the stored base: SIGNALS weights, a bias, the unknown photos' logit.
PARAMETERS = SIGNALS + 2
L2_FACE = 0.05  # pull of the weights to 0, per 40 labels' worth of weight
MIN_KNOWN = 5  # labelled photos of each answer with a face record needed to fit a base
# A face base is for tags about people: at least this share of the positives the detector looked
# at must show a counted face, and a larger share than of the rejections. "Photos without
# people" is not a concept the detector should explain (it would take in every landscape).
MIN_FACE_SHARE = 0.3


@dataclass(frozen=True)
class FaceSignals:
    """Face signals of N photos: `features` (N, SIGNALS) float32, `known` (N,) bool (False: the
    detector has not looked at the photo; its features are 0 and mean nothing)."""

    features: np.ndarray
    known: np.ndarray

    @staticmethod
    def unknown(n: int) -> FaceSignals:
        return FaceSignals(np.zeros((n, SIGNALS), np.float32), np.zeros(n, bool))

    @staticmethod
    def from_summaries(
        summaries: list[tuple[int, float, float] | None],
    ) -> FaceSignals:
        """From (counted faces, largest counted face's area share, best confidence) per photo,
        None where the detector has not looked."""
        known = np.array([found is not None for found in summaries], bool)
        raw = np.array([found for found in summaries if found is not None], np.float64)
        features = np.zeros((len(summaries), SIGNALS), np.float32)
        if len(raw):
            count = np.maximum(raw[:, 0], 0.0)
            features[known] = np.stack(
                [
                    (count > 0).astype(np.float64),
                    np.log1p(count),
                    np.sqrt(np.clip(raw[:, 1], 0.0, 1.0)),
                    np.clip(raw[:, 2], 0.0, 1.0),
                ],
                axis=1,
            )
        return FaceSignals(features, known)

    def rows(self, index: slice | np.ndarray) -> FaceSignals:
        return FaceSignals(self.features[index], self.known[index])

    def __len__(self) -> int:
        return len(self.known)


def face_logit(params: np.ndarray, signals: FaceSignals) -> np.ndarray:
    """(N,) float64 base logit of one tag's face base (`params`, PARAMETERS long)."""
    weights, bias, unknown = params[:SIGNALS], params[SIGNALS], params[SIGNALS + 1]
    z = signals.features.astype(np.float64) @ weights.astype(np.float64) + float(bias)
    return np.where(signals.known, z, float(unknown))


def fit_face_base(
    signals: FaceSignals,
    positive: np.ndarray,
    library: FaceSignals,
) -> np.ndarray | None:
    """A face base explaining `positive` (bool per row of `signals`, the labelled photos), or
    None when too few labelled photos of either answer have a face record, or the positives
    are not about faces (MIN_FACE_SHARE). Labelled photos the
    detector has not looked at are left out of the fit (unknown is not "no face"). `library`:
    signals of a sample of the library, whose examined photos set the unknown logit."""
    seen = signals.known
    y = positive.astype(bool)
    if (y & seen).sum() < MIN_KNOWN or (~y & seen).sum() < MIN_KNOWN:
        return None
    with_face = signals.features[:, 0] > 0
    share = with_face[y & seen].mean()
    if share < MIN_FACE_SHARE or share <= with_face[~y & seen].mean():
        return None
    x = np.concatenate(
        [signals.features[seen].astype(np.float64), np.ones((int(seen.sum()), 1))], axis=1
    )
    params = np.zeros(PARAMETERS, np.float32)
    params[: SIGNALS + 1] = _fit_signals(x, y[seen].astype(np.float64))
    params[SIGNALS + 1] = unknown_logit(params, library)
    return params


def fit_face_base_from_yes(yes: FaceSignals, library: FaceSignals) -> np.ndarray | None:
    """A face base explaining photos a user said yes to with no "no" yet (`yes`, their signals)
    against the library's unanswered photos (`library`), or None when fewer than MIN_KNOWN yes
    answers have a face record or they are not about faces (MIN_FACE_SHARE, and more often
    with a face than the library). Photos without a face record count on neither side.

    The unanswered photos are no rejections: the tag's other photos are among them. As in
    positive-unlabelled learning (Elkan and Noto, 2008), a first fit tells the yes answers from
    the library, g(x) = P(answered | signals); if the answers are a random sample of the tag's
    photos, P(tag | signals) = g(x) / c, with c the mean of g over the answers. The base is the
    logistic fit of those probabilities (the answers at 1), so it says "like detected faces" on
    the library's scale: a photo with faces as likely as the answers' faces, near 1."""
    seen_yes, seen_lib = yes.rows(yes.known), library.rows(library.known)
    if len(seen_yes) < MIN_KNOWN or len(seen_lib) < MIN_KNOWN:
        return None
    share = float((seen_yes.features[:, 0] > 0).mean())
    if share < MIN_FACE_SHARE or share <= float((seen_lib.features[:, 0] > 0).mean()):
        return None
    x = np.concatenate([seen_yes.features, seen_lib.features]).astype(np.float64)
    x = np.concatenate([x, np.ones((len(x), 1))], axis=1)
    answered = np.r_[np.ones(len(seen_yes)), np.zeros(len(seen_lib))]
    g = penalised_logistic.clipped_sigmoid(x @ _fit_signals(x, answered))
    c = float(g[: len(seen_yes)].mean())
    tag = np.r_[np.ones(len(seen_yes)), np.clip(g[len(seen_yes) :] / c, 0.0, 1.0)]
    params = np.zeros(PARAMETERS, np.float32)
    params[: SIGNALS + 1] = _fit_signals(x, tag)
    params[SIGNALS + 1] = unknown_logit(params, library)
    return params


def _fit_signals(x: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """The weights and bias of a logistic model of `targets` (in [0, 1]) on the signals `x`
    (a column of ones last), L2_FACE-penalised as fit_face_base's."""
    strength = max(float(len(x)), 1.0) / 40.0
    return penalised_logistic.fit(
        x,
        targets,
        np.zeros(len(x)),
        np.r_[np.full(SIGNALS, L2_FACE), 1e-3] * strength,
        np.zeros(SIGNALS + 1),
        max_steps=25,
        max_halvings=20,
        step_tol=1e-6,
        gain_tol=lambda loss: 1e-7 * max(1.0, abs(loss)),
    )


def unknown_logit(params: np.ndarray, library: FaceSignals) -> float:
    """The logit of the base's mean probability over the library's examined photos (0 if none
    is examined: even odds)."""
    if not library.known.any():
        return 0.0
    seen = library.rows(library.known)
    p = penalised_logistic.clipped_sigmoid(face_logit(params, seen))
    mean = float(np.clip(p.mean(), 1e-4, 1 - 1e-4))
    return float(np.log(mean / (1 - mean)))
