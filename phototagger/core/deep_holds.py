"""The "no" answers a `train --deep` version holds under a tag's cut, made on its own embeddings.

A tag learned from a WordNet class set alone keeps, with the version, the "no" answers it
scores over its cut, whose lookalikes (near-copies, by the embedding) it holds a logit under the
cut, and the kinds (ImageNet classes) of those it scores near it (ml/lookalikes.py). Both are
read from the embedding: a lookalike is a cosine between standardised embeddings, a kind a
photo's likeliest class. A deep version embeds every photo through a CNN top of its own, so
`train`'s (made on the parent's embeddings) do not fit it: it dropped the lookalikes, and kept
kinds named by how the parent read the "no" photos. deep51, det-photos (every 10th photo and the
answered ones; "hoofed animals" 10 yes and 10 no, `train`, then 4 yes and 5 no more): `train`
held a re-saved, a 90% and a mirrored copy of each of its "no" photos of a fox and an elephant
under its cut of 0.59 (0.31-0.35); `train --deep` tagged 5 of the 6 (0.69-0.85), the two "no"
photos themselves scoring 0.62 and 0.64: it read the fox as a dhole, not the red fox `train`
held, and the elephant as an African elephant, not a Bouvier des Flandres. Here they are made
again by `train`'s rule (tag_learning.ConceptTrainer._keep_rejections) on the deep version's
embeddings: its own scores of the tag's answers, nothing held, its own unit embeddings and
ImageNet probabilities, and every other "no" answer for its near-copies (holds_made_again's
`fitted`). None of the 45 copies of its 15 "no" photos is tagged
(tests/test_deep_holds_no_answers.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np

from phototagger.core.tag_learning import column_rows
from phototagger.ml.face_base import FaceSignals
from phototagger.ml.lookalikes import (
    COPY_LEVEL,
    answer_level,
    held_under,
    rejected_kinds,
    unit_rows,
)
from phototagger.ml.trained_head import TrainedHead, kinds_of_columns

# (rows of the photos answered for column j, their answers: True yes).
Answers = Callable[[int], tuple[np.ndarray, np.ndarray]]


def set_alone_columns(head: TrainedHead) -> np.ndarray:
    """(T,) bool: the tags of the user's whose score is a class set (or the face detector)
    alone, no correction from the embedding: those whose "no" answers the version holds."""
    based = head.concept_columns() | head.face_columns()
    return based & ~head.kernel.any(axis=0)


def holds_made_again(
    head: TrainedHead,
    columns: np.ndarray,
    kinds_too: np.ndarray,
    rows: tuple[np.ndarray, np.ndarray, FaceSignals],
    answers: Answers,
    fitted: bool = False,
) -> TrainedHead:
    """`head` with the kept "no" answers (their lookalikes) of `columns` ((T,) bool) made again
    on the photos `rows` (this version's embeddings of them, their ImageNet probabilities and
    face signals), and the rejected kinds of `kinds_too` ((T,) bool) too; a tag not learned
    from a set alone keeps none. Other columns' are kept as they are.

    `fitted`: `rows` are embeddings of a CNN top fitted on these very answers (a deep
    version's). It keeps every other "no" answer of such a tag too, for its near-copies alone
    (ml/lookalikes.COPY_LEVEL): its reading of a "no" photo moves with its fit, and the photo's
    copies read otherwise still. deep63, "hoofed animals" (above): the fox said no to scored
    0.54 on a machine whose CPU has AVX-512 (0.33 with oneDNN off; over the cut of 0.59 with
    oneDNN held to AVX2), so it was not kept, and its re-saved and 90% copies (cosine 0.97-0.98
    to it) scored 0.79 and 0.80, tagged; the red fox it held as the fox's kind is the mirror's
    likeliest class, not theirs (a dhole 0.21, a red fox 0.19). Those two copies scored 1.1 to
    1.4 logits over the fox each time, and so they do in `train`'s version (the fox 0.63, they
    0.87 and 0.88): a rule on a "no" photo's own score stands on an edge. Without `fitted`,
    `train`'s rule exactly."""
    embeddings, probs, faces = rows
    columns = columns & set_alone_columns(head)
    # Each tag's column alone, nothing held (no column's kinds nor lookalikes kept).
    free = kinds_of_columns(head, np.zeros(len(head.tags), bool))
    scores = free.scores(embeddings, faces=faces)
    unit = unit_rows(head.standardise(embeddings))
    had = head.lookalike_tags
    others = np.ones(0, bool) if had is None else ~np.isin(had, np.flatnonzero(columns))
    vectors = [] if head.lookalikes is None else [head.lookalikes[others]]
    tags = [] if had is None else [had[others]]
    levels = [] if head.lookalike_levels is None else [head.lookalike_levels[others]]
    out = replace(head)
    for j in np.flatnonzero(columns | kinds_too):
        answered, y = answers(int(j))
        rejected, yes = answered[~y], answered[y]
        cut = float(head.tag_thresholds[j])
        said = scores[rejected, j]
        over = rejected[said >= cut] if len(yes) else rejected[:0]
        # A kind is named by the "no" answers it scores where it holds a kind's photos or above.
        near = rejected[said >= held_under(cut)] if len(yes) and columns[j] else rejected[:0]
        # Fitted: every other "no" answer too, for its near-copies (COPY_LEVEL).
        copied = rejected[~np.isin(rejected, over)] if fitted and len(yes) else rejected[:0]
        if kinds_too[j]:
            weights = head.column_classes(int(j))
            kinds = rejected_kinds(probs[near], probs[yes], weights) if weights.any() else near[:0]
            out.kinds, out.kind_tags = column_rows(out.kinds, out.kind_tags, int(j), kinds)
        if columns[j] and len(over) + len(copied):
            vectors.append(unit[np.concatenate([over, copied, yes])])
            tags.append(np.full(len(over) + len(copied) + len(yes), j))
            level = answer_level(unit[answered], y)
            levels.append(
                np.r_[
                    np.full(len(over), level),
                    np.full(len(copied), max(level, COPY_LEVEL)),
                    np.full(len(yes), -1.0),
                ]
            )
    if not tags or not sum(len(t) for t in tags):
        return replace(out, lookalikes=None, lookalike_tags=None, lookalike_levels=None)
    return replace(
        out,
        lookalikes=np.concatenate(vectors).astype(np.float32),
        lookalike_tags=np.concatenate(tags).astype(int),
        lookalike_levels=np.concatenate(levels).astype(np.float32),
    )
