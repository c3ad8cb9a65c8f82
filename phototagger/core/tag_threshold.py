"""One tag's threshold in a new version, from scores of models that did not see the labels.

Shared by the head path (out-of-fold scores, core/tag_learning.py) and the deep fine-tune (the
validation run's held-out scores, core/retrain_deep.py): a threshold is never calibrated on
rows just fitted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from phototagger.ml.metrics import best_threshold, binomial_upper_tail, library_threshold
from phototagger.ml.selection_aware import (
    at_most,
    by_rank,
    expected_fbeta_threshold,
    fit_library_calibration,
    midway,
    positives_bound,
    ranked_cuts,
)

PRECISION_BETA = 0.5  # a wrong tag on 150 photos costs more than a missed photo
MOSTLY_RIGHT = 0.5  # the photos a version adds to a tag are expected right at least this often
ABOVE = 0.01  # how far above every unanswered photo a cut that tags none of them goes
# How far the calibration's expected tag photos among the unanswered ones may exceed the bound
# their own scores give (selection_aware.positives_bound) before it is held to the bound: the
# bound is rough (from 10 yes examples, one of them more or less scored yes moves it by a
# sixth), and a cut moved by a small disagreement changes which photos review asks about
# for nothing (det-photos: 8 first thresholds moved at 1.04-1.26 times, F1 +0.01 at first).
BOUND_SLACK = 1.5
# A tag the user invented, taught from yes answers with fewer than 5 "no": how often its held-out
# yes answers must score above held-out unanswered photos (yes_ranked_above, core/tag_learning.py's
# _yes_out_of_fold) for any unanswered photo to be taken for it. A file keyword on photos with
# nothing visual in common (a folder's 'Places|Greece|Crete') was learned "from your examples"
# and cut at 0.5-0.95 from the yes answers' weight alone: 30 random ImageNet samples of 300 so
# tagged went onto 78, a user's 60 of 1,000 onto 373. The figures, out of fold (every training
# of `train`: its test version's and its saved one's): random tags on det-photos, 10 yes, 32
# tags: 0.26-0.68 and once 0.78, 54 of 64 below 0.6; 30 yes, 24 tags: 0.28-0.62, 44 of 48
# below 0.6; ImageNet samples, 30 yes: 0.42-0.53. Real tags taught from 10 yes
# (benchmarks/new_tags.py --no-answers 0, 10 seeds, each step with fewer than 5 "no"), 201:
# 0.41-0.99, under 0.6 only kitchenware on seed 7 after a round (0.41, 0.44: AP 0.07, 894
# photos tagged for 58) and one test version of seaside (0.57); "monkeys" 0.99. At 10 yes
# random and real overlap between 0.6 and 0.7 (7 real fits there: seaside at 0.65 and 0.68,
# kitchenware at 0.64, with F1 0.2-0.6), so the line is under them. Precision first: below
# it, a tag nothing the model sees tells apart goes on no unanswered photo (NOTHING_TAKEN)
# until "no" answers can place it.
YES_ONLY_AUC = 0.6
NOTHING_TAKEN = 1.0  # above every score (clipped_sigmoid stays below 1)
# Between YES_ONLY_AUC and YES_ONLY_CLEAR_AUC the AUC alone does not tell a tag from chance:
# random 10-yes tags (benchmarks/yes_only_leak.py, 3 seeds, 16 tags each on det-photos and on
# 60, 300 and all 1,002 ImageNet samples: 192) held out at 0.22-0.82, median 0.48; 42 cleared
# 0.6 and 33 of them went onto 2-808 unanswered photos. 9 in 10 stay under 0.67, the line.
# Under it a tag must also show the precision its cut claims (yes_above_cut_chance): of its
# held-out yes answers, more must land above the held-out unanswered photos' share the cut
# takes than chance would put there were they unanswered photos too (a binomial tail at most
# YES_ONLY_ABOVE_CUT). A random set's fold fits rank its yes answers a little above the rest,
# not at the top: 0-5 of 10 above a 2-41 % cut, p 0.065-1 for all 15 random 10-yes tags that
# took photos under the line (all now take none). A real tag's land there: det-photos' 7 tags
# of benchmarks/new_tags.py, 10 seeds, 10 yes: 3-11 of 10, p under 0.008. Real fits under the
# line are few: kitchenware at 0.676 (3 of 10 above its 4 % cut, p 0.008: kept), the ImageNet
# samples' 'kitchen things' at 0.661 (1 of 10, p 0.22: cut; it took 24 photos, 6 of them
# right). Over it, kitchenware at 0.680 and 0.699 has 1 and 0 of 10 above its cut (F1 0.64
# and 0.22 on the photos not answered): no held-out sign here tells those from random tags,
# which keep spreading there (18 random 10-yes tags over the line took photos). Random tags
# that take photos, 10 yes: det-photos 11 -> 5 of 48, the 300 samples 11 -> 5, the 1,002
# 10 -> 7, the 60 1 -> 1; 30 yes: 3 -> 1 and 4 -> 4 (30 random answers' fold fits do reach
# the top of a 15-20 % cut: p 0.001-0.04 for 5 of 7 under the line).
YES_ONLY_CLEAR_AUC = 0.67
YES_ONLY_ABOVE_CUT = 0.05


def tag_threshold(
    current: float,
    known: bool,
    y: np.ndarray,
    weights: np.ndarray,
    held_out: tuple[np.ndarray, np.ndarray] | None,
    unlabelled_total: int,
    examples: np.ndarray,
    final_unlabelled: np.ndarray | None = None,
    *,
    same_scale: bool = False,
    final_labelled: np.ndarray | None = None,
    sampled: bool = False,
) -> float:
    """`current`: the tag's threshold so far; `known`: the tag has a base in the default tagger;
    `y`, `weights`: the tag's labels and their training weights; `held_out`: scores of those
    labels and of a sample of the photos without a decision about the tag, from models that did
    not learn from them (None: too few labels to hold any out); `unlabelled_total`: how many
    photos without a decision the library holds; `examples`: which labels were given before the
    model scored the tag (the others were chosen by score, ml/selection_aware.py);
    `final_unlabelled`: the saved model's scores of the same unlabelled photos, when the held-out
    scores are on another scale (fold models with fewer labels, each with a class set of its
    own): the threshold is then placed on the saved model's scores; `final_labelled`: its
    scores of the labels, for a cut no unanswered photo is near (gap_cut). `same_scale`: a known
    tag's scores are its parent's, or a small correction of them (the head path), so the
    threshold it had still means what it meant; not so after a deep fine-tune. `sampled`: the
    unlabelled scores are a few photos each standing for many of the library's (the deep
    fine-tune's, which decodes a few dozen): where the cut falls between two of them, it goes
    where the calibration says a photo becomes likelier the tag's than not (_in_the_gap)."""
    if held_out is None and known:
        return current  # a known tag keeps its threshold
    if held_out is None:
        # Too few labels to hold any out: undo the positives' extra weight instead (they
        # were weighed up to match the rejections, which inflates the odds by that factor).
        boost = float(weights[y].max()) if y.any() else 1.0
        return float(np.clip(boost / (1.0 + boost), 0.5, 0.95))
    cut = _calibrated(
        current,
        y,
        held_out,
        unlabelled_total,
        examples,
        final_unlabelled,
        final_labelled,
        new_tag=not known,
        sampled=sampled,
    )
    if (
        same_scale
        and known
        and _errors(y, held_out[0], examples, current) <= _errors(y, held_out[0], examples, cut)
    ):
        # A tag the default tagger had keeps the threshold it was calibrated with unless the
        # held-out answers are told apart better by the new one. Answers on either side of
        # it say nothing about where in the gap between them to cut, and the calibration
        # placed such a cut far down the gap: 10 yes and 30 random no took 'fish' from 0.30
        # to 0.05, onto sea snakes and coral reefs (benchmarks/corrected_tags.py). Photos
        # the user gave the tag where it was not suggested (examples) are not counted: one
        # such photo under the threshold says some photos of the tag score low, not that
        # the photos scored as low are mostly the tag's ('kitchen' fell to 0.05 for one).
        return current
    return cut


