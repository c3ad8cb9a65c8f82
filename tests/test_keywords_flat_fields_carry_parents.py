"""A sidecar phototagger wrote for the tag 'places/Paris' put only 'Paris' into dc:subject: a
program that reads dc:subject alone (Windows, Bridge's keyword search, stock sites, Immich for a
file without hierarchical fields) found the photo under Paris but not under places. Lightroom
writes the containing keywords too by default ("Include on Export", "Export Containing
Keywords"); phototagger now does, and reads the file back as the same tags, no 'places' of its
own. A keyword already in a file without its parents (digiKam writes leaves only; Lightroom with
Include on Export off for the parent) is left as the file has it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from phototagger.core.labels import label_paths
from phototagger.core.metadata.job import write_keywords
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.core.metadata.write import WriteOptions
from tests.keyword_readers import exiftool_keywords, exiftool_set, exiv2_iptc_keywords
from tests.store_helpers import add_photo, tag_states

DET = Path("/work/shared/data/det-photos")


@pytest.mark.parametrize("target", ["sidecar", "embed"])
def test_flat_fields_carry_the_levels_above_a_leaf(db, tmp_path: Path, target: str) -> None:
    photo = Path(shutil.copy(sorted(DET.glob("*.jpg"))[0], tmp_path / "paris.jpg"))
    photo.chmod(0o644)
    # The photo already uses IPTC keywords (a camera or an older program put one there).
    exiftool_set(photo, "-IPTC:Keywords=trip")
    st = photo.stat()
    pid = add_photo(db, str(photo), size=st.st_size, mtime=st.st_mtime)
    sync_file_metadata(db, [str(tmp_path)])
    label_paths(db, [str(photo)], add=["places/France/Paris", "places/Oslo", "dog"])
    tags = tag_states(db, pid)

    summary = write_keywords(db, [pid], WriteOptions(target=target))
    # Tags, not field values: the three added, and 'trip' (its file's keyword) copied into the
    # XMP fields.
    assert (summary.keywords_added, summary.keywords_copied) == (3, 1)
    target_file = photo if target == "embed" else tmp_path / "paris.jpg.xmp"
    written = exiftool_keywords(target_file)
    flat = ["France", "Oslo", "Paris", "dog", "places", "trip"]  # leaves and the levels above
    assert sorted(written["Xmp.dc.subject"]) == flat
    assert sorted(written["Xmp.lr.hierarchicalSubject"]) == [
        "dog",
        "places|France|Paris",
        "places|Oslo",
        "trip",
    ]
    if target == "embed":
        assert sorted(exiv2_iptc_keywords(photo)) == flat
    # Read back: the same tags, no flat 'places' or 'France' beside them.
    sync_file_metadata(db, [str(tmp_path)])
    assert tag_states(db, pid) == tags

    # Oslo rejected: its leaf goes, 'places' stays for Paris; one tag removed, not two.
    label_paths(db, [str(photo)], reject=["places/Oslo"])
    assert write_keywords(db, [pid], WriteOptions(target=target)).keywords_removed == 1
    assert sorted(exiftool_keywords(target_file)["Xmp.dc.subject"]) == [
        "France",
        "Paris",
        "dog",
        "places",
        "trip",
    ]
    # Paris too: nothing of the hierarchy is left in the flat field.
    label_paths(db, [str(photo)], reject=["places/France/Paris"])
    assert write_keywords(db, [pid], WriteOptions(target=target)).keywords_removed == 1
    assert sorted(exiftool_keywords(target_file)["Xmp.dc.subject"]) == ["dog", "trip"]
