"""The IPTC Extension's people were not read: Photo Mechanic and Lightroom's IPTC Extension panel
name the people in a photo in Iptc4xmpExt:PersonInImage ("Person Shown", no box; Immich reads
it), and IPTC 2019's Iptc4xmpExt:ImageRegion names a region with its boundary. A name in
PersonInImage now gives the tag a face region of that name gives ('People (keywords)/Anna'),
one tag where a region and PersonInImage both name Anna, none more where a keyword does; a
human ImageRegion names a person with its box (the viewer's B draws it), an animal one a pet,
another region no one. Files made with exiftool, read by exiv2 as the scan reads them; real
det-photos, a real SQLite library."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from phototagger.core.face_marks import face_marks
from phototagger.core.metadata.read import read_metadata
from phototagger.core.metadata.regions import described
from phototagger.core.metadata.sync import REGIONS_CODE, sync_file_metadata
from phototagger.store.file_metadata import file_record
from phototagger.store.problems import list_problems
from tests.keyword_readers import exiftool_read, exiftool_set_struct
from tests.store_helpers import det_photos_added, tag_states
from tests.test_face_regions_read import ANNA, face, mwg

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool makes files")

TYPES = "http://cv.iptc.org/newscodes/imageregiontype/"


def image_region(name: str, kind: str | None, x: float, y: float, unit: str = "relative") -> str:
    """exiftool's assignment of one Iptc4xmpExt:ImageRegion item (added to those there)."""
    typed = f",RCtype=[{{Identifier=[{TYPES}{kind}]}}]" if kind else ""
    return (
        "-XMP-iptcExt:ImageRegion+={RegionBoundary={RbShape=rectangle,"
        f"RbUnit={unit},RbX={x},RbY={y},RbW=0.1,RbH=0.15}},Name={name}{typed}}}"
    )


def test_person_in_image_names_people(db, tmp_path: Path) -> None:
    photos = det_photos_added(db, tmp_path / "lib", 3)
    [(both, both_path), (alone, alone_path), (kept, kept_path)] = photos
    # Anna named on her face (digiKam) and as a person shown (Photo Mechanic): one tag.
    exiftool_set_struct(both_path, mwg(face(0.3, 0.4, "Anna")), "-XMP-iptcExt:PersonInImage=Anna")
    exiftool_set_struct(
        alone_path,
        "-XMP-iptcExt:PersonInImage=Bea Müller",
        "-XMP-iptcExt:PersonInImage+=Carl",
    )
    # Lightroom's person keyword 'Anna' beside it: that keyword is her tag, no second one.
    exiftool_set_struct(kept_path, "-XMP-dc:Subject=Anna", "-XMP-iptcExt:PersonInImage=anna")
    summary = sync_file_metadata(db, [str(tmp_path / "lib")])
    assert tag_states(db, both) == {ANNA: "file"}
    assert tag_states(db, alone) == {
        "People (keywords)/Bea Müller": "file",
        "People (keywords)/Carl": "file",
    }
    assert tag_states(db, kept) == {"Anna": "file"}
    assert summary.keywords_added == 4
    record = file_record(db, both)
    assert record is not None
    assert [(r["name"], r["box"], r["scheme"], r["tag"]) for r in record.regions] == [
        ("Anna", [0.25, 0.34, 0.1, 0.12], "mwg", ANNA),
        ("Anna", None, "person", ANNA),
    ]
    # Names with no box draw nothing: the viewer shows Anna's region once.
    assert [(m.name, m.box) for m in face_marks(db, both)] == [("Anna", (0.25, 0.34, 0.1, 0.12))]
    assert face_marks(db, alone) == []
    assert described(read_metadata(both_path).regions) == "Anna (face), Anna (person shown)"
    # Taken out of the file: the tags go, as a region's do.
    exiftool_set_struct(alone_path, "-XMP-iptcExt:PersonInImage=Carl")
    from tests.test_face_regions_read import changed

    changed(db, alone, alone_path)
    sync_file_metadata(db, [str(tmp_path / "lib")])
    assert tag_states(db, alone) == {"People (keywords)/Carl": "file"}


def test_iptc_image_regions_name_people_and_pets(db, tmp_path: Path) -> None:
    [(pid, photo)] = det_photos_added(db, tmp_path / "lib", 1)
    exiftool_set_struct(
        photo,
        image_region("Dana", "human", 0.2, 0.3),
        image_region("Rex", "animal", 0.6, 0.5),
        image_region("Eiffel Tower", None, 0.7, 0.1),  # any part of a picture: no one
        image_region("Ed", "human", 120, 80, unit="pixel"),  # his box left out, his name kept
    )
    sync_file_metadata(db, [str(tmp_path / "lib")])
    assert tag_states(db, pid) == {
        "People (keywords)/Dana": "file",
        "Pets/Rex": "file",
        "People (keywords)/Ed": "file",
    }
    record = file_record(db, pid)
    assert record is not None
    assert [(r["name"], r["kind"], r["box"], r["scheme"]) for r in record.regions] == [
        ("Dana", "face", [0.2, 0.3, 0.1, 0.15], "iptc"),
        ("Rex", "pet", [0.6, 0.5, 0.1, 0.15], "iptc"),
        ("Eiffel Tower", "region", [0.7, 0.1, 0.1, 0.15], "iptc"),
        ("Ed", "face", None, "iptc"),
    ]
    assert [(m.name, m.kind, m.box) for m in face_marks(db, pid)] == [
        ("Dana", "face", (0.2, 0.3, 0.1, 0.15)),
        ("Rex", "pet", (0.6, 0.5, 0.1, 0.15)),
    ]
    [problem] = [p for p in list_problems(db) if p.code == REGIONS_CODE]
    assert "face region 4 ('Ed') of Iptc4xmpExt:ImageRegion in the photo" in problem.message
    assert "in 'pixel', not 'relative'" in problem.message


def test_a_new_sidecar_carries_the_iptc_people(db, tmp_path: Path) -> None:
    """A keyword written into a new sidecar: digiKam and Lightroom read the sidecar's XMP over
    the photo's, so it starts with the photo's PersonInImage and ImageRegion, as with regions."""
    from phototagger.core.metadata.job import write_keywords
    from phototagger.core.metadata.write import WriteOptions
    from phototagger.store.tags import add_user_tag

    def people_of(path: Path) -> dict[str, object]:
        return exiftool_read(path, "-XMP-iptcExt:PersonInImage", "-XMP-iptcExt:ImageRegion")

    [(pid, photo)] = det_photos_added(db, tmp_path / "lib", 1)
    exiftool_set_struct(
        photo, "-XMP-iptcExt:PersonInImage=Bea", image_region("Dana", "human", 0.2, 0.3)
    )
    in_photo = people_of(photo)
    assert set(in_photo) == {"PersonInImage", "ImageRegion"}
    sync_file_metadata(db, [str(tmp_path / "lib")])
    add_user_tag(db, pid, "holiday")
    write_keywords(db, [pid], WriteOptions())
    sidecar = photo.with_name(photo.name + ".xmp")
    assert people_of(sidecar) == in_photo
    sync_file_metadata(db, [str(tmp_path / "lib")])
    assert tag_states(db, pid) == {
        "People (keywords)/Bea": "file",
        "People (keywords)/Dana": "file",
        "holiday": "added",
    }
