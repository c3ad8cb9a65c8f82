"""A tag's threshold from labels that were not a random sample of the library. Pure numpy.

A tag's labels come in two kinds, chosen in two different ways:
- Examples ("seed" labels): given before any version knew the tag, so they were chosen by what
  the photos show, a few yes and a few no. They are a sample of each class: the spread of
  scores among them is the class's spread, but their share of yes answers is the user's, not
  the library's.
- Answers given once the model scored the tag (the review queue, accepting or rejecting a
  suggestion): chosen by their score, near the threshold or at the top. Their spread of scores
  says nothing about the library's (the queue offers the boundary on purpose), but among photos
  of the same score, which ones the queue offered did not depend on the answer: P(yes | score)
  is the library's.

So the estimate does not read rejections' scores as the library's false-positive rate (the old
estimator did, and 10 rejections at the boundary pushed thresholds to their ceiling). It fits
P(yes | score) = sigmoid(a * logit(score) + b) (Platt scaling) on both kinds at once: answers as
they are, examples with an offset c = log(their odds of yes) - log(the library's odds of yes),
which is what sampling each class separately does to a posterior (Saerens et al. 2002, "Adjusting
the outputs of a classifier to new a priori probabilities"). The library's odds come from the
unlabelled photos' fitted probabilities, so (a, b) and c are found together by fixed-point
iteration. The threshold then maximises the expected F-beta over the photos the user has not
answered, each counting as p yes and 1 - p no.

The calibration is also held to what the photos' own scores allow (positives_bound, at_most):
the photos the folds score as the tag's are about the tag's photos times the yes examples'
share scored so, which bounds how many of the unanswered photos can be the tag's where the
answers leave the middle scores open. After review rounds the bound also counts the photos
review took out of the unanswered ones (by their score), less the yes answers among them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from phototagger.ml import penalised_logistic
from phototagger.ml.penalised_logistic import clipped_sigmoid

SLOPE_PRIOR = 1.0  # weight of the prior a ~ 1 (the fold models' own scale), in labels
BIAS_PRIOR = 0.01
ITERATIONS = 100
SCORED_YES = 0.5  # a score at which the fold models call a photo the tag's (positives_bound)


@dataclass(frozen=True)
class LibraryCalibration:
    slope: float
    bias: float
    offset: float  # added for the examples: log(their odds of yes / the library's)
    positives: float  # expected photos with the tag in the whole library

    def probability(self, scores: np.ndarray) -> np.ndarray:
        return clipped_sigmoid(self.slope * _logit(scores) + self.bias)

    def score_at(self, probability: float) -> float | None:
        """The score whose P(yes) is `probability`: None when P(yes) does not rise with it."""
        if self.slope <= 0:
            return None
        z = (float(_logit(np.array(probability))) - self.bias) / self.slope
        return float(clipped_sigmoid(np.array(z)))


def midway(low: float, high: float) -> float:
    """The score halfway between scores `low` and `high` in logit space."""
    return float(clipped_sigmoid((_logit(np.array(low)) + _logit(np.array(high))) / 2))


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(np.asarray(p, np.float64), 1e-6, 1 - 1e-6)
    return np.asarray(np.log(p / (1 - p)))


def _platt(x: np.ndarray, y: np.ndarray, offset: np.ndarray, start: np.ndarray) -> np.ndarray:
    """(a, b) maximising sum log P(y | a x + b + offset) plus the priors, by Newton's method
    with step halving (from a poor start, a plain Newton step can overshoot far)."""
    design = np.c_[x, np.ones_like(x)]
    return penalised_logistic.fit(
        design,
        y,
        offset,
        np.array([SLOPE_PRIOR, BIAS_PRIOR]),
        start,
        centre=np.array([1.0, 0.0]),
        max_steps=50,
        max_halvings=30,
        step_tol=1e-9,
        gain_tol=lambda _loss: 1e-12,
    )


def fit_library_calibration(
    scores: np.ndarray,
    labels: np.ndarray,
    examples: np.ndarray,
    unlabelled: np.ndarray,
    unlabelled_scale: float = 1.0,
) -> LibraryCalibration | None:
    """P(yes | score) in the library. `scores`, `labels`: out-of-fold scores and answers of the
    labelled photos; `examples`: which of them were given before any version knew the tag (the
    rest were chosen by score); `unlabelled`: scores of (a sample of) the other photos, each
    standing for `unlabelled_scale` photos. None when the labels cannot say (one class only)."""
    y = labels.astype(bool)
    examples = examples.astype(bool)
    seed_pos, seed_neg = int((y & examples).sum()), int((~y & examples).sum())
    # Examples of one class only say nothing about P(yes | score): every one of them is a yes.
    use = ~examples | (seed_pos > 0 and seed_neg > 0)
    if not (y[use].any() and (~y[use]).any()):
        return None
    x, target, seed = _logit(scores[use]), y[use].astype(np.float64), examples[use]
    x_unl = _logit(unlabelled)
    seed_odds = np.log(seed_pos / seed_neg) if seed.any() else 0.0
    known_pos, known_neg = float(y.sum()), float((~y).sum())
    theta, offset = np.array([1.0, 0.0]), 0.0
    positives = known_pos
    for _ in range(ITERATIONS):
        theta = _platt(x, target, np.where(seed, offset, 0.0), theta)
        hidden = float(clipped_sigmoid(theta[0] * x_unl + theta[1]).sum()) * unlabelled_scale
        positives = known_pos + hidden
        negatives = known_neg + len(x_unl) * unlabelled_scale - hidden
        if not seed.any():
            break
        library_odds = np.log(max(positives, 1e-3) / max(negatives, 1e-3))
        updated = float(seed_odds - library_odds)
        if abs(updated - offset) < 1e-7:
            break
        offset = 0.5 * (offset + updated)  # damped: the fit and the odds move together
    return LibraryCalibration(float(theta[0]), float(theta[1]), offset, positives)


def positives_bound(
    scores: np.ndarray,
    labels: np.ndarray,
    unlabelled: np.ndarray,
    unlabelled_scale: float = 1.0,
    examples: np.ndarray | None = None,
) -> float | None:
    """About how many of the unlabelled photos have the tag at most, from their own scores:
    None when the labels cannot say. `examples` (default: every label) marks the labels given
    before any version knew the tag: the yes examples are a sample of the tag's photos, none
    of them chosen by its score. The other labels are review answers, chosen by score out of
    the photos that were unlabelled.

    The unlabelled scores are a mixture of the tag's photos and the rest. Read at one score,
    SCORED_YES: the share of the tag's photos scored above it is the yes examples' share
    (their out-of-fold `scores`), and the photos above it are the tag's ones plus a few others,
    so (photos above it) / (that share) bounds the tag's photos among them. The photos are the
    unlabelled ones and the review answers (review took those out of the unlabelled ones, most
    of them from above it), and the yes answers among the review answers are then taken off:
    counting only the unlabelled ones would read the tag's photos review has not found yet at
    the share of the ones it found first. All are counted on the fold models' scale, as the
    calibration is. The share is smoothed ((k + 1) / (n + 2)), which only raises the bound: one
    yes example more or less above the score moves it little."""
    labels = labels.astype(bool)
    chosen = np.ones(len(labels), bool) if examples is None else examples.astype(bool)
    yes = scores[labels & chosen]
    above = int((yes >= SCORED_YES).sum())
    if above == 0:  # no yes example scored yes: the score says nothing about the tag's photos
        return None
    share = (above + 1) / (len(yes) + 2)
    answers = ~chosen
    if _clear_gap(yes, np.r_[unlabelled, scores[answers]]):
        return 0.0
    photos = float((unlabelled >= SCORED_YES).sum()) * unlabelled_scale
    photos += float((scores[answers] >= SCORED_YES).sum())
    return max(photos / share - float(labels[answers].sum()), 0.0)


def _clear_gap(yes: np.ndarray, others: np.ndarray) -> bool:
    """Whether the yes examples' held-out scores `yes` that are SCORED_YES or more stand clear of
    every score in `others` (the unlabelled photos' and the review answers'): none of those
    reaches midway, in logit space, from SCORED_YES to the lowest of them. The tag's photos
    among the others, scored as its examples are, would mostly be there.

    Read at SCORED_YES alone, one yes example the folds scored low let every photo between it
    and the rest count: "pigs" taught on det-photos' 5 swine and 5 "no" (4 swine held out at
    0.999 or more, the fifth, a platypus 0.14 to the tagger, at 0.11) was bound at 69 photos
    by its folds' 49 unanswered horses, cattle and bears at 0.5-0.84, expected 70 and cut at
    0.39: 23 photos tagged, none a pig. Read at the lowest of the 4 instead, the bound moved
    with a photo more or less just under them ('reptiles' in
    tests/test_threshold_bound_by_unanswered.py, its tag photos at 0.9-1.0, lost 10 of 22);
    and a bound taken at the yes examples' median wherever lower cost 'things to eat' 0.07 F1
    on one seed of 3 at its first step (benchmarks/new_tags.py: 66 photos tagged for 95)."""
    high = yes[yes >= SCORED_YES]
    if not len(high):
        return False
    line = midway(SCORED_YES, float(high.min()))
    return not bool((others >= line).any())


def at_most(
    calibration: LibraryCalibration,
    unlabelled: np.ndarray,
    unlabelled_scale: float,
    positives: float,
) -> LibraryCalibration:
    """`calibration` with its bias lowered until the unlabelled photos hold `positives` tag
    photos at most (the slope kept): unchanged when they already do."""
    x = _logit(unlabelled)

    def expected(bias: float) -> float:
        return float(clipped_sigmoid(calibration.slope * x + bias).sum()) * unlabelled_scale

    before = expected(calibration.bias)
    if before <= positives:
        return calibration
    low, high = calibration.bias - 60.0, calibration.bias
    for _ in range(60):  # bisection: the expected count rises with the bias
        middle = 0.5 * (low + high)
        if expected(middle) > positives:
            high = middle
        else:
            low = middle
    answered = calibration.positives - before  # the answers' own yes
    return replace(calibration, bias=low, positives=answered + expected(low))


def by_rank(probability: np.ndarray, final: np.ndarray) -> np.ndarray:
    """`probability` (of photos, from the folds' calibration) given to the same photos in the
    order of their `final` scores: the k-th highest final score gets the k-th highest
    probability. The folds say how many photos have the tag and how surely; the final model,
    fitted on every label and usually more sure of itself, says which ones, on its own scale."""
    result = np.empty_like(probability)
    result[np.argsort(-final, kind="stable")] = np.sort(probability)[::-1]
    return result


def expected_fbeta_threshold(
    unlabelled: np.ndarray, probability: np.ndarray, beta: float = 0.5
) -> float:
    """The cut on `unlabelled` scores with the best expected F-beta, each photo counting as
    `probability` yes (one sort: every cut at once). Between equally good cuts, the highest."""
    cuts, tp, tagged, total = ranked_cuts(unlabelled, probability)
    fp = tagged - tp
    fn = total - tp
    b2 = beta * beta
    fscore = (1 + b2) * tp / np.maximum((1 + b2) * tp + fp + b2 * fn, 1e-12)
    best = np.flatnonzero(np.round(fscore, 9) == np.round(fscore.max(), 9))
    return float(cuts[best].max())


def ranked_cuts(
    scores: np.ndarray, probability: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Every cut of (non-empty) `scores` between distinct scores, highest first: midway to the
    next lower score, the last at the lowest. With each cut: the expected yes above it (each
    photo counting as its `probability` of yes) and how many photos it tags; and the expected
    yes of all the photos."""
    order = np.argsort(-scores, kind="stable")
    s, p = scores[order].astype(np.float64), probability[order].astype(np.float64)
    boundary = np.r_[s[:-1] != s[1:], True]  # a cut between distinct scores only
    cuts = np.r_[(s[:-1] + s[1:]) / 2, s[-1]][boundary]
    tagged = np.arange(1, len(s) + 1)[boundary]
    return cuts, np.cumsum(p)[boundary], tagged, float(p.sum())
