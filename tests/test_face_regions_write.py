"""A face named in phototagger (the viewer's N, `phototagger face`) gave the photo its person tag,
and a keyword write wrote the keyword, but no region: digiKam showed Anna on the photo, not on her
face. A keyword write now also writes each face the user named as an mwg-rs region where the
keywords go (Type Face, Name, Area centre-based fractions of the stored pixels: the box turned
back from the photo as shown for its EXIF Orientation), after the file's own regions, which stay;
read back, it is the same tag and the same face, once. A real det-photo stored on its side with
Orientation 6 and a region of its own (exiftool), a real scan with the real model and face
detector, a real SQLite library, exiftool reading what was written."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from phototagger.core.people import PeopleStep
from phototagger.core.scan import scan
from tests.cli_helpers import run
from tests.people_photos import SANTA
from tests.scan_helpers import new_library

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool reads them")

# Bea on the wall, as digiKam writes her for the photo stored turned a quarter anticlockwise.
BEA = "{Area={X=0.15,Y=0.15,W=0.1,H=0.1,Unit=normalized},Type=Face,Name=Bea}"
# Santa's face, where the detector finds it in the photo as shown, at about (0.501, 0.322)
# 0.136 x 0.239, in the stored pixels (turned back): about (0.322, 0.363) 0.239 x 0.136.
STORED_FACE = (0.322, 0.363, 0.239, 0.136)


def _exiftool_regions(path: Path) -> dict[str, Any]:
    out = subprocess.run(
        ["exiftool", "-j", "-struct", "-XMP-mwg-rs:all", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return dict(json.loads(out)[0]["RegionInfo"])


def test_a_named_face_is_written_as_a_region(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pics = tmp_path / "pics"
    pics.mkdir()
    photo = pics / "portrait.jpg"
    Image.open(SANTA).transpose(Image.Transpose.ROTATE_90).save(photo, quality=95)
    subprocess.run(
        ["exiftool", "-q", "-overwrite_original", "-struct", "-Orientation#=6"]
        + [f"-XMP-mwg-rs:RegionInfo={{RegionList=[{BEA}]}}", str(photo)],
        check=True,
        capture_output=True,
    )
    with new_library() as lib:
        scan(lib, [str(pics)], lambda: engine, people=PeopleStep(lambda: face_finder))
    # Face 1 is the named Bea; face 2 the detector's, Santa's.
    assert run(capsys, "face", str(photo), "2", "Anna")[0] == 0
    code, out, _ = run(capsys, "metadata", "write", "--sidecar", str(photo))
    assert code == 0, out
    sidecar = pics / "portrait.jpg.xmp"
    regions = _exiftool_regions(sidecar)
    # The photo's own region first, as it was; then Anna, on the face, in the stored pixels.
    assert regions["AppliedToDimensions"] == {"W": 333, "H": 500, "Unit": "pixel"}
    bea, anna = regions["RegionList"]
    assert bea == {
        "Area": {"X": 0.15, "Y": 0.15, "W": 0.1, "H": 0.1, "Unit": "normalized"},
        "Type": "Face",
        "Name": "Bea",
    }
    assert (anna["Name"], anna["Type"], anna["Area"]["Unit"]) == ("Anna", "Face", "normalized")
    x, y, w, h = STORED_FACE
    area = anna["Area"]
    assert [area["X"], area["Y"], area["W"], area["H"]] == pytest.approx(
        [x + w / 2, y + h / 2, w, h], abs=0.01
    )
    # The photo itself is not touched (the keywords go to the sidecar, so does the region).
    assert "RegionList" in _exiftool_regions(photo)
    assert len(_exiftool_regions(photo)["RegionList"]) == 1
    # Read back (the next scan reads the sidecar): Anna is one tag and one face, not two.
    with new_library() as lib:
        scan(lib, [str(pics)], lambda: engine, people=PeopleStep(lambda: face_finder))
    code, out, _ = run(capsys, "tags", "--json", str(photo))
    shown = json.loads(out)
    people = [t["name"] for t in shown["tags"] if t["name"].startswith("People (keywords)/")]
    assert people == ["People (keywords)/Anna", "People (keywords)/Bea"]
    assert [(f["name"], f["found_by_detector"]) for f in shown["faces"]] == [
        ("Anna", True),
        ("Bea", False),
    ]
    # Written again: nothing more (Anna is there).
    run(capsys, "metadata", "write", "--sidecar", str(photo))
    assert len(_exiftool_regions(sidecar)["RegionList"]) == 2
