"""A trained tag head: the default tagger's judgement, corrected by what the user taught it.

For each tag t:  p_t(x) = sigmoid(scale_t * logit(default_t(x)) + w_t . z(x) + b_t)
where default_t is the default head's confidence, or for a tag the user invented the probability
mass of the ImageNet class set that best explains it (core/concepts.py; 0 contribution when no
class set fits), and z(x) the standardised embedding. With scale 1, w 0 and b 0 it is exactly the
default head, so a first trained version starts from what the default knows, and each later
version starts from its parent's weights: training corrects, it does not start over.
Inference is numpy only.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from phototagger.ml.blas_threads import one_blas_thread
from phototagger.ml.face_base import PARAMETERS, FaceSignals, face_logit
from phototagger.ml.heads import DefaultHead, with_overrides
from phototagger.ml.lookalikes import (
    held_under,
    kind_rows,
    lookalike_rows,
    unit_rows,
    unshown_rows,
)

# Rows TrainedHead.scores scores at a time: a page of at most this many is one softmax, so its
# scores can be taken from a softmax of the same rows computed elsewhere (scores_given).
SCORE_CHUNK = 8192

LOGIT_CLIP = 1e-4
# The highest score below 1 in float32. A tag cut at 1.0 (core/tag_threshold.NOTHING_TAKEN: it
# stays on the photos the user said yes to) is above every score only while no score rounds to
# 1: a sigmoid of 17 or more does in float32 (1 - 4e-8 is no float32), and such a photo met the
# cut (scores >= thresholds) and was tagged. fold40's benchmark (folder_tags.py): 1-2 unanswered
# photos per draw (a harmonica) took a trip tag meant to stay on its folder's photos.
BELOW_ONE = np.nextafter(np.float32(1.0), np.float32(0.0))


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, LOGIT_CLIP, 1 - LOGIT_CLIP)
    return np.log(p / (1 - p))


def sigmoid(x: np.ndarray) -> np.ndarray:
    # exp overflows to inf for very negative logits, which is the right limit (0): not a warning.
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-x))


@dataclass
class TrainedHead:
    version: str
    base: DefaultHead
    tags: list[str]
    base_index: np.ndarray  # (T,) int: column of the default head, -1 for the user's own tags
    scale: np.ndarray  # (T,)
    kernel: np.ndarray  # (1280, T)
    bias: np.ndarray  # (T,)
    mean: np.ndarray  # (1280,) embedding standardisation
    std: np.ndarray  # (1280,)
    tag_thresholds: np.ndarray  # (T,)
    overrides: dict[str, float] = field(default_factory=dict)
    # (1000, T) 0/1: the ImageNet classes whose summed probability is the base of a tag the user
    # invented (all 0 for other tags). None: no tag has a class set.
    concepts: np.ndarray | None = None
    # (T, face_base.PARAMETERS): the face-detector base of a tag the user invented (ml/face_base.py;
    # all 0 for other tags). With a class set too, the base is P(faces) x the set's mass. None: no
    # tag has one.
    faces: np.ndarray | None = None
    # Rejections a tag's weights cannot learn, and that tag's yes answers (ml/lookalikes.py):
    # (M, 1280) standardised unit embeddings, (M,) their tag's column, (M,) per row the cosine
    # level of a rejection's lookalikes (-1: a yes answer). None: no tag has any.
    lookalikes: np.ndarray | None = None
    lookalike_tags: np.ndarray | None = None
    lookalike_levels: np.ndarray | None = None
    # The kinds a tag's kept rejections name (ml/lookalikes.py: ImageNet classes outside its set
    # that no yes answer shares): (K,) class indices, (K,) their tag's column. None: no tag has.
    kinds: np.ndarray | None = None
    kind_tags: np.ndarray | None = None
    # The kinds outside a tag's WordNet group that no yes answer surely showed (ml/lookalikes.py,
    # core/concepts.unshown_kinds): (K,) class indices, (K,) their tag's column. None: no tag has.
    unshown: np.ndarray | None = None
    unshown_tags: np.ndarray | None = None

    @property
    def tag_names(self) -> list[str]:
        return self.tags

    @property
    def thresholds(self) -> np.ndarray:
        return with_overrides(self.tags, self.tag_thresholds, self.overrides)

    def standardise(self, embeddings: np.ndarray) -> np.ndarray:
        # No astype copies: 100,000 embeddings are 500 MB of float32. Divided in place: the
        # same bits without a second temporary of the embeddings' size.
        standard = np.asarray(embeddings, np.float32) - self.mean
        standard /= self.std
        return standard.astype(np.float32, copy=False)

    def base_logits(
        self,
        embeddings: np.ndarray,
        probs: np.ndarray | None = None,
        faces: FaceSignals | None = None,
    ) -> np.ndarray:
        """(N, T) logits of the default head's confidence per output tag; 0 where it has none.
        `probs`: the embeddings' ImageNet probabilities, if already computed; `faces`: the
        photos' face signals (None: the detector's findings are unknown for every photo)."""
        return self._base(embeddings, probs, faces=faces)[0]

    def _base(
        self,
        embeddings: np.ndarray,
        probs: np.ndarray | None,
        base_scores: np.ndarray | None = None,
        faces: FaceSignals | None = None,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """(base logits (N, T), the default head's own scores (N, default tags), the
        ImageNet probabilities if they were given or computed).
        `base_scores`: the default head's scores of these embeddings, if already known (the
        score cache): then the 1000-class softmax runs only for tags with a class set of their
        own."""
        out = np.zeros((len(embeddings), len(self.tags)), dtype=np.float32)
        if len(embeddings) == 0:
            return out, np.zeros((0, len(self.base.tag_names)), np.float32), probs
        own = self.concept_columns()
        if probs is None and (base_scores is None or own.any()):
            probs = self.base.imagenet_probabilities(embeddings)
        if base_scores is not None:
            default = np.asarray(base_scores, np.float32)
        else:
            assert probs is not None
            default = self.base.scores_from_probabilities(probs)
        known = self.base_index >= 0
        out[:, known] = logit(default)[:, self.base_index[known]]
        if self.concepts is not None and own.any():
            assert probs is not None
            # One product per tag: a matrix product's rounding depends on how many columns
            # it has, and a tag nobody touched must score bit for bit as before when another
            # tag gains (or loses) a class set. On one thread: a page's product is ~0.3 ms of
            # work, and split over the 2 threads of a busy machine each took ~6 ms of waiting
            # (3.8 s of a 100,000-photo training's comparison). On one thread it is also the
            # same bits on any machine: split over 4 threads, a 952-row page's came out
            # different in the last bit (tests/test_imagenet_probabilities.py). Training's own
            # products run on one thread too (core/retrain.py).
            with one_blas_thread():
                for j in np.flatnonzero(own):
                    mass = np.clip(probs @ self.concepts[:, j].astype(np.float32), 0.0, 1.0)
                    out[:, j] = logit(mass)
        for j in np.flatnonzero(self.face_columns()):
            out[:, j] = self._with_faces(int(j), out[:, j], bool(own[j]), faces, len(embeddings))
        return out, default, probs

    def _with_faces(
        self, j: int, base: np.ndarray, has_classes: bool, faces: FaceSignals | None, n: int
    ) -> np.ndarray:
        """Tag j's base logit with its face base: the face logit alone, or with a class set,
        the logit of P(faces) x the set's mass (`base`, a logit)."""
        assert self.faces is not None
        f = face_logit(self.faces[j], faces if faces is not None else FaceSignals.unknown(n))
        if not has_classes:
            return f.astype(np.float32)
        return logit(sigmoid(f) * sigmoid(base.astype(np.float64))).astype(np.float32)

    def column_classes(self, j: int) -> np.ndarray:
        """(1000,) the ImageNet classes whose mass is tag j's base, 0/1 or weights in [0, 1]
        (all 0: none)."""
        if self.base_index[j] >= 0:
            return self.base.tag_classes()[:, self.base_index[j]]
        if self.concepts is not None:
            return self.concepts[:, j].astype(np.float32)
        return np.zeros(self.base.kernel.shape[1], np.float32)

    def column_faces(self, j: int) -> np.ndarray:
        """(PARAMETERS,) tag j's face base (all 0: none)."""
        if self.faces is None or self.base_index[j] >= 0:
            return np.zeros(PARAMETERS, np.float32)
        return self.faces[j].astype(np.float32)

    def column_scores(
        self,
        embeddings: np.ndarray,
        columns: list[int],
        mass: np.ndarray,
        faces: FaceSignals | None = None,
        probs: np.ndarray | None = None,
    ) -> np.ndarray:
        """Scores of some tags only, given their base mass (N, len(columns)), the photos'
        face signals and ImageNet probabilities, if known (core/version_diff.py: the active
        version's changed tags, from the probabilities a page was already scored with)."""
        cols = np.asarray(columns, dtype=int)
        base = logit(mass)
        has_base = np.array([self.column_classes(j).any() for j in cols], dtype=bool)
        base[:, ~has_base] = 0.0
        with_faces = self.face_columns()
        for i, j in enumerate(cols):
            if with_faces[j]:
                base[:, i] = self._with_faces(j, base[:, i], has_base[i], faces, len(embeddings))
        # standardise(e) @ k == e @ (k / std) - (mean / std) @ k: no copy of the embeddings
        kernel = self.kernel[:, cols] / self.std[:, None]
        z = (
            base * self.scale[cols]
            + np.asarray(embeddings, np.float32) @ kernel
            - self.mean @ kernel
            + self.bias[cols]
        )
        scores = sigmoid(z).astype(np.float32)
        pure = self.untrained_columns()[cols]
        scores[:, pure] = np.clip(mass[:, pure], 0.0, 1.0)
        self._under_rejections(embeddings, scores, [int(j) for j in cols], probs=probs)
        self._under_a_cut_of_one(scores, [int(j) for j in cols])
        return scores

    def column_lookalikes(self, j: int) -> tuple[np.ndarray, np.ndarray]:
        """Tag j's kept rejections and yes answers (ml/lookalikes.py): (vectors, levels)."""
        if self.lookalikes is None or self.lookalike_tags is None:
            return np.zeros((0, len(self.mean)), np.float32), np.zeros(0, np.float32)
        assert self.lookalike_levels is not None
        mine = self.lookalike_tags == j
        return self.lookalikes[mine], self.lookalike_levels[mine]

    def column_kinds(self, j: int) -> np.ndarray:
        """Tag j's rejected kinds (ml/lookalikes.py): ImageNet class indices."""
        if self.kinds is None or self.kind_tags is None:
            return np.zeros(0, int)
        return self.kinds[self.kind_tags == j]

    def column_unshown(self, j: int) -> np.ndarray:
        """Tag j's unshown kinds (ml/lookalikes.py): ImageNet class indices."""
        if self.unshown is None or self.unshown_tags is None:
            return np.zeros(0, int)
        return self.unshown[self.unshown_tags == j]

    def _under_rejections(
        self,
        embeddings: np.ndarray,
        scores: np.ndarray,
        cols: list[int],
        standard: np.ndarray | None = None,
        probs: np.ndarray | None = None,
    ) -> None:
        """In place: the lookalikes of a tag's kept rejections, the photos of their kinds and
        those whose likely classes lie clearly outside its set (its unshown kinds;
        ml/lookalikes.py) scored under its cut by MARGIN. `scores`: (N, len(cols)), column i
        being tag cols[i]. `standard`: standardise(embeddings), `probs`: the photos' ImageNet
        probabilities, if the caller has them already."""
        near = self.lookalike_tags is not None and np.isin(self.lookalike_tags, cols).any()
        kind = bool(
            (self.kind_tags is not None and np.isin(self.kind_tags, cols).any())
            or (self.unshown_tags is not None and np.isin(self.unshown_tags, cols).any())
        )
        if not near and not kind:
            return
        unit = None
        if near:
            unit = unit_rows(self.standardise(embeddings) if standard is None else standard)
        if kind and probs is None:
            probs = self.base.imagenet_probabilities(embeddings)
        for i, j in enumerate(cols):
            vectors, levels = self.column_lookalikes(j)
            kinds, unshown = self.column_kinds(j), self.column_unshown(j)
            hit = np.zeros(len(scores), bool)
            if unit is not None and (levels >= 0).any():
                with one_blas_thread():
                    hit = lookalike_rows(unit, vectors, levels)
            if len(kinds):
                assert probs is not None
                hit |= kind_rows(probs, kinds)
            if len(unshown):
                assert probs is not None
                hit |= unshown_rows(probs, unshown, self.column_classes(j))
            if not hit.any():
                continue
            cap = held_under(float(self.tag_thresholds[j]))
            scores[hit, i] = np.minimum(scores[hit, i], np.float32(cap))

    def _under_a_cut_of_one(self, scores: np.ndarray, cols: list[int]) -> None:
        """Hold the scores (N, len(cols)) of tags `cols` cut at 1.0 or more under the cut
        (BELOW_ONE), in place: such a tag takes no photo by its score."""
        at_one = np.flatnonzero(self.thresholds[cols] >= 1.0)
        for i in at_one:
            np.minimum(scores[:, i], BELOW_ONE, out=scores[:, i])

    def untrained_columns(self) -> np.ndarray:
        """(T,) bool: tags that are exactly the default head's (scale 1, no correction)."""
        return (
            (self.base_index >= 0)
            & (self.scale == 1.0)
            & (self.bias == 0.0)
            & ~self.kernel.any(axis=0)
        )

    def concept_columns(self) -> np.ndarray:
        """(T,) bool: the tags whose base is a class set of their own."""
        if self.concepts is None:
            return np.zeros(len(self.tags), bool)
        return (self.base_index < 0) & self.concepts.any(axis=0)

    def face_columns(self) -> np.ndarray:
        """(T,) bool: the tags whose base includes the face detector's signals."""
        if self.faces is None:
            return np.zeros(len(self.tags), bool)
        return (self.base_index < 0) & self.faces.any(axis=1)

    def scores(
        self,
        embeddings: np.ndarray,
        chunk: int = SCORE_CHUNK,
        base_scores: np.ndarray | None = None,
        faces: FaceSignals | None = None,
    ) -> np.ndarray:
        """`faces`: the photos' face signals, for tags with a face base (None: unknown)."""
        if len(embeddings) == 0:
            return np.zeros((0, len(self.tags)), dtype=np.float32)
        parts = []
        for start in range(0, len(embeddings), chunk):
            rows = slice(start, start + chunk)
            known = None if base_scores is None else base_scores[rows]
            parts.append(
                self.scores_given(
                    embeddings[rows],
                    base_scores=known,
                    faces=None if faces is None else faces.rows(rows),
                )
            )
        return np.concatenate(parts)

    def scores_given(
        self,
        embeddings: np.ndarray,
        probs: np.ndarray | None = None,
        base_scores: np.ndarray | None = None,
        faces: FaceSignals | None = None,
    ) -> np.ndarray:
        """Scores of one chunk, reusing its ImageNet probabilities or default-head scores if
        given. A tag nobody corrected gives exactly the default head's confidence (not a
        logit's round trip)."""
        base, default, probs = self._base(embeddings, probs, base_scores, faces)
        standard = self.standardise(embeddings)
        z = base * self.scale + standard @ self.kernel + self.bias
        scores = sigmoid(z).astype(np.float32)
        pure = self.untrained_columns()
        scores[:, pure] = default[:, self.base_index[pure]]
        self._under_rejections(
            embeddings, scores, list(range(len(self.tags))), standard, probs=probs
        )
        self._under_a_cut_of_one(scores, list(range(len(self.tags))))
        return scores

    def column_given(
        self,
        embeddings: np.ndarray,
        j: int,
        probs: np.ndarray | None = None,
        faces: FaceSignals | None = None,
    ) -> np.ndarray:
        """scores_given(...)[:, j], bit for bit, without scoring the tags the caller does not
        need (the review queue reads one tag): at 100,000 photos, the default head's scores of
        its 59 tags were 0.9 s of a 4 s queue, for a taught tag that reads none of them.

        Only what tag j's score is made of is computed. Where that is a column of a matrix
        product (the default head's scores, the embeddings' correction), the whole product
        is, as scores_given computes it: a product's rounding depends on how many columns it
        has, and one of the column alone (or of two) gave 5 to 35% of the scores another last
        bit."""
        n = len(embeddings)
        if n == 0:
            return np.zeros(0, np.float32)
        b = int(self.base_index[j])
        own = bool(self.concept_columns()[j])
        if probs is None and (b >= 0 or own):
            probs = self.base.imagenet_probabilities(embeddings)
        if b >= 0:
            assert probs is not None
            default = self.base.scores_from_probabilities(probs)[:, b]
            if self.untrained_columns()[j]:
                return default  # exactly the default head's confidence, as scores_given
            base = logit(default)
        elif own:
            assert probs is not None and self.concepts is not None
            with one_blas_thread():  # as _base: one product per tag, on one thread
                mass = np.clip(probs @ self.concepts[:, j].astype(np.float32), 0.0, 1.0)
            base = logit(mass)
        else:
            base = np.zeros(n, np.float32)
        if self.face_columns()[j]:
            base = self._with_faces(j, base, own, faces, n)
        z = base * self.scale[j] + self._correction(embeddings, j) + self.bias[j]
        scores = sigmoid(z).astype(np.float32).reshape(n, 1)
        self._under_rejections(embeddings, scores, [j], probs=probs)
        self._under_a_cut_of_one(scores, [j])
        return np.ascontiguousarray(scores[:, 0])

    def _correction(self, embeddings: np.ndarray, j: int) -> np.ndarray:
        """Column j of standardise(embeddings) @ kernel, to the bit (see column_given). 0 where
        tag j learned no correction from the embeddings (its kernel column is 0: a tag learned
        from its class set alone) and every standardised embedding is finite: each term is
        then a 0, their sum 0 (its sign makes no difference to the score)."""
        if not self.kernel[:, j].any():
            # How far from 0 a standardised embedding can be: (e - mean) / std.
            low, high = float(np.min(embeddings)), float(np.max(embeddings))
            far = max(high, -low) + float(np.max(np.abs(self.mean)))
            least = float(np.min(self.std))
            if np.isfinite(far) and least > 0 and far / least < 1e37:
                # As the product's dtype (float64 with a float64 kernel), not a weak 0.
                return np.zeros((), np.result_type(np.float32, self.kernel.dtype))
        return (self.standardise(embeddings) @ self.kernel)[:, j]

    def arrays(self) -> dict[str, np.ndarray]:
        arrays = {
            "base_index": self.base_index,
            "scale": self.scale,
            "kernel": self.kernel,
            "bias": self.bias,
            "mean": self.mean,
            "std": self.std,
            "thresholds": self.tag_thresholds,
        }
        if self.concepts is not None and self.concepts.any():
            binary = np.isin(self.concepts, (0, 1)).all()
            # Class sets are 0/1; a tag based on its examples' classes weighs them in [0, 1]
            # (core/class_weights.py), kept as the float32 the scores were computed with.
            arrays["concepts"] = self.concepts.astype(np.uint8 if binary else np.float32)
        if self.faces is not None and self.faces.any():
            arrays["faces"] = self.faces.astype(np.float32)
        if self.lookalike_tags is not None and len(self.lookalike_tags):
            assert self.lookalikes is not None and self.lookalike_levels is not None
            arrays["lookalikes"] = self.lookalikes.astype(np.float32)
            arrays["lookalike_tags"] = self.lookalike_tags.astype(np.int64)
            arrays["lookalike_levels"] = self.lookalike_levels.astype(np.float32)
        if self.kind_tags is not None and len(self.kind_tags):
            assert self.kinds is not None
            arrays["rejected_kinds"] = self.kinds.astype(np.int64)
            arrays["rejected_kind_tags"] = self.kind_tags.astype(np.int64)
        if self.unshown_tags is not None and len(self.unshown_tags):
            assert self.unshown is not None
            arrays["unshown_kinds"] = self.unshown.astype(np.int64)
            arrays["unshown_kind_tags"] = self.unshown_tags.astype(np.int64)
        return arrays


