"""A face could be named only in the app's viewer (B, then Tab or a click, N): the command line,
which lists a photo's faces (`tags`), could not say who is in one. `phototagger face PATH INDEX
NAME` names the face `tags` lists INDEX-th, as the viewer does: the photo gets the person tag a
People keyword of that name gives, as the user's own, and the face shows the name; a rename takes
the old name's tag off; '' takes the name off. A real det-photo of a person (the real face
detector finds the face in a real scan with the real model), a real SQLite library."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli_helpers import run
from tests.people_photos import scanned_santa


def _faces_and_people(
    capsys: pytest.CaptureFixture[str], photo: Path
) -> tuple[list[Any], dict[str, str]]:
    code, out, _ = run(capsys, "tags", "--json", str(photo))
    assert code == 0
    shown = json.loads(out)
    people = {
        t["name"]: t["state"] for t in shown["tags"] if t["name"].startswith("People (keywords)/")
    }
    return [(f["name"], f["found_by_detector"], f["named_in"]) for f in shown["faces"]], people


def test_face_names_the_face_tags_lists(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    photo = scanned_santa(engine, face_finder, tmp_path / "pics")
    assert _faces_and_people(capsys, photo) == ([(None, True, [])], {})
    code, out, _ = run(capsys, "face", str(photo), "1", "Anna")
    assert code == 0
    assert out == "face 1 named Anna: the photo has 'People (keywords)/Anna'\n"
    assert _faces_and_people(capsys, photo) == (
        [("Anna", True, ["phototagger"])],
        {"People (keywords)/Anna": "added"},
    )
    # `export --json` (core/catalog's face_marks_of, many photos at once) says the same.
    code, out, _ = run(capsys, "export", "--json")
    (exported,) = json.loads(out)
    assert [(f["name"], f["named_in"]) for f in exported["face_marks"]] == [
        ("Anna", ["phototagger"])
    ]
    code, out, _ = run(capsys, "tags", str(photo))
    assert "    Anna  named by you, a face the detector found (0.99)" in out.splitlines()
    # Renamed: Bea's tag on, Anna's off.
    assert run(capsys, "face", str(photo), "1", "Bea")[0] == 0
    assert _faces_and_people(capsys, photo) == (
        [("Bea", True, ["phototagger"])],
        {"People (keywords)/Bea": "added"},
    )
    # No such face: said, nothing changed.
    code, _, err = run(capsys, "face", str(photo), "2", "Carl")
    assert code != 0
    assert "no face 2: the photo has 1 (phototagger tags PATH lists them)" in err
    # '' takes the name off, and its tag.
    assert run(capsys, "face", str(photo), "1", "")[0] == 0
    assert _faces_and_people(capsys, photo) == ([(None, True, [])], {})
