"""A flat keyword spelt as a face region's name kept the region from naming a person: a photo of
Paris (Lightroom's or digiKam's keyword 'Paris', flat in dc:subject and lr:hierarchicalSubject)
with a friend called Paris named on her face got no 'People (keywords)/Paris' tag, so she was
not among the library's people, not in the sidebar's People tree nor found there, though B drew
her name on the face. A region's name is a person's by its region, whatever flat keywords say:
the photo has both tags ('Paris', the keyword; 'People (keywords)/Paris', the person). A keyword
tree whose leaf is the name is still her one tag (tests/test_face_regions_read.py). Files made
with exiftool; a real det-photo, a real SQLite library."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from phototagger.core.metadata.sync import sync_file_metadata
from tests.store_helpers import det_photos_added, tag_states
from tests.test_face_regions_read import exiftool, face, mwg

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool makes files")


def test_a_flat_keyword_does_not_stop_a_regions_person(db, tmp_path: Path) -> None:  # noqa: ANN001
    [(pid, photo)] = det_photos_added(db, tmp_path / "lib", 1)
    exiftool(
        photo,
        mwg(face(0.3, 0.4, "Paris"), face(0.7, 0.4, "Rex", "Pet")),
        "-XMP-dc:Subject=Paris",
        "-XMP-dc:Subject+=Rex",
        "-XMP-lr:HierarchicalSubject=Paris",
    )
    sync_file_metadata(db, [str(tmp_path)])
    assert tag_states(db, pid) == {
        "Paris": "file",
        "People (keywords)/Paris": "file",
        "Rex": "file",
        "Pets/Rex": "file",
    }