def remapped_lookalikes(head: TrainedHead, picked: np.ndarray) -> TrainedHead:
    """The lookalike rows, rejected and unshown kinds (ml/lookalikes.py) of a head whose columns
    become `picked` (new column i is old column picked[i]): each row follows its tag's column;
    a dropped tag's go."""
    new = np.full(len(head.tags), -1)
    new[picked] = np.arange(len(picked))
    return _rows_follow(head, new)


def _rows_follow(head: TrainedHead, new: np.ndarray) -> TrainedHead:
    """`head` with its lookalike rows, rejected and unshown kinds moved to their tag's column
    `new[old column]`; those of a column mapped to -1 dropped."""
    if head.lookalike_tags is not None:
        assert head.lookalikes is not None and head.lookalike_levels is not None
        moved = new[head.lookalike_tags]
        kept = moved >= 0
        head = replace(
            head,
            lookalikes=head.lookalikes[kept],
            lookalike_tags=moved[kept],
            lookalike_levels=head.lookalike_levels[kept],
        )
    if head.kind_tags is not None:
        assert head.kinds is not None
        moved = new[head.kind_tags]
        head = replace(head, kinds=head.kinds[moved >= 0], kind_tags=moved[moved >= 0])
    if head.unshown_tags is not None:
        assert head.unshown is not None
        moved = new[head.unshown_tags]
        head = replace(head, unshown=head.unshown[moved >= 0], unshown_tags=moved[moved >= 0])
    return head


