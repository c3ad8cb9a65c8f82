"""A tag learned from a WordNet set alone does not go onto a kind outside its group that only a
yes photo's half guess lent weight to (the issue's walk: after one review round "monkeys", like
'primate', went onto a three-toed sloth, 0.965 against a cut of 0.95, because a yes answer's
indri was a sloth 0.37 to the tagger, and the set weighs every class its yes answers show as
strongly as they show it).

Here "pigs" is taught on the 5 det-photos of swine, one of which the tagger reads as a platypus
0.14, a sea lion 0.14 and a Mexican hairless 0.11, and 5 "no". The set, WordNet 'even-toed
ungulate' and the classes its yes answers show, weighs platypuses 0.14: a turtle the tagger is
sure is a platypus (0.92) scored 0.91 against a cut of 0.46 and was tagged "pigs" (and a whale,
0.49, by the loans of a sea lion and a grey whale). Such a photo, whose likely classes lie
clearly outside the group (the smallest WordNet group holding a platypus and the even-toed
ungulates is far wider), is now held a logit under the cut (0.24; ml/lookalikes.py,
core/concepts.unshown_kinds); the swine, a hog no one answered, and the antelope, camel and
cattle the group holds are not moved."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.core.model.activation import activate_version
from phototagger.core.model.tagger import load_head
from phototagger.core.retrain import train_candidate
from phototagger.core.training_set import embeddings_of
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.heads import load_default_head
from phototagger.ml.lookalikes import SURE_CLASS, held_under
from phototagger.paths import default_home
from tests.retrain_helpers import check_the_rule_follows_its_tag
from tests.scan_helpers import run_scan
from tests.store_helpers import tag_states
from tests.test_similar_figure_means_something import det_photos

pytestmark = pytest.mark.model  # runs the real network: full tier only

HALF_GUESS = "n02395003_14259_swine"  # platypus 0.14, sea lion 0.14, Mexican hairless 0.11
TURTLE = "n01662784_5503_turtle"  # a platypus 0.92 to the tagger
NO = ["goldfish", "banana", "violin", "lemon", "tiger"]  # the first photo of each
PLATYPUS = 103  # ImageNet's 'platypus'


def test_a_kind_only_a_half_guess_lent_is_held_under_the_cut(
    engine: object, tmp_path: Path
) -> None:
    source = det_photos()
    pics = tmp_path / "pics"
    pics.mkdir()
    swine = sorted(source.glob("*_swine.jpg"))
    noes = [sorted(source.glob(f"*_{kind}.jpg"))[0] for kind in NO]
    for path in sorted(source.glob("*.jpg"))[::8] + swine + noes + [source / f"{TURTLE}.jpg"]:
        shutil.copy(path, pics / path.name)
    # A hog no one answers: the 5 swine are all yes answers, so a half-size copy of one.
    with Image.open(source / "n02395003_757_swine.jpg") as photo:
        photo.resize((photo.width // 2, photo.height // 2)).save(pics / "hog.jpg", quality=85)
    with open_library(default_home()) as lib:
        run_scan(lib, [pics], engine, batch_size=32)
        label_paths(lib.db, [str(pics / p.name) for p in swine], add=["pigs"])
        label_paths(lib.db, [str(pics / p.name) for p in noes], reject=["pigs"])
        result = train_candidate(lib)
        version = result.version
        activate_version(lib, version)

        learned = result.counts["learned"]["pigs"]
        assert learned["synsets"], learned  # like a WordNet group
        head = load_head(lib, version)
        child = lib.models.load_head(version, load_default_head())
        j = child.tags.index("pigs")
        assert not child.kernel[:, j].any()  # the class set alone
        assert 0 < child.column_classes(j)[PLATYPUS] < 0.5  # lent by the half guess
        assert PLATYPUS in child.column_unshown(j)

        ids, emb = embeddings_of(lib.db, None, BACKBONE_NAME)
        names = dict(lib.db.execute("select id, path from photos").fetchall())
        files = [Path(names[i]).stem for i in ids]
        scores = dict(zip(files, head.scores(emb)[:, j], strict=True))
        threshold = float(head.thresholds[j])
        held = held_under(threshold)
        # Before, the turtle scored 0.98 against a cut of 0.73 and was tagged "pigs".
        assert scores[TURTLE] <= held < threshold, (scores[TURTLE], threshold)
        assert "pigs" not in tag_states(lib.db, pics / f"{TURTLE}.jpg")
        # The set alone scores it over the cut: the hold is what keeps it off.
        bare = replace(child, unshown=None, unshown_tags=None)
        alone = dict(zip(files, bare.scores(emb)[:, j], strict=True))
        assert alone[TURTLE] >= threshold, alone[TURTLE]
        # Only photos the tagger is sure show an unshown kind moved; the yes answers, the half
        # guess among them, and the hog no one answered score as the set alone scores them.
        probs = child.base.imagenet_probabilities(emb)
        moved = {f for f in files if alone[f] != scores[f]}
        assert TURTLE in moved
        for f in moved:
            row = probs[files.index(f)]
            assert row.argmax() in child.column_unshown(j) and row.max() >= SURE_CLASS, f
        for path in swine:
            assert scores[path.stem] == alone[path.stem] >= threshold, path.stem
        assert scores["hog"] == alone["hog"] >= threshold
        assert "pigs" in tag_states(lib.db, pics / "hog.jpg")
        # The review queue scores the one tag it asks about (column_given): by the same rule.
        one = child.column_given(emb, j)
        assert np.array_equal(one, child.scores_given(emb)[:, j])

        # The rule is the tag's: it follows a rename and the deletion of a tag before it.
        check_the_rule_follows_its_tag(lib, version, "pigs", "hogs", emb)
