"""digiKam set to "read from / write to sidecar" removes a face in the sidecar only: the JPEG's own
XMP keeps the regions it held (written before the switch, or by another program). While the
sidecar held any region its regions were read over the photo's; with its last face removed it
holds none, and phototagger read the JPEG's stale regions back: Anna and Bea, removed in
digiKam, were the photo's people again, drawn on its faces. The regions the sidecar held and
took out are now set aside, as a keyword taken out of the sidecar is
(test_keywords_sidecar_removal_wins.py): the names stay off through later edits of the sidecar
and after the sidecar has gone, and one named there again is the photo's again. Files made with
exiftool as digiKam writes them; a real det-photo, a real SQLite library."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from phototagger.core.face_marks import face_marks
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.store.file_metadata import file_record
from tests.keyword_readers import exiftool_set_struct
from tests.store_helpers import det_photos_added, tag_states
from tests.test_face_regions_read import ANNA, face, mwg

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool makes files")

BEA = "People (keywords)/Bea"
CARL = "People (keywords)/Carl"


def _read(db, sidecar: Path, *assignments: str) -> None:  # noqa: ANN001
    """The sidecar edited as digiKam leaves it, and the folder's files read."""
    exiftool_set_struct(sidecar, *assignments)
    sync_file_metadata(db, [str(sidecar.parent)])


def test_faces_removed_in_the_sidecar_stay_removed(db, tmp_path: Path) -> None:  # noqa: ANN001
    [(pid, photo)] = det_photos_added(db, tmp_path / "lib", 1)
    both = mwg(face(0.3, 0.4, "Anna"), face(0.6, 0.4, "Bea"))
    exiftool_set_struct(photo, both)  # the JPEG's own, from before digiKam wrote sidecars
    sidecar = photo.with_name(photo.name + ".xmp")
    _read(db, sidecar, both, "-XMP-dc:Subject=Oslo")
    assert tag_states(db, pid) == {ANNA: "file", BEA: "file", "Oslo": "file"}

    _read(db, sidecar, mwg(face(0.3, 0.4, "Anna")))  # Bea's face removed
    assert tag_states(db, pid) == {ANNA: "file", "Oslo": "file"}
    _read(db, sidecar, "-XMP-mwg-rs:RegionInfo=")  # the last face removed: no regions there
    assert tag_states(db, pid) == {"Oslo": "file"}
    assert [m.name for m in face_marks(db, pid)] == []
    record = file_record(db, pid)
    assert record is not None
    assert record.regions == () and not record.regions_in_sidecar
    assert sorted(record.regions_set_aside) == [("face", "Anna"), ("face", "Bea")]

    # Carl named there and removed again: Anna and Bea stay off.
    _read(db, sidecar, mwg(face(0.5, 0.5, "Carl")))
    assert tag_states(db, pid) == {CARL: "file", "Oslo": "file"}
    _read(db, sidecar, "-XMP-mwg-rs:RegionInfo=")
    assert tag_states(db, pid) == {"Oslo": "file"}

    # Anna named in the sidecar again: hers again, Bea still off.
    _read(db, sidecar, mwg(face(0.3, 0.4, "Anna")))
    assert tag_states(db, pid) == {ANNA: "file", "Oslo": "file"}
    _read(db, sidecar, "-XMP-mwg-rs:RegionInfo=")
    assert tag_states(db, pid) == {"Oslo": "file"}

    # The sidecar gone (a file lost): nothing it had set aside comes back from the JPEG.
    sidecar.unlink()
    sync_file_metadata(db, [str(photo.parent)])
    assert tag_states(db, pid) == {"Oslo": "file"}
    assert [m.name for m in face_marks(db, pid)] == []


def test_regions_only_the_jpeg_held_are_still_its_own(db, tmp_path: Path) -> None:  # noqa: ANN001
    """A sidecar that never held regions sets none aside: the JPEG's Anna is the photo's."""
    [(pid, photo)] = det_photos_added(db, tmp_path / "lib", 1)
    exiftool_set_struct(photo, mwg(face(0.3, 0.4, "Anna")))
    sidecar = photo.with_name(photo.name + ".xmp")
    _read(db, sidecar, "-XMP-dc:Subject=Oslo")
    _read(db, sidecar, "-XMP-dc:Subject=Bergen")
    assert tag_states(db, pid) == {ANNA: "file", "Bergen": "file"}