def kinds_of_columns(head: TrainedHead, columns: np.ndarray) -> TrainedHead:
    """`head` with the rejected and unshown kinds (ml/lookalikes.py) of the `columns` ((T,)
    bool) only, and no kept rejection's lookalikes: a deep version's (core/retrain_deep.py). A
    kind is an ImageNet class, read from the photos' probabilities under the version's own
    embeddings, as its class sets are; a lookalike is an embedding of the parent's CNN (a deep
    version makes its own: core/deep_holds.py)."""
    same = np.where(columns, np.arange(len(head.tags)), -1)
    head = _rows_follow(head, same)
    return replace(head, lookalikes=None, lookalike_tags=None, lookalike_levels=None)


def learned_columns(head: TrainedHead) -> np.ndarray:
    """(T,) bool: the columns answers changed, which as_default_columns (a default tag's) or
    dropping the column (a tag the user invented) would undo: a default tag whose column,
    threshold and kept rejections are the default head's learned nothing. A default tag given
    1 yes beside another tag's 10 was kept as it was, yet read as learned, then taken back
    (fixc37)."""
    learned = ~head.untrained_columns()
    stock = head.base_index >= 0
    default = np.asarray(head.base.thresholds, np.float32)[np.where(stock, head.base_index, 0)]
    learned |= stock & (head.tag_thresholds != default)
    for rows in (head.lookalike_tags, head.kind_tags, head.unshown_tags):
        if rows is not None and len(rows):
            learned[np.unique(rows)] = True
    return learned


