"""A `train --deep` version holds copies of a photo you said no to under the tag's cut, as a
`train` version does (core/deep_holds.py).

A tag learned from a WordNet class set alone keeps the "no" answers it scores over its cut, and
holds their lookalikes (near-copies) and kinds a logit under it (ml/lookalikes.py). deep51: a
deep version dropped the lookalikes (embeddings of the parent's CNN) and kept `train`'s kinds,
named by how the parent read the "no" photos. "hoofed animals" (tests/hoofed_helpers.py): the
deep version read the fox said no to as a dhole, not a red fox, and scored it 0.62 and the
elephant 0.64 over its cut of 0.59; of a re-saved, a 90% and a mirrored copy of each, it tagged
5 (0.69-0.85), where `train`'s version holds all of them, 0.35 at most. Now it keeps its own.

deep63: on a machine whose CPU has AVX-512 (oneDNN's kernels), the deep version scored the fox
0.54, under the cut, and kept only the elephant: the fox's re-saved and 90% copies scored 0.79
and 0.80 (the red fox kind it held is the mirror's likeliest class, not theirs). A deep version
keeps every other "no" answer for its near-copies (deep_holds.holds_made_again's `fitted`)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageOps

from phototagger.core.deep_holds import holds_made_again
from phototagger.core.face_signals import face_signals
from phototagger.core.library import open_library
from phototagger.core.model.active import active_version
from phototagger.core.training_set import embeddings_of, label_index
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.heads import load_default_head
from phototagger.ml.trained_head import kinds_of_columns
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.hoofed_helpers import TAG
from tests.hoofed_libraries import Built
from tests.retrain_helpers import library_from

pytestmark = pytest.mark.model  # runs the real network: full tier only


def test_a_deep_version_holds_copies_of_a_no_photo_under_the_cut(
    hoofed_deep: Built, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # hoofed_answered's library trained with `train --deep --force` (once per run, copied).
    library_from(hoofed_deep[0])[0].close()
    _, noes, trained = hoofed_deep
    # Copies of every photo said no to arrive: re-saved, 90% of its size, mirrored.
    later = tmp_path / "later"
    later.mkdir()
    for path in noes:
        with Image.open(path) as photo:
            photo.save(later / f"resaved-{path.name}", quality=80)
            smaller = photo.resize((photo.width * 9 // 10, photo.height * 9 // 10))
            smaller.save(later / f"smaller-{path.name}", quality=85)
            ImageOps.mirror(photo).save(later / f"mirror-{path.name}", quality=90)
    assert run(capsys, "scan", str(later), "--quiet")[0] == 0

    code, out, err = run(capsys, "scores", TAG, "--json")
    assert code == 0, err
    scores = {Path(row["path"]).name: row["confidence"] for row in json.loads(out)}
    cut = json.loads(out)[0]["threshold"]
    copies = {
        name: score
        for name, score in scores.items()
        if name.startswith(("resaved-", "smaller-", "mirror-"))
    }
    assert len(copies) == 3 * len(noes)
    # None is tagged, nor does a "no" answer score over the cut (the answer keeps its photo
    # off the tag whatever its score; its copies had only the version).
    assert max(copies.values()) < cut, sorted(copies.items(), key=lambda c: -c[1])[:6]
    assert max(scores[p.name] for p in noes) < cut

    with open_library(default_home()) as lib:
        version = active_version(lib.db)
        assert lib.models.record(version).kind == "deep"
        head = lib.models.load_head(version, load_default_head())
    j = head.tags.index(TAG)
    vectors, levels = head.column_lookalikes(j)
    # The "no" answers it keeps, as its own embeddings of them (1280 numbers each).
    kept = int((levels >= 0).sum())
    assert kept and vectors.shape[1] == 1280
    # Its record and `train --deep` say so.
    code, out, _ = run(capsys, "models", "--json")
    assert json.loads(out)[-1]["learned"][TAG]["kept_off_like_no_answers"] == kept
    like = "one" if kept == 1 else f"the {kept}"
    put = f"  {TAG}: not put on photos of "
    said = [line for line in trained.splitlines() if line.startswith(put)]
    assert len(said) == 1 and said[0].endswith(f"; photos much like {like} you said no to")


def test_the_rule_made_again_on_trains_own_embeddings_is_trains(
    hoofed_scanned: Built, capsys: pytest.CaptureFixture[str]
) -> None:
    """core/deep_holds.holds_made_again is `train`'s rule (tag_learning.ConceptTrainer.
    _keep_rejections): given the embeddings `train` fitted on, it makes the "no" answers it
    keeps, their levels and kinds bit for bit. A deep version gives it its own."""
    library_from(hoofed_scanned[0])[0].close()  # hoofed_answered's library, built once per run
    assert run(capsys, "train", "--force")[0] == 0  # learns the answers given since
    with open_library(default_home()) as lib:
        head = lib.models.load_head(active_version(lib.db), load_default_head())
        ids, emb = embeddings_of(lib.db, None, BACKBONE_NAME)
        labels = label_index(lib.db, head.tags)
        faces = face_signals(lib.db, ids)
    j = head.tags.index(TAG)
    assert (head.column_lookalikes(j)[1] >= 0).any() and len(head.column_kinds(j))
    one = np.zeros(len(head.tags), bool)
    one[j] = True
    again = holds_made_again(
        kinds_of_columns(head, ~one),  # nothing held for the tag
        one,
        one,
        (emb, head.base.imagenet_probabilities(emb), faces),
        lambda k: labels.rows(ids, head.tags[k]),
    )
    assert list(again.column_kinds(j)) == list(head.column_kinds(j))
    for made, kept in zip(again.column_lookalikes(j), head.column_lookalikes(j), strict=True):
        assert np.allclose(np.sort(made, axis=0), np.sort(kept, axis=0), atol=1e-6)
