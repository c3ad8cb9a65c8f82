"""The vocabulary in models/ is valid data: names, hierarchy, thresholds, class sums."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from phototagger import paths
from phototagger.ml.vocabulary import load_vocabulary

REQUIRED = [
    "animal",
    "dog",
    "cat",
    "bird",
    "fish",
    "insect",
    "vehicle",
    "car",
    "boat",
    "aircraft",
    "food",
    "fruit",
    "building",
    "landscape",
]


def test_required_tags_present_lowercase_and_at_least_40() -> None:
    vocab = load_vocabulary()
    names = vocab.tag_names
    assert len(names) >= 40
    assert set(REQUIRED) <= set(names)
    assert all(n == n.lower() for n in names)
    assert len(set(names)) == len(names)


def test_hierarchy_children_are_inside_parents() -> None:
    tags = {t.name: set(t.classes) for t in load_vocabulary().tags}
    for child in ("dog", "cat", "bird", "fish", "insect"):
        assert tags[child] <= tags["animal"], child
    for child in ("car", "boat", "aircraft"):
        assert tags[child] <= tags["vehicle"], child
    assert tags["fruit"] <= tags["food"]


def test_tag_probability_is_the_sum_of_member_classes() -> None:
    vocab = load_vocabulary()
    probs = np.zeros((1, 1000), dtype=np.float32)
    probs[0, 281] = 0.5  # tabby
    probs[0, 285] = 0.25  # Egyptian cat
    probs[0, 207] = 0.25  # golden retriever
    scores = dict(zip(vocab.tag_names, vocab.tag_probabilities(probs)[0], strict=True))
    assert scores["cat"] == pytest.approx(0.75)
    assert scores["dog"] == pytest.approx(0.25)
    assert scores["animal"] == pytest.approx(1.0)
    assert scores["car"] == 0.0


def test_class_names_come_from_data() -> None:
    vocab = load_vocabulary()
    assert vocab.class_names[281] == "tabby"
    assert vocab.class_names[967] == "espresso"


def _copy_models(tmp_path: Path) -> Path:
    folder = tmp_path / "models"
    shutil.copytree(paths.models_data_dir(), folder)
    return folder


def test_a_cycle_in_the_vocabulary_is_refused(tmp_path: Path) -> None:
    folder = _copy_models(tmp_path)
    spec = json.loads((folder / "vocabulary.json").read_text())
    for tag in spec["tags"]:
        if tag["name"] == "car":
            tag["include"] = ["vehicle"]
    (folder / "vocabulary.json").write_text(json.dumps(spec))
    with pytest.raises(ValueError, match="includes itself"):
        load_vocabulary(folder)


def test_an_out_of_range_class_is_refused(tmp_path: Path) -> None:
    folder = _copy_models(tmp_path)
    spec = json.loads((folder / "vocabulary.json").read_text())
    spec["tags"][0]["classes"] = ["990-1005"]
    (folder / "vocabulary.json").write_text(json.dumps(spec))
    with pytest.raises(ValueError, match="outside"):
        load_vocabulary(folder)
