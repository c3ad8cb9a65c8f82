"""A tag cut at 1.0 (core/tag_threshold.NOTHING_TAKEN: it stays on the photos the user said yes
to) takes no photo by its score: a float32 sigmoid of 17 or more is 1.0, which met the cut
(scores >= thresholds), and a trip tag meant to stay on its folder's photos went onto a harmonica
(fold40's benchmarks/folder_tags.py, 1-2 photos per draw). Real zebra photos, the real model."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np

from phototagger.core.imaging import decode_photo
from phototagger.ml.heads import load_default_head
from phototagger.ml.trained_head import from_default, grow
from tests.imagenet_photos import class_index

ZEBRAS = ["n02391049_2847_zebra.jpg", "n02391049_6947_zebra.jpg", "n02391049_7318_zebra.jpg"]
DET = Path("/work/shared/data/det-photos")


def test_a_tag_cut_at_one_takes_no_photo_however_sure(engine) -> None:
    pixels = np.stack([decode_photo(DET / name).model_input for name in ZEBRAS])
    embeddings = engine.embed(pixels)
    default = load_default_head()
    base = from_default(default, np.zeros(1280, np.float32), np.ones(1280, np.float32))
    head = grow(dataclasses.replace(base, version="v2"), ["stripes"])
    concepts = np.zeros((1000, len(head.tags)), np.float32)
    concepts[class_index("zebra"), -1] = 1.0
    scale, thresholds = head.scale.copy(), head.tag_thresholds.copy()
    bias = head.bias.copy()
    # The zebras' class mass 0.96-1.0, its logit 3-9: four times that and 6 more is past 17.
    scale[-1], bias[-1], thresholds[-1] = 4.0, 6.0, 1.0
    head = dataclasses.replace(
        head, concepts=concepts, scale=scale, bias=bias, tag_thresholds=thresholds
    )
    scores = head.scores(embeddings)[:, -1]
    assert (scores > 0.9999).all()  # as sure as a score gets
    assert not (scores >= head.thresholds[-1]).any()  # and still under the cut
    column = head.column_given(embeddings, len(head.tags) - 1)
    assert np.array_equal(column, scores)  # the review queue's one-tag path says the same
    # A tag with a cut under 1 keeps its scores as they are.
    thresholds[-1] = 0.95
    kept = dataclasses.replace(head, tag_thresholds=thresholds).scores(embeddings)[:, -1]
    assert (kept >= 0.95).all() and (kept == 1.0).any()