def as_default_columns(head: TrainedHead, columns: list[int]) -> TrainedHead:
    """`head` with the default head's tags at `columns` scored as the default head scores them
    (scale 1, no correction, its threshold), the rejections and unshown kinds kept for them gone
    (ml/lookalikes.py): a stock tag whose learned answers are all taken back (core/retrain.py)."""
    cols = [j for j in columns if head.base_index[j] >= 0]
    if not cols:
        return head
    picked = np.asarray(cols, dtype=int)
    scale, bias = head.scale.copy(), head.bias.copy()
    kernel, thresholds = head.kernel.copy(), head.tag_thresholds.copy()
    scale[picked], bias[picked], kernel[:, picked] = 1.0, 0.0, 0.0
    thresholds[picked] = np.asarray(head.base.thresholds, np.float32)[head.base_index[picked]]
    # Each other column keeps its rows where it is; the picked columns' are dropped.
    same = np.arange(len(head.tags))
    same[picked] = -1
    head = _rows_follow(head, same)
    return replace(head, scale=scale, bias=bias, kernel=kernel, tag_thresholds=thresholds)


def from_default(default: DefaultHead, mean: np.ndarray, std: np.ndarray) -> TrainedHead:
    """The default head restated in trained-head form (identical scores up to clipping)."""
    n = len(default.tag_names)
    return TrainedHead(
        version=default.version,
        base=default,
        tags=list(default.tag_names),
        base_index=np.arange(n),
        scale=np.ones(n, np.float32),
        kernel=np.zeros((len(mean), n), np.float32),
        bias=np.zeros(n, np.float32),
        mean=mean.astype(np.float32),
        std=std.astype(np.float32),
        tag_thresholds=default.thresholds.astype(np.float32),
    )


