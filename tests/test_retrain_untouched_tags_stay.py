"""Tags with no new decisions keep their parent's weights and confidences bit for bit; a new
tag's threshold comes from photos its fit did not see; `train` says what a version changes."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from phototagger.core.labels import label_paths
from phototagger.core.model.activation import activate_version
from phototagger.core.model.tagger import load_head
from phototagger.core.retrain import train_candidate
from phototagger.core.training_set import embeddings_of
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.heads import load_default_head
from phototagger.store.tags import decided_photo_ids
from tests.retrain_helpers import FACES, label_faces, library_from


def test_untouched_tags_are_bit_identical_after_a_retrain(template: Path) -> None:
    lib, pics = library_from(template)
    with lib:
        label_faces(lib, pics, positives=8, negatives=12)
        first = train_candidate(lib)
        activate_version(lib, first.version)
        v1, v2 = load_head(lib, "v1"), load_head(lib, first.version)
        _, emb = embeddings_of(lib.db, None, BACKBONE_NAME)
        before = v1.scores(emb)
        after = v2.scores(emb)
        default = [j for j, t in enumerate(v2.tag_names) if t != "face"]
        assert np.array_equal(before[:, default], after[:, default])

        # A second version taught only a new tag: face and every default tag stay exactly.
        label_paths(
            lib.db, [str(pics / f"patch{i:03d}.jpg") for i in range(12, 20)], add=["patchy"]
        )
        label_paths(
            lib.db, [str(pics / f"face{i:03d}.jpg") for i in range(10, 20)], reject=["patchy"]
        )
        second = train_candidate(lib)
        base = load_default_head()
        parent = lib.models.load_head(first.version, base)
        child = lib.models.load_head(second.version, base)
        keep = list(range(len(parent.tags)))
        for name in ("kernel", "bias", "scale", "tag_thresholds"):
            assert np.array_equal(getattr(child, name)[..., keep], getattr(parent, name)), name
        assert np.array_equal(child.scores(emb)[:, keep], parent.scores(emb))
        assert "face" not in second.counts["learned"]
        assert second.counts["learned"]["patchy"]["how"] in {"concept", "examples"}
        assert [c.tag for c in second.changes] == ["patchy"]


def test_a_new_tag_gets_an_honest_threshold_and_the_changes_are_counted(template: Path) -> None:
    lib, pics = library_from(template)
    with lib:
        label_faces(lib, pics, positives=10, negatives=12)
        result = train_candidate(lib)
        head = load_head(lib, result.version)
        j = head.tag_names.index("face")
        threshold = float(head.thresholds[j])
        # Calibrated on out-of-fold scores, not left at the 0.5 that every cut ties with on
        # rows the fit has seen.
        assert threshold != 0.5
        [change] = [c for c in result.changes if c.tag == "face"]
        # What the user sees: the 10 faces they tagged show the tag before and after, and
        # only the photos they did not answer can be newly tagged (a rejected patch cannot).
        assert change.before == 10 and change.removed == 0
        ids, emb = embeddings_of(lib.db, None, BACKBONE_NAME)
        answered = decided_photo_ids(lib.db, "face")
        on = head.scores(emb)[:, j] >= threshold
        free = np.array([i not in answered for i in ids])
        assert change.after == 10 + int((on & free).sum())
        assert FACES - 10 - 4 <= change.added <= FACES - 10 + 4  # the faces, hardly else
        assert set(change.added_ids) == set(np.array(ids)[on & free].tolist())
        assert not set(change.added_ids) & answered


def _ids(lib) -> list[tuple[int, str]]:  # noqa: ANN001 - a Library
    return [(r["id"], r["path"]) for r in lib.db.query("select id, path from photos")]
