"""`stats` counted the names other programs put on faces (digiKam's, Lightroom's regions; IPTC's
people shown) among "from your files' keywords", though the files hold them as no keyword: a
library whose only file tags were Anna and Bea named on a face said "from your files' keywords:
2 tags on 1 photo". They are said apart now: "names on faces from your files: 2 people on 1
photo" (--json: face_names, face_name_people, face_name_pets, face_name_photos), the keywords'
line counting only keywords; `user_decisions` counts both, as training does. A name a keyword
gives too is a keyword. Files made with exiftool and read by the metadata sync, a real SQLite
library at the default home, the real CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli_helpers import run
from tests.people_photos import REGIONS, library_of_det_photos
from tests.test_face_regions_read import face, mwg

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool makes files")


def _library(pics: Path) -> None:
    """Three det-photos: Anna and Bea on faces (digiKam), nothing else; Anna on a face and
    'People|Anna' as a keyword with 'holiday' (Lightroom: Anna a keyword there); Rex the dog on a
    face (a pet) and Carl a person shown (Photo Mechanic)."""
    library_of_det_photos(
        pics,
        [
            [REGIONS],
            [
                mwg(face(0.3, 0.4, "Anna")),
                "-XMP-lr:HierarchicalSubject=People|Anna",
                "-XMP-dc:Subject=holiday",
            ],
            [mwg(face(0.5, 0.5, "Rex", "Pet")), "-XMP-iptcExt:PersonInImage=Carl"],
        ],
    )


def test_stats_says_names_on_faces_apart(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _library(tmp_path / "pics")
    code, out, _ = run(capsys, "stats")
    assert code == 0
    lines = out.splitlines()
    # Keywords: Anna and holiday on the second photo (Anna's region is her keyword there).
    assert "from your files' keywords: 2 tags on 1 photo, read by the scan" in lines
    # Anna and Bea on the first, Carl on the third: 3 people; Rex a pet; on 2 photos.
    assert "names on faces from your files: 3 people and 1 pet on 2 photos" in lines
    stats = json.loads(run(capsys, "stats", "--json")[1])
    assert (stats["file_keywords"], stats["file_keyword_tags"], stats["file_keyword_photos"]) == (
        2,
        2,
        1,
    )
    assert (
        stats["face_names"],
        stats["face_name_people"],
        stats["face_name_pets"],
        stats["face_name_photos"],
    ) == (4, 3, 1, 2)
    assert stats["user_decisions"] == 6


def test_names_on_faces_alone(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A library whose files name people only on faces has no keywords' line."""
    from tests.people_photos import library_with_named_photo

    library_with_named_photo(tmp_path / "pics", None)
    out = run(capsys, "stats")[1]
    assert "names on faces from your files: 2 people on 1 photo" in out.splitlines()
    assert "from your files' keywords" not in out
