"""A new tag with fewer than five photos is not learned yet: `train` says how many more it needs
instead of saving a version that is its parent under a new name; once it has five, it is
learned, and another tag still short of five is named as waiting."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from phototagger.core.errors import NothingToLearn
from phototagger.core.labels import label_paths
from phototagger.core.model.activation import activate_version
from phototagger.core.retrain import train_candidate
from tests.retrain_helpers import library_from


def _faces(pics: Path, numbers: range) -> list[str]:
    return [str(pics / f"face{i:03d}.jpg") for i in numbers]


def _patches(pics: Path, numbers: range) -> list[str]:
    return [str(pics / f"patch{i:03d}.jpg") for i in numbers]


def test_a_new_tag_short_of_five_photos_trains_nothing(template: Path) -> None:
    lib, pics = library_from(template)
    with lib:
        label_paths(lib.db, _faces(pics, range(3)), add=["headshot"])
        label_paths(lib.db, _patches(pics, range(10)), reject=["headshot"])
        with pytest.raises(NothingToLearn, match=r"'headshot' has 3 \(add it to 2 more\)"):
            train_candidate(lib)
        assert lib.models.saved() == []  # no version that learned nothing

        label_paths(lib.db, _faces(pics, range(3, 8)), add=["headshot"])
        label_paths(lib.db, _patches(pics, range(10, 12)), add=["texture"])
        result = train_candidate(lib)
        assert result.counts["new_tags"] == ["headshot"]
        assert result.counts["waiting"] == {"texture": 2}

        # Nothing decided since the active version learned: another would only copy it.
        activate_version(lib, result.version)
        with pytest.raises(NothingToLearn, match=r"'texture' has 2 \(add it to 3 more\)"):
            train_candidate(lib)


def test_the_command_line_says_what_a_new_tag_still_needs(template: Path) -> None:
    lib, pics = library_from(template)
    with lib:
        label_paths(lib.db, _faces(pics, range(2)), add=["headshot"])
    run = subprocess.run(
        [sys.executable, "-m", "phototagger", "train"], capture_output=True, text=True
    )
    assert run.returncode != 0
    assert "'headshot' has 2 (add it to 3 more)" in run.stderr
