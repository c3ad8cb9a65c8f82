"""IPTC 2014's Iptc4xmpExt:PersonInImageWDetails was not read: Photo Mechanic and some DAMs name
the people shown there (PersonName, a language alternative, beside PersonId's URIs), and a photo
named so got no person tag where one named in PersonInImage did. Its names are now read as
PersonInImage's: the tag a `People|<name>` keyword gives, one tag where a face region, a
PersonInImage and a PersonInImageWDetails all name one person, none more where a keyword does; a
person with only an id names no one; a name with no box draws nothing in the viewer. Files made
with exiftool, read by exiv2 (its keys: Xmp.iptcExt.PersonInImageWDetails[i]/Iptc4xmpExt:
PersonName) as the scan reads them; real det-photos, a real SQLite library."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from phototagger.core.face_marks import face_marks
from phototagger.core.metadata.read import read_metadata
from phototagger.core.metadata.regions import described
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.store.file_metadata import file_record
from tests.keyword_readers import exiftool_set_struct
from tests.store_helpers import det_photos_added, tag_states
from tests.test_face_regions_read import ANNA, changed, face, mwg

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool makes files")

DETAILS = "-XMP-iptcExt:PersonInImageWDetails"


def test_person_in_image_with_details_names_people(db, tmp_path: Path) -> None:
    photos = det_photos_added(db, tmp_path / "lib", 3)
    [(alone, alone_path), (both, both_path), (kept, kept_path)] = photos
    # Photo Mechanic's people shown: a name in two languages with an id, an id alone, a name.
    exiftool_set_struct(
        alone_path,
        f"{DETAILS}={{PersonName=Bea Müller,PersonName-de=Bea Mueller,"
        "PersonId=[https://example.org/bea]}",
        f"{DETAILS}+={{PersonId=[https://example.org/nobody]}}",
        f"{DETAILS}+={{PersonName=Carl}}",
    )
    # Anna on her face (digiKam), as a person shown and with details: one tag.
    exiftool_set_struct(
        both_path,
        mwg(face(0.3, 0.4, "Anna")),
        "-XMP-iptcExt:PersonInImage=Anna",
        f"{DETAILS}={{PersonName=anna,PersonId=[https://example.org/anna]}}",
    )
    # Lightroom's person keyword 'Anna' beside it: that keyword is her tag, no second one.
    exiftool_set_struct(kept_path, "-XMP-dc:Subject=Anna", f"{DETAILS}={{PersonName=Anna}}")
    summary = sync_file_metadata(db, [str(tmp_path / "lib")])
    assert tag_states(db, alone) == {
        "People (keywords)/Bea Müller": "file",
        "People (keywords)/Carl": "file",
    }
    assert tag_states(db, both) == {ANNA: "file"}
    assert tag_states(db, kept) == {"Anna": "file"}
    assert summary.keywords_added == 4
    record = file_record(db, alone)
    assert record is not None
    assert [(r["name"], r["box"], r["scheme"], r["tag"]) for r in record.regions] == [
        ("Bea Müller", None, "details", "People (keywords)/Bea Müller"),
        ("Carl", None, "details", "People (keywords)/Carl"),
    ]
    assert described(read_metadata(alone_path).regions) == (
        "Bea Müller (person shown), Carl (person shown)"
    )
    # Names with no box draw nothing: the viewer shows Anna's region once.
    assert [(m.name, m.box) for m in face_marks(db, both)] == [("Anna", (0.25, 0.34, 0.1, 0.12))]
    assert face_marks(db, alone) == []
    # Taken out of the file: the tag goes, as a region's does.
    exiftool_set_struct(alone_path, f"{DETAILS}={{PersonName=Carl}}")
    changed(db, alone, alone_path)
    sync_file_metadata(db, [str(tmp_path / "lib")])
    assert tag_states(db, alone) == {"People (keywords)/Carl": "file"}


def test_person_details_in_the_sidecar(db, tmp_path: Path) -> None:
    """A sidecar's PersonInImageWDetails is its regions, as its mwg-rs would be."""
    [(pid, photo)] = det_photos_added(db, tmp_path / "lib", 1)
    exiftool_set_struct(photo.with_suffix(".xmp"), f"{DETAILS}={{PersonName=Dora}}")
    sync_file_metadata(db, [str(tmp_path / "lib")])
    assert tag_states(db, pid) == {"People (keywords)/Dora": "file"}