def standardisation(embeddings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = embeddings.mean(axis=0).astype(np.float32)
    std = embeddings.std(axis=0).astype(np.float32)
    return mean, np.maximum(std, 1e-3).astype(np.float32)


def grow(head: TrainedHead, new_tags: list[str], prior: float = 0.05) -> TrainedHead:
    """Add outputs for tags the user invented; existing outputs keep their weights."""
    if not new_tags:
        return head
    k = len(new_tags)
    return replace(
        head,
        tags=[*head.tags, *new_tags],
        base_index=np.concatenate([head.base_index, np.full(k, -1)]),
        scale=np.concatenate([head.scale, np.zeros(k, np.float32)]),
        kernel=np.concatenate(
            [head.kernel, np.zeros((head.kernel.shape[0], k), np.float32)], axis=1
        ),
        bias=np.concatenate([head.bias, np.full(k, np.log(prior / (1 - prior)), np.float32)]),
        tag_thresholds=np.concatenate([head.tag_thresholds, np.full(k, 0.5, np.float32)]),
        concepts=None
        if head.concepts is None
        else np.concatenate(
            [head.concepts, np.zeros((head.concepts.shape[0], k), head.concepts.dtype)], axis=1
        ),
        faces=None
        if head.faces is None
        else np.concatenate([head.faces, np.zeros((k, head.faces.shape[1]), head.faces.dtype)]),
    )
