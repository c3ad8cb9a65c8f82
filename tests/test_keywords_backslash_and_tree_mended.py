"""Two faults of digiKam's TagsList that phototagger left.

A keyword with a backslash in it ('C:\\stuff', '50\\50') was left out of TagsList when written,
so digiKam (and Immich, which read TagsList first) did not see it on the photo at all. digiKam
holds a backslash as part of a tag's name and writes it into TagsList as it is
(DMetadata::setItemTagsPath); it now goes there so, and reads back as the same keyword, in
phototagger too (a backslash in TagsList is digiKam's slash only where the file spells that
keyword with the slash elsewhere, as phototagger and Lightroom write 'AC/DC' beside 'AC\\DC').

A TagsList 'AC/DC' that another tool wrote as a tree, where dc:subject holds the one keyword
'AC/DC' (and no 'DC'), read as a tree AC > DC and stayed in the file beside phototagger's
'AC\\DC'. It reads as the keyword now, and a write sets TagsList from the library's tags, as
digiKam's own "write metadata to files" sets it whole: 'AC\\DC', the tree's value gone. A real
tree (TagsList 'Places/Paris', dc:subject 'Paris') stays. Each file is read back with exiftool
and exiv2."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from phototagger.core.labels import label_paths
from phototagger.core.metadata.job import write_keywords
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.core.metadata.write import WriteOptions
from phototagger.store import migrations
from phototagger.store.connection import open_database
from phototagger.store.photos import add_folder
from phototagger.store.tags import all_tags, reject_tag
from tests.keyword_readers import (
    exiftool_keywords,
    exiftool_set,
    exiv2_iptc_keywords,
    exiv2_tags_list,
)
from tests.slash_helpers import read_before
from tests.store_helpers import add_photo, library_at_version, tag_states, todays_file_records
from tests.test_keywords_slash_stays_one import digikam_reads, immich_reads, lightroom_reads

AC_DC = "AC\u2215DC"
TAGS = "Xmp.digiKam.TagsList"
# Another tool's keywords with a backslash in them (dc:subject, IPTC)...
BACKSLASHED = ("-XMP-dc:Subject=C:\\stuff", "-IPTC:Keywords=C:\\stuff", "-IPTC:Keywords=50\\50")
# ... and its tree of the keyword AC/DC beside dc:subject's one keyword, and a real tree.
TREE_OF_A_KEYWORD = (
    "-XMP-dc:Subject=AC/DC",
    "-XMP-dc:Subject=Paris",
    "-XMP-digiKam:TagsList=AC/DC",
    "-XMP-digiKam:TagsList=Places/Paris",
)


def _photo(path: Path, *fields: str) -> Path:
    Image.new("RGB", (64, 48), (90, 120, 60)).save(path, format="JPEG")
    exiftool_set(path, *fields)
    return path


def _added(db, photo: Path) -> int:
    st = photo.stat()
    return add_photo(db, str(photo), size=st.st_size, mtime=st.st_mtime)


def _read_then_written(db, photo: Path, tag: str) -> tuple[int, dict[str, str | None]]:
    """`photo` added and its keywords read (its tags then), `tag` added and the keywords written
    into the file: (its id, its tags as read)."""
    pid = _added(db, photo)
    sync_file_metadata(db, [str(photo.parent)])
    read = tag_states(db, pid)
    label_paths(db, [str(photo)], add=[tag])
    assert write_keywords(db, [pid], WriteOptions(target="embed")).problems == 0
    return pid, read


def test_a_keyword_with_a_backslash_goes_into_tags_list(db, tmp_path: Path) -> None:
    photo = _photo(tmp_path / "desk.jpg", *BACKSLASHED)
    pid, read = _read_then_written(db, photo, "Sunset")
    assert read == {"C:\\stuff": "file", "50\\50": "file"}
    fields = exiftool_keywords(photo)
    assert sorted(fields[TAGS]) == ["50\\50", "C:\\stuff", "Sunset"]
    assert exiv2_tags_list(photo) == fields[TAGS]
    assert set(fields["Xmp.dc.subject"]) == {"C:\\stuff", "50\\50", "Sunset"}
    assert set(exiv2_iptc_keywords(photo)) == {"C:\\stuff", "50\\50", "Sunset"}
    # digiKam, Immich and Lightroom each read the two keywords as they are.
    for reads in (digikam_reads, immich_reads, lightroom_reads):
        assert {("C:\\stuff",), ("50\\50",), ("Sunset",)} == set(reads(fields)), reads

    # Rescanned, and read afresh by another library: the same keywords, not 'C:/stuff'.
    sync_file_metadata(db, [str(tmp_path)])
    assert set(tag_states(db, pid)) == {"C:\\stuff", "50\\50", "Sunset"}
    other = open_database(tmp_path / "other.db")
    fresh = _added(other, photo)
    sync_file_metadata(other, [str(tmp_path)])
    assert set(tag_states(other, fresh)) == {"C:\\stuff", "50\\50", "Sunset"}
    other.close()


def test_another_tools_tree_of_a_keyword_is_mended(db, tmp_path: Path) -> None:
    photo = _photo(tmp_path / "gig.jpg", *TREE_OF_A_KEYWORD)
    assert digikam_reads(exiftool_keywords(photo)) == [("AC", "DC"), ("Places", "Paris")]
    pid, read = _read_then_written(db, photo, "Live")
    assert read == {AC_DC: "file", "Places/Paris": "file"}
    fields = exiftool_keywords(photo)
    assert fields[TAGS] == ["Places/Paris", "AC\\DC", "Live"]
    assert exiv2_tags_list(photo) == fields[TAGS]
    assert set(fields["Xmp.dc.subject"]) == {"AC/DC", "Paris", "Live"}
    assert {("AC\\DC",), ("Places", "Paris")} <= set(digikam_reads(fields))
    assert ("AC", "DC") not in digikam_reads(fields)
    assert {("AC/DC",), ("Places", "Paris")} <= set(lightroom_reads(fields))

    sync_file_metadata(db, [str(tmp_path)])
    assert set(tag_states(db, pid)) == {AC_DC, "Places/Paris", "Live"}


def test_a_library_that_read_them_otherwise_reads_them_again(tmp_path: Path) -> None:
    """A library of the version before (migration 17) read digiKam's own 'Music/AC\\DC' as the
    keyword AC/DC below Music, and the other tool's tree as AC > DC: migration 18 marks them to
    be read again, and the next scan moves each photo's decisions onto the tag read now (a 'no'
    stays a no); a tag left on no photo is renamed into it."""
    folder = tmp_path / "gigs"
    folder.mkdir()
    dk = _photo(
        folder / "dk.jpg",
        "-XMP-digiKam:TagsList=Music/AC\\DC",
        "-XMP-lr:HierarchicalSubject=Music|AC\\DC",
        "-XMP-dc:Subject=AC\\DC",
    )
    tree = _photo(folder / "tree.jpg", "-XMP-dc:Subject=AC/DC", "-XMP-digiKam:TagsList=AC/DC")
    path = tmp_path / "library.db"
    db = library_at_version(path, 17)
    with todays_file_records(db):
        add_folder(db, str(folder))
        ids = [read_before(db, dk, [f"Music/{AC_DC}"]), read_before(db, tree, ["AC/DC"])]
        reject_tag(db, ids[0], f"Music/{AC_DC}")  # the user said no
        db.conn.commit()
        assert sync_file_metadata(db, [str(folder)]).read == 0  # unchanged files: not read again
    db.close()

    db = open_database(path)
    try:
        assert migrations.user_version(db) == migrations.LATEST_VERSION
        assert sync_file_metadata(db, [str(folder)]).read == 2
        assert tag_states(db, ids[0]) == {"Music/AC\\DC": "rejected"}
        assert tag_states(db, ids[1]) == {AC_DC: "file"}
        assert {name for name, _ in all_tags(db)} == {"Music/AC\\DC", AC_DC}
        assert sync_file_metadata(db, [str(folder)]).read == 0
    finally:
        db.close()
