"""`phototagger tags` listed a photo's tags and, in --json, the face regions of its file, but never
its faces: neither those the detector found nor which of them the file names (digiKam's,
Lightroom's regions). It now lists them as the viewer's B draws them: a named face the detector
found is one line with the name, a named face it did not find one of its own, the detector's
other faces "(no name)"; --json gives each with its box. A real det-photo, its regions written
by exiftool and read by the metadata sync, a real SQLite library."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli_helpers import run
from tests.people_photos import ELSEWHERE, FOUND, PERSON, library_with_named_photo

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool makes files")


def test_tags_lists_the_named_faces(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    library_with_named_photo(tmp_path / "pics", [FOUND, ELSEWHERE])
    path = str(tmp_path / "pics" / PERSON.name)
    code, out, _ = run(capsys, "tags", path)
    assert code == 0
    lines = out.splitlines()
    faces = lines.index("  faces: 2 found by the detector, 2 named in the file")
    assert lines[faces + 1 :] == [
        "    Anna       named in the file (mwg-rs:Regions), a face the detector found (1.00)",
        "    Bea        named in the file (mwg-rs:Regions); the detector found no face there",
        "    (no name)  found by the detector (0.97)",
    ]
    code, out, _ = run(capsys, "tags", "--json", path)
    assert json.loads(out)["faces"] == [
        {
            "box": [0.425, 0.43, 0.13, 0.16],
            "name": "Anna",
            "kind": "face",
            "found_by_detector": True,
            "confidence": 0.998,
            "named_in": ["mwg-rs:Regions"],
            "taken_off": None,
        },
        {
            "box": [0.15, 0.23, 0.1, 0.14],
            "name": "Bea",
            "kind": "face",
            "found_by_detector": False,
            "confidence": None,
            "named_in": ["mwg-rs:Regions"],
            "taken_off": None,
        },
        {
            "box": [0.75, 0.05, 0.08, 0.1],
            "name": None,
            "kind": "face",
            "found_by_detector": True,
            "confidence": 0.97,
            "named_in": [],
            "taken_off": None,
        },
    ]


def test_tags_before_the_detector_looked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Faces not looked for yet: the names, and no word of the detector having missed them."""
    library_with_named_photo(tmp_path / "pics", None)
    code, out, _ = run(capsys, "tags", str(tmp_path / "pics" / PERSON.name))
    assert out.splitlines()[-3:] == [
        "  faces: not looked for by the detector yet, 2 named in the file",
        "    Anna  named in the file (mwg-rs:Regions)",
        "    Bea   named in the file (mwg-rs:Regions)",
    ]


def test_export_lists_the_faces_as_tags_does(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`export --json` gave the file's regions (`face_regions`) and how many faces the detector
    found (`faces`), not who is where: a script had to match the two itself. Each photo now has
    `face_marks`, `tags --json`'s `faces` (the viewer's B); the other two are kept."""
    library_with_named_photo(tmp_path / "pics", [FOUND, ELSEWHERE])
    path = str(tmp_path / "pics" / PERSON.name)
    shown = json.loads(run(capsys, "tags", "--json", path)[1])
    [exported] = json.loads(run(capsys, "export", "--json")[1])
    assert [(m["name"], m["found_by_detector"]) for m in exported["face_marks"]] == [
        ("Anna", True),
        ("Bea", False),
        (None, True),
    ]
    assert exported["face_marks"] == shown["faces"]
    assert exported["face_regions"] == shown["face_regions"]
    assert exported["faces"] == 2


def test_export_before_the_detector_looked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    library_with_named_photo(tmp_path / "pics", None)
    [exported] = json.loads(run(capsys, "export", "--json")[1])
    assert [(m["name"], m["box"], m["found_by_detector"]) for m in exported["face_marks"]] == [
        ("Anna", [0.425, 0.43, 0.13, 0.16], False),
        ("Bea", [0.15, 0.23, 0.1, 0.14], False),
    ]
    assert exported["faces"] is None