def _errors(y: np.ndarray, scores: np.ndarray, examples: np.ndarray, cut: float) -> int:
    """How many answers `y` that were chosen by score (not `examples`) a cut at `cut` on
    their `scores` gets wrong."""
    answers = ~examples.astype(bool)
    return int(((scores[answers] >= cut) != y[answers]).sum())


def _calibrated(
    current: float,
    y: np.ndarray,
    held_out: tuple[np.ndarray, np.ndarray],
    unlabelled_total: int,
    examples: np.ndarray,
    final_unlabelled: np.ndarray | None,
    final_labelled: np.ndarray | None = None,
    *,
    new_tag: bool = False,
    sampled: bool = False,
) -> float:
    """tag_threshold's cut from the held-out scores, before a known tag's rule (`new_tag`: a
    tag the default tagger does not have; `sampled`: tag_threshold's)."""
    scores, unlabelled = held_out
    if len(unlabelled) == 0:
        return best_threshold(y, scores, current, beta=PRECISION_BETA)
    # The sample of unlabelled photos stands for all of the library's unlabelled ones.
    scale = max(unlabelled_total, len(unlabelled)) / len(unlabelled)
    calibration = fit_library_calibration(scores, y, examples, unlabelled, scale)
    if calibration is None:  # examples of one class and no answers of the other
        if new_tag and not ranks_yes_higher(y, scores, beyond_chance=True):
            # A tag the user invented, its yes answers all given as examples and its "no" all
            # answers to review (chosen by score): the calibration below has nothing to read,
            # and the mixture library_threshold fits reads yes answers scored under the no
            # ones as "every cut is as good": it cut at its floor, 0.05. polish35's "from Anna"
            # (12 random photos of 397 said yes, then 6 of review's first photos said no; held
            # out, the yes scored 0-0.69, the no 0-0.99) went from 29 photos onto 390. The
            # rule the calibrated path keeps (ranks_yes_higher): the held-out answers do not
            # put the tag's photos above the others, so no unanswered photo is taken for it.
            # A tag the default tagger has is not held so: its yes answers given where it was
            # not suggested score low and the no answers to its suggestions high by their
            # nature, and its threshold stays its own (tag_threshold).
            return NOTHING_TAKEN
        cut = library_threshold(scores[y], scores[~y], unlabelled, scale, beta=PRECISION_BETA)
        if new_tag and examples[y].all() and not examples[~y].any():
            cut = min(cut, _above_the_no(y, scores, unlabelled, final_unlabelled, final_labelled))
            taken = float((unlabelled >= cut).mean())
            if not YesOnlyCheck(scores[y], unlabelled, taken).spreads:
                # The yes answers ranked above the "no" ones by chance: the mixture fit still
                # took photos for a tag of random photos (the lead's draws of 12 random "from
                # Anna" yes and 6 review "no" on det-photos: 4 of 30 went onto 49-144 photos).
                # Nothing that held the tag's yes answers out tells them from the unanswered
                # photos (YesOnlyCheck): no unanswered photo is taken for it.
                return NOTHING_TAKEN
        return cut
    probability = calibration.probability(unlabelled)
    if not ranks_yes_higher(y, scores, beyond_chance=new_tag):
        # The held-out answers' own scores do not put the tag's photos above the others: the
        # model has learned nothing of the tag that carries to photos it did not see, and the
        # calibration's near-flat P(yes | score) is the answers' share of yes, not the
        # library's. accept30's 'my test' (5 random yes, 5 random no; the yes scored 0.13-0.72,
        # the no 0.29-0.90) was cut at 0.24, below the median score: 232 of 300 photos tagged.
        # Precision first: no unanswered photo is taken for the tag's. For a tag the user
        # invented, "above" means beyond what as many answers drawn at random would show:
        # 20 random yes and 20 random no on det-photos ranked 0.58-0.75 held out, and the
        # calibration's near-flat P(yes | score), at the answers' share of yes, then took
        # 2-68 of 111 unanswered photos (tests/test_new_tag_random_answers.py).
        probability = np.zeros_like(probability)
    bound = positives_bound(scores, y, unlabelled, scale, examples) if examples.any() else None
    if bound is not None and probability.sum() * scale > BOUND_SLACK * bound:
        # A new tag's first threshold, from examples only: 30 random no's all score near 0,
        # so they say nothing of where the other photos lie between 0.02 and 0.5, and one
        # honest yes the folds scored low made the calibration read that band of unanswered
        # photos as mostly the tag's ('reptiles' from 10 yes: 92 expected where 26 are and
        # the bound allows 46; the cut at 0.10, 51 photos tagged). The unanswered photos'
        # own scores bound how many of them can be the tag's; the calibration is held to that
        # bound where it clearly exceeds it. So too after review rounds, the photos review
        # took out of the unanswered ones counted back in (positives_bound): det-photos
        # 'seaside' seed 6, one round in, expected 3 times its photos and cut at 0.27, 71
        # photos tagged for 23 (F1 0.45); held to the bound, 0.86, 21 tagged (F1 0.73).
        # Held even where then no photo is likelier the tag's than not: the answers cannot
        # say how many photos have the tag, and the unbounded calibration they cannot back
        # put 'beach day' (ImageNet samples, seed 4, after 10 + 30) onto 95 photos for 9
        # (expected 520, bound 80). Precision first: such a tag
        # then lands on no photo beyond its answers until review finds where it lies.
        calibration = at_most(calibration, unlabelled, scale, bound)
        probability = calibration.probability(unlabelled)
    if final_unlabelled is not None:
        # Fold models are less sure than the saved one (fewer labels, a set searched from
        # fewer): a cut placed on their scale would tag more photos than the calibration meant.
        probability = by_rank(probability, final_unlabelled)
        unlabelled = final_unlabelled
    cut = expected_fbeta_threshold(unlabelled, probability, beta=PRECISION_BETA)
    mostly_right = mostly_right_cut(unlabelled, probability)
    if mostly_right > unlabelled.max():
        # No unanswered photo is likely the tag's, and the cut went just above the likeliest:
        # taught "monkeys" (25 primates answered yes, scored 0.97 or more) was cut at 0.153
        # above a bear at 0.146, so the next scan's dog at 0.16 would have been "monkeys".
        # Every cut between the unanswered photos and the tag's own splits the library alike;
        # the one chosen is for the photos scanned next: where the tag's evidence says a photo
        # becomes likelier the tag's than not. On the scale the calibration was fitted on,
        # where its P(yes | score) reaches MOSTLY_RIGHT. Carried to the saved model's scores
        # by rank (by_rank), it is known there only at the unanswered photos' scores, all
        # below that point: then midway across the gap (gap_cut).
        if final_unlabelled is None:
            unseen = calibration.score_at(MOSTLY_RIGHT) or 0.0
        elif final_labelled is not None:
            unseen = gap_cut(final_labelled, y, unlabelled)
        else:
            unseen = 0.0
        mostly_right = max(mostly_right, unseen)  # never below: the library's photos stay
    cut = max(cut, mostly_right)
    if sampled and final_unlabelled is None:
        cut = _in_the_gap(cut, unlabelled, calibration.score_at(MOSTLY_RIGHT))
    return float(np.clip(cut, 0.05, 0.95))


