"""`scores people` (and portrait, group): the face detector's confidence on every photo it looked
at, as `review people` ranks them. The people tags are not model outputs, and `scores` said
"the model has no output for 'people' yet: label a few photos with it and train"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phototagger.cli import main
from phototagger.core.people import PeopleStep
from phototagger.core.scan import scan
from tests.people_photos import group_photo
from tests.photo_factory import real_photo
from tests.scan_helpers import new_library


def _scores(capsys: pytest.CaptureFixture[str], tag: str) -> dict[str, float]:
    assert main(["scores", tag, "--json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return {Path(r["path"]).name: r["confidence"] for r in json.loads(out)}


def test_scores_of_the_people_tags_come_from_the_faces(
    engine, face_finder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pics = tmp_path / "Pictures"
    real_photo(pics / "astronaut.jpg", "astronaut")
    real_photo(pics / "cat.jpg", "chelsea")
    group_photo(pics / "team.jpg")
    with new_library() as lib:
        scan(lib, [str(pics)], lambda: engine, batch_size=4, people=PeopleStep(lambda: face_finder))

    people = _scores(capsys, "people")
    assert set(people) == {"astronaut.jpg", "cat.jpg", "team.jpg"}
    assert people["astronaut.jpg"] > 0.95 and people["team.jpg"] > 0.8 and people["cat.jpg"] == 0
    group = _scores(capsys, "Group")  # any case, as every tag name
    assert group["team.jpg"] > 0.8 and group["astronaut.jpg"] == group["cat.jpg"] == 0
    assert list(group)[0] == "team.jpg"  # highest first

    assert main(["scores", "people", "--limit", "1"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert line.endswith(f"/{list(people)[0]}")  # the text lists what --json lists
