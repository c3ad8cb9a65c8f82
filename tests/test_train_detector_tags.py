"""The face detector's tags ('people', 'portrait', 'group') are not learned as new tags. Answers
on them stay on their photos, but the Train page listed 'people' as a new tag waiting for photos
("'people' has 2 (add it to 3 more)"), and five yes answers made it a model column: a second
'people' from the tagger beside the detector's, two sources arguing over one tag."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from phototagger.core.errors import NothingToLearn
from phototagger.core.labels import label_paths
from phototagger.core.model.tagger import load_head
from phototagger.core.retrain import train_candidate, training_overview
from phototagger.gui.retrain_train import learnable_text
from phototagger.store.states import TagOrigin
from phototagger.store.tags import all_tags, ensure_tag
from tests.retrain_helpers import label_faces, library_from


def _faces(pics: Path, numbers: range) -> list[str]:
    return [str(pics / f"face{i:03d}.jpg") for i in numbers]


def test_answers_on_the_detectors_tags_teach_no_new_tag(template: Path) -> None:
    lib, pics = library_from(template)
    with lib:
        ensure_tag(lib.db, "people", TagOrigin.DETECTOR)  # as a scan with faces leaves it
        assert ("people", TagOrigin.DETECTOR) in all_tags(lib.db)
        label_paths(lib.db, _faces(pics, range(2)), add=["people"])
        label_paths(lib.db, [str(pics / "coffee.jpg")], reject=["people"])
        people = {t.name: t for t in training_overview(lib).tags}["people"]
        assert people.detector and not people.trainable and people.more_answers is None
        assert learnable_text(people) == "face detector's"
        with pytest.raises(NothingToLearn) as refused:
            train_candidate(lib)
        message = str(refused.value)
        assert "'people' comes from the face detector: your answers on it stay" in message
        assert "add it to" not in message

        # Five yes and more: still not a column of the tagger's, when another tag trains.
        label_paths(lib.db, _faces(pics, range(2, 8)), add=["people"])
        assert not {t.name: t for t in training_overview(lib).tags}["people"].trainable
        label_faces(lib, pics)
        result = train_candidate(lib)
        tags = load_head(lib, result.version).tag_names
        assert "face" in tags and "people" not in tags


def test_the_command_line_says_so(template: Path) -> None:
    lib, pics = library_from(template)
    with lib:
        ensure_tag(lib.db, "people", TagOrigin.DETECTOR)
        label_paths(lib.db, [str(pics / "coffee.jpg")], reject=["people"])
    run = subprocess.run(
        [sys.executable, "-m", "phototagger", "train"], capture_output=True, text=True
    )
    assert run.returncode == 3, run.stderr
    assert "'people' comes from the face detector" in run.stderr