def _in_the_gap(cut: float, unlabelled: np.ndarray, likelier: float | None) -> float:
    """`cut` moved, inside the gap between the `unlabelled` scores it falls between, to
    `likelier` (the score where the calibration's P(yes) reaches MOSTLY_RIGHT) where that lies
    in the gap; as it is otherwise, and where no unanswered photo scores above it.

    Every cut inside a gap splits the scored photos alike, and the expected F-beta places it
    halfway across (ranked_cuts). On the head path's thousands of photos a gap is where the
    library has none; on a sample of 64, each photo stands for 15 of a library of 1,000, and
    the library's photos in the gap were cut at its middle whatever they are. `train --deep`
    cut "hoofed animals" (det-photos, 10 yes + 10 no then 4 yes + 5 no more) at 0.548 and
    0.517, halfway between sampled photos at 0.113 and 0.984, 0.044 and 0.990, and the
    library's seals, carts and a cat between them were tagged (precision 0.758 and 0.833),
    where plain `train`, which scores every photo, cut at 0.950 and 0.903."""
    above = unlabelled[unlabelled >= cut]
    if likelier is None or not len(above):
        return cut
    low, high = float(unlabelled[unlabelled < cut].max(initial=0.0)), float(above.min())
    return likelier if low < likelier <= high else cut


