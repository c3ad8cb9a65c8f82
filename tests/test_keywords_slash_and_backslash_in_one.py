"""A keyword with both a slash and a backslash in one level ('A/B\\C') was left out of digiKam's
TagsList when written: digiKam, and Immich, which read TagsList first, did not see it on the
photo at all, and a removal of it in another tool was not known as the user's.

digiKam has no escape for either: reading Lightroom's hierarchicalSubject it turns each '/'
inside a level into '\\' and keeps the backslashes the name had (DMetadata::getItemTagsPath,
core/libs/metadataengine/dmetadata/dmetadata_tags.cpp), so its tag for 'A/B\\C' is 'A\\B\\C', and
setItemTagsPath writes that into TagsList. phototagger now writes what digiKam itself would,
'A\\B\\C', and reads it back as 'A/B\\C' by the slash the other fields keep; digiKam reads the
file as it would read Lightroom's. Each file is read back with exiftool and exiv2."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from phototagger.core.labels import label_paths
from phototagger.core.metadata.job import write_keywords
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.core.metadata.write import WriteOptions
from phototagger.store.connection import open_database
from phototagger.store.photos import add_folder, update_photo
from tests.keyword_readers import exiftool_keywords, exiftool_set, exiv2_tags_list
from tests.store_helpers import add_photo, tag_states
from tests.test_keywords_slash_stays_one import digikam_reads, immich_reads, lightroom_reads

TAGS = "Xmp.digiKam.TagsList"
BOTH = "A\u2215B\\C"  # the keyword A/B\C as the library holds it (tag_names.LITERAL_SLASH)
KEYWORD = "A/B\\C"
DIGIKAMS = "A\\B\\C"  # digiKam's spelling of it


def _photo(path: Path) -> Path:
    Image.new("RGB", (64, 48), (90, 120, 60)).save(path, format="JPEG")
    return path


def _added(db, photo: Path) -> int:
    add_folder(db, str(photo.parent))
    st = photo.stat()
    return add_photo(db, str(photo), size=st.st_size, mtime=st.st_mtime)


def test_written_into_tags_list_as_digikam_writes_it(db, tmp_path: Path) -> None:
    photo = _photo(tmp_path / "gig.jpg")
    pid = _added(db, photo)
    label_paths(db, [str(photo)], add=[BOTH, "Music/Live"])
    assert write_keywords(db, [pid], WriteOptions(target="embed")).problems == 0

    fields = exiftool_keywords(photo)
    assert fields[TAGS] == [DIGIKAMS, "Music/Live"]
    assert exiv2_tags_list(photo) == fields[TAGS]
    assert set(fields["Xmp.lr.hierarchicalSubject"]) == {KEYWORD, "Music|Live"}
    assert KEYWORD in fields["Xmp.dc.subject"]
    # digiKam reads TagsList first: the tag it would have made of Lightroom's field alone.
    lightroom_only = {"Xmp.lr.hierarchicalSubject": fields["Xmp.lr.hierarchicalSubject"]}
    assert set(digikam_reads(fields)) == set(digikam_reads(lightroom_only))
    assert (DIGIKAMS,) in digikam_reads(fields)
    assert (DIGIKAMS,) in immich_reads(fields)
    assert (KEYWORD,) in lightroom_reads(fields)

    # Rescanned, and read afresh by another library: the one keyword, not A > B\C or A\B\C.
    sync_file_metadata(db, [str(tmp_path)])
    assert tag_states(db, pid) == {BOTH: "added", "Music/Live": "added"}
    other = open_database(tmp_path / "other.db")
    fresh = _added(other, photo)
    assert sync_file_metadata(other, [str(tmp_path)]).read == 1
    assert tag_states(other, fresh) == {BOTH: "file", "Music/Live": "file"}
    other.close()

    # Written again: the file as it was (nothing doubled, nothing respelled).
    assert write_keywords(db, [pid], WriteOptions(target="embed")).problems == 0
    assert exiftool_keywords(photo) == fields


def test_taken_out_in_another_tool_is_the_users_removal(db, tmp_path: Path) -> None:
    """digiKam (or any tool) takes the keyword out of every field: the tag phototagger added
    goes from the photo, as any tag written into TagsList does; it stayed before."""
    photo = _photo(tmp_path / "gig.jpg")
    pid = _added(db, photo)
    label_paths(db, [str(photo)], add=[BOTH, "Live"])
    assert write_keywords(db, [pid], WriteOptions(target="embed")).problems == 0
    exiftool_set(
        photo,
        f"-XMP-digiKam:TagsList-={DIGIKAMS}",
        f"-XMP-lr:HierarchicalSubject-={KEYWORD}",
        f"-XMP-dc:Subject-={KEYWORD}",
        f"-IPTC:Keywords-={KEYWORD}",
    )
    assert KEYWORD not in str(exiftool_keywords(photo))
    st = photo.stat()  # as a scan finds the file changed
    update_photo(db, pid, size=st.st_size, mtime=st.st_mtime)
    assert sync_file_metadata(db, [str(tmp_path)]).read == 1
    assert tag_states(db, pid) == {"Live": "added"}


def test_rejected_it_goes_from_tags_list_too(db, tmp_path: Path) -> None:
    """A file as phototagger (or Lightroom, then digiKam) left it; the user says no to the
    keyword and writes with 'remove rejected': it goes from every field, TagsList's 'A\\B\\C'
    too (it stayed there, so digiKam still showed the tag)."""
    photo = _photo(tmp_path / "gig.jpg")
    exiftool_set(
        photo,
        f"-XMP-digiKam:TagsList={DIGIKAMS}",
        "-XMP-digiKam:TagsList=Live",
        f"-XMP-lr:HierarchicalSubject={KEYWORD}",
        "-XMP-lr:HierarchicalSubject=Live",
        f"-XMP-dc:Subject={KEYWORD}",
        "-XMP-dc:Subject=Live",
    )
    pid = _added(db, photo)
    assert sync_file_metadata(db, [str(tmp_path)]).read == 1
    assert tag_states(db, pid) == {BOTH: "file", "Live": "file"}
    label_paths(db, [str(photo)], reject=[BOTH])
    options = WriteOptions(target="embed", remove_rejected=True)
    assert write_keywords(db, [pid], options).problems == 0
    assert exiftool_keywords(photo) == {
        "Xmp.dc.subject": ["Live"],
        "Xmp.lr.hierarchicalSubject": ["Live"],
        TAGS: ["Live"],
    }
