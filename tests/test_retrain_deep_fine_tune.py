"""The deeper fine-tune trains the top of the CNN; it runs correctly on a CPU with small data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from phototagger.core.catalog import search_photos
from phototagger.core.labels import label_paths
from phototagger.core.model.activation import activate_version
from phototagger.core.model.tagger import backbone_for
from phototagger.core.retrain import train_candidate
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.heads import load_default_head
from phototagger.ml.lite0 import TOP_LAYERS
from phototagger.store.embeddings import embedding_count
from phototagger.store.photos import count_by_status
from tests.photo_factory import lfw_face
from tests.retrain_helpers import FACES, label_faces, library_from
from tests.scan_helpers import run_scan

pytestmark = pytest.mark.model  # runs the real network: full tier only


def _fewer_steps(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """30 optimiser steps per fit and 16 unlabelled photos to distil on; the list fills with
    how many photos each fit trains on."""
    from phototagger.core import retrain_deep
    from phototagger.ml import deep

    fits: list[int] = []
    real_fit = deep.fit_deep

    def fewer_steps(*args: Any, **kwargs: Any) -> Any:
        fits.append(len(args[3]))  # the features it trains on
        return real_fit(*args, **{**kwargs, "steps": 30})

    monkeypatch.setattr(deep, "fit_deep", fewer_steps)
    monkeypatch.setattr(retrain_deep, "DEEP_DISTILL_SAMPLE", 16)
    return fits


def test_deep_version_trains_the_cnn_top_and_re_embeds_on_activation(
    template: Path, engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Small on purpose: 30 optimiser steps per fit and 16 unlabelled photos
    # to distil on (not 64) still move the top and learn the tag; what is checked is that the
    # deep path trains, saves, re-embeds and rolls back, not how far it converges.
    fits = _fewer_steps(monkeypatch)
    lib, pics = library_from(template)
    with lib:
        label_faces(lib, pics, positives=6, negatives=12)
        result = train_candidate(lib, deep=True)
        record = lib.models.record(result.version)
        assert record.kind == "deep"
        assert record.training["distilled_photos"] == 16
        assert len(fits) == 2  # a validation fit on part of the photos, then one on all
        assert fits[0] < fits[1] == 18 + 16
        key = backbone_for(lib, result.version)
        assert key == f"{BACKBONE_NAME}@{result.version}"
        top = lib.models.load_top(result.version)
        assert set(top) == set(TOP_LAYERS)
        # Only "face" had decisions: every default tag keeps the parent's head weights and
        # threshold exactly (the fit moves every column a little; they are put back).
        default = load_default_head()
        head = lib.models.load_head(result.version, default)
        kept = [j for j, t in enumerate(head.tags) if t != "face"]
        assert np.array_equal(head.tag_thresholds[kept], default.thresholds.astype(np.float32))
        assert not head.kernel[:, kept].any() and not head.bias[kept].any()
        assert np.array_equal(head.scale[kept], np.ones(len(kept), np.float32))
        # 6 + 12 labels leave too few held out for a calibration: the threshold is the
        # positives' weight undone (2 : 1), not a cut fitted on the photos just trained on.
        assert head.tag_thresholds[head.tags.index("face")] == pytest.approx(2 / 3, abs=1e-6)
        # Training moved the top's weights away from the base CNN's (its frozen batch norms
        # aside), so the new embeddings are its own.
        base = engine.keras_model
        moved = [
            name
            for name in TOP_LAYERS
            if any(
                not np.array_equal(new, old)
                for new, old in zip(top[name], base.get_layer(name).get_weights(), strict=True)
            )
        ]
        assert moved and all("bn" not in name for name in moved), moved
        assert embedding_count(lib.db, key) == 0  # nothing changes until it is made active

        activate_version(lib, result.version)
        tagged = count_by_status(lib.db)["tagged"]
        assert embedding_count(lib.db, key) == tagged
        found = {Path(p.path).name for p in search_photos(lib.db, ["face"])}
        unseen = {f"face{i:03d}.jpg" for i in range(6, FACES)}
        assert len(found & unseen) >= 0.8 * len(unseen)
        assert "chelsea.jpg" not in found

        # A photo scanned while the deep version is active gets both embeddings, so rolling
        # back to a version on the base CNN needs no decoding.
        from phototagger.core.model.tagger import load_active_tagger

        lfw_face(pics.parent / "later" / "new-face.jpg", 99)
        summary = run_scan(lib, [pics.parent / "later"], load_active_tagger(lib))
        assert summary.tagged == 1
        assert embedding_count(lib.db, key) == embedding_count(lib.db, BACKBONE_NAME)
        assert "new-face.jpg" in {Path(p.path).name for p in search_photos(lib.db, ["face"])}
        activate_version(lib, "v1")
        assert search_photos(lib.db, ["face"]) != []  # the user's own labels remain
        assert len(search_photos(lib.db, ["face"])) == 6


def test_a_default_tag_short_of_answers_is_kept_by_the_deep_fine_tune(
    template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`train --deep` fitted a tag of the default tagger on answers too few to correct it, as
    the head path never does (a correction needs 5 yes and 5 no answers: core/tag_learning.py),
    and still said "kept as they were: 'monkey' needs 5 more no answers". On det-photos, 'monkey'
    answered yes on its 5 photos went from 5 photos to 13 (the 8 more koalas, bears, a lion, a
    horse, a panda) and 'musical instrument' (20 yes) from 78 right to 121, 39 of them wrong.
    Such a tag now keeps its parent's column and threshold, its answers distilled from the
    parent as a tag with none is."""
    _fewer_steps(monkeypatch)
    lib, pics = library_from(template)
    with lib:
        label_faces(lib, pics, positives=6, negatives=12)
        cats = [pics / "chelsea.jpg", pics / "chelsea-copy.jpg"]
        cats += [pics / f"patch{i:03d}.jpg" for i in range(20, 23)]  # yes, and no "no"
        label_paths(lib.db, [str(p) for p in cats], add=["cat"])
        result = train_candidate(lib, deep=True)
        assert result.counts["short_of_answers"] == {"cat": {"yes": 0, "no": 5}}
        default = load_default_head()
        head = lib.models.load_head(result.version, default)
        j = head.tags.index("cat")
        assert not head.kernel[:, j].any() and not head.bias[j]
        assert head.scale[j] == 1.0
        assert head.tag_thresholds[j] == np.float32(
            default.thresholds[default.tag_names.index("cat")]
        )
        assert head.kernel[:, head.tags.index("face")].any()  # the tag with enough answers