def _above_the_no(
    y: np.ndarray,
    scores: np.ndarray,
    unlabelled: np.ndarray,
    final_unlabelled: np.ndarray | None,
    final_labelled: np.ndarray | None,
) -> float:
    """A new tag's cut where its yes answers are all examples and its "no" all answers to
    review (chosen by score, from the top): the unanswered photos the held-out models scored
    above every "no" answer are taken, on the saved model's scale (`final_unlabelled`,
    `final_labelled`), midway between them and the highest of the rest and of the "no"
    answers; NOTHING_TAKEN where the saved model does not keep them apart (or there is none).

    library_threshold reads the "no" answers as a sample of the photos that are not the tag's,
    and they are not: review chose them from the top of the scores, so the photos that are not
    the tag's seemed to score high, and the unanswered photos above the "no" answers read as
    more of them. "monkeys" taught from 10 yes on det-photos (tests/test_new_tag_no_from_review)
    found its held-out monkey and crops; "no" to the first 6 other photos review offered (the
    monkeys it offered left unanswered), and held out the yes scored 0.98-1.0, the no 0-0.29,
    the unanswered monkey and crops 0.45-0.48 and the other unanswered photos 0.23 or less: the
    mixture read 1 % of the unanswered photos as the tag's and cut at its ceiling, 0.95, and the
    monkey (0.48-0.50 on the saved model) was lost. Review offers the likeliest photos first, so
    the "no" answers are the top of the photos that are not the tag's: the unanswered photos
    the model puts above all of them, under its yes answers, are the ones the user left there.
    """
    if final_unlabelled is None or final_labelled is None or not (~y).any():
        return NOTHING_TAKEN
    top_no = float(scores[~y].max())
    if float(scores[y].min()) <= top_no:
        return NOTHING_TAKEN  # the yes answers do not all rank above the "no" ones
    above = unlabelled > top_no
    if not above.any() or not YesOnlyCheck(scores[y], unlabelled, float(above.mean())).spreads:
        # None there, or the yes answers do not stand out of the unanswered photos as a tag
        # the model sees does (the yes-only check's evidence).
        return NOTHING_TAKEN
    rest = np.r_[final_unlabelled[~above], final_labelled[~y]]
    low, high = float(rest.max(initial=0.0)), float(final_unlabelled[above].min())
    if high <= low:
        return NOTHING_TAKEN
    return midway(low, high)


