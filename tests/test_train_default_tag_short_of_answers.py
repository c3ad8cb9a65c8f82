"""A run whose only new decisions are on default tags with fewer than 5 yes and 5 no answers
saved a version that scored exactly like its parent (no correction is tried on fewer). `train`
now refuses it, saying per tag what is missing, as it does for a new tag short of 5 photos; once
another tag can learn, the run goes ahead and names the tags it kept as they were."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from phototagger.core.errors import NothingToLearn
from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.core.retrain import train_candidate, training_overview
from phototagger.paths import default_home
from tests.retrain_helpers import label_faces, library_from


def _patches(pics: Path, numbers: range) -> list[str]:
    return [str(pics / f"patch{i:03d}.jpg") for i in numbers]


def test_default_tags_short_of_answers_train_nothing(template: Path) -> None:
    lib, pics = library_from(template)
    with lib:
        label_paths(
            lib.db, [str(pics / "chelsea.jpg"), str(pics / "chelsea-copy.jpg")], add=["cat"]
        )
        label_paths(lib.db, _patches(pics, range(4)), reject=["cat"])
        label_paths(lib.db, _patches(pics, range(4, 9)), reject=["coffee"])
        overview = {t.name: t for t in training_overview(lib).tags}
        assert overview["cat"].more_answers == (3, 1) and not overview["cat"].trainable
        assert overview["coffee"].more_answers == (5, 0)
        with pytest.raises(NothingToLearn) as refused:
            train_candidate(lib)
        assert "'cat' needs 3 more yes and 1 more no answers" in str(refused.value)
        assert "'coffee' needs 5 more yes answers" in str(refused.value)
        assert lib.models.saved() == []  # no version that is its parent under a new name

        # A tag that can learn: the run goes ahead and says which tags it kept as they were.
        label_faces(lib, pics)
        assert {t.name: t.trainable for t in training_overview(lib).tags}["face"]
        result = train_candidate(lib)
        assert result.counts["short_of_answers"] == {
            "cat": {"yes": 3, "no": 1},
            "coffee": {"yes": 5, "no": 0},
        }


def test_the_command_line_says_what_a_default_tag_still_needs(template: Path) -> None:
    lib, pics = library_from(template)
    with lib:
        label_paths(lib.db, [str(pics / "coffee.jpg")], add=["coffee"])
    run = subprocess.run(
        [sys.executable, "-m", "phototagger", "train", "--json"], capture_output=True, text=True
    )
    assert run.returncode == 3, run.stderr
    assert "'coffee' needs 4 more yes and 5 more no answers" in run.stderr
    assert run.stdout == ""

    with open_library(default_home()) as lib:
        label_faces(lib, pics)
    run = subprocess.run(
        [sys.executable, "-m", "phototagger", "train", "--json", "--no-activate"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["counts"]["short_of_answers"] == {"coffee": {"yes": 4, "no": 5}}
    run = subprocess.run(
        [sys.executable, "-m", "phototagger", "train", "--no-activate"],
        capture_output=True,
        text=True,
    )
    assert "kept as they were: a tag the model already knows is retrained" in run.stdout
    assert "'coffee' needs 4 more yes and 5 more no answers" in run.stdout