RANKS_BEYOND_CHANCE = 1.645  # one-sided 5 %


def ranks_yes_higher(y: np.ndarray, scores: np.ndarray, *, beyond_chance: bool = False) -> bool:
    """Whether the held-out `scores` rank the yes answers `y` above the no answers more often
    than not (area under the ROC curve above one half); True without answers of both kinds.
    `beyond_chance`: more often than answers drawn at random would (the area above one half by
    RANKS_BEYOND_CHANCE standard errors of a random draw's, Mann-Whitney)."""
    yes, no = scores[y], scores[~y]
    if not len(yes) or not len(no):
        return True
    area = yes_ranked_above(yes, no)
    if not beyond_chance:
        return area > 0.5
    n1, n2 = len(yes), len(no)
    return area > 0.5 + RANKS_BEYOND_CHANCE * math.sqrt((n1 + n2 + 1) / (12.0 * n1 * n2))


def gap_cut(labelled: np.ndarray, y: np.ndarray, unlabelled: np.ndarray) -> float:
    """Midway, in logit space, between the lowest of the yes answers' scores (`labelled`,
    answers `y`) and the highest of the `unlabelled` scores and the no answers' below it: 0.0
    when an unanswered photo scores as high. Every cut inside the gap tags the same photos;
    the middle is the farthest from both sides. No answers scored among the yes ones (apes
    answered no to "monkeys", scored 0.98 like the monkeys) do not close it: no cut parts
    them."""
    if not y.any():
        return 0.0
    high = float(labelled[y].min())
    if unlabelled.max() >= high:
        return 0.0
    no = labelled[~y]
    low = max(float(unlabelled.max()), float(no[no < high].max(initial=0.0)))
    return midway(low, high)


def mostly_right_cut(scores: np.ndarray, probability: np.ndarray) -> float:
    """The lowest cut on `scores` whose photos above it are expected to be mostly right (mean
    `probability` of yes at least MOSTLY_RIGHT); above every score if none is.

    The best expected F-beta alone can tag photos that are mostly wrong: once review has found
    every photo of a tag, no unanswered photo is likely yes, and the best of those tiny F-betas
    still tags the few likeliest. Taught "monkeys" (the ImageNet samples, benchmarks/monkeys.py
    with apes answered no) fell to 0.20, 0.10, 0.07 over review rounds, and in the app onto a
    hamster at 10% and a sheep at 12%. Precision first means the photos a version adds are at
    least more often right than wrong."""
    if not len(scores):
        return 0.0
    cuts, yes, tagged, _ = ranked_cuts(scores, probability)
    kept = np.flatnonzero(yes / tagged >= MOSTLY_RIGHT)
    if not len(kept):
        # Clearly above the likeliest: the saved model scores in float32, and a cut a float64
        # step above a photo's score rounded back onto it (a wallaby stayed tagged).
        return float(scores.max()) + ABOVE
    return float(cuts[kept[-1]])


def yes_ranked_above(yes: np.ndarray, unanswered: np.ndarray) -> float:
    """The area under the ROC curve of held-out `yes` scores against held-out `unanswered`
    ones: how often a yes answer the model did not learn from scores above a photo without
    an answer (ties count half); 0.5 where either is empty."""
    if not len(yes) or not len(unanswered):
        return 0.5
    order = np.sort(unanswered)
    below = np.searchsorted(order, yes, side="left")
    ties = np.searchsorted(order, yes, side="right") - below
    return float((below + 0.5 * ties).sum() / (len(yes) * len(unanswered)))


def yes_above_cut_chance(yes: np.ndarray, unanswered: np.ndarray, share: float) -> float:
    """The chance that as many of the held-out `yes` scores as score above the held-out
    `unanswered` ones' top `share` (the share of unanswered photos a tag's cut takes) would
    score there were they unanswered photos too: a binomial tail, each landing there with
    probability `share`. Small: the cut takes the yes answers' kind of photo more often than
    any photo; 1 where the cut takes nothing."""
    if share <= 0 or not len(yes) or not len(unanswered):
        return 1.0
    share = min(share, 1.0)
    line = float(np.quantile(unanswered, 1 - share))
    return binomial_upper_tail(int((yes > line).sum()), len(yes), share)


@dataclass(frozen=True)
class YesOnlyCheck:
    """A tag taught from yes answers with fewer than 5 "no", held out against unanswered
    photos (core/tag_learning.py's _yes_out_of_fold): its held-out yes answers' and unanswered
    photos' scores, and the share of unanswered photos its cut takes."""

    yes: np.ndarray
    unanswered: np.ndarray
    taken: float

    @property
    def auc(self) -> float:
        return yes_ranked_above(self.yes, self.unanswered)

    @property
    def above_cut_chance(self) -> float:
        return yes_above_cut_chance(self.yes, self.unanswered, self.taken)

    @property
    def spreads(self) -> bool:
        """Whether any unanswered photo may be taken for the tag: its held-out yes answers rank
        above unanswered photos at least YES_ONLY_AUC of the time, and either clearly so
        (YES_ONLY_CLEAR_AUC) or more of them land above its cut than chance would put there."""
        auc = self.auc
        if auc < YES_ONLY_AUC:
            return False
        return auc >= YES_ONLY_CLEAR_AUC or self.above_cut_chance <= YES_ONLY_ABOVE_CUT
