"""A keyword with a slash in it ('AC/DC', 'B/W') is one keyword. Lightroom and most tools write it
so in dc:subject and IPTC Keywords (and as one level of hierarchicalSubject); phototagger read it
as a tree AC > DC (a tag 'AC' with 'DC' below it) and wrote it back so into digiKam's TagsList,
where digiKam reads a '/' as a level: the user's keyword was changed in their own files. It is
now one tag, shown 'AC/DC', written back as each tool reads that one keyword: dc:subject, IPTC
and hierarchicalSubject 'AC/DC', TagsList 'AC\\DC' (digiKam's own spelling of a slash inside a
tag since 7.x: DMetadata::getItemTagsPath turns Lightroom's 'AC/DC' into it). A real tree
(TagsList 'Places/Paris') is still a tree. Each file is read back by exiftool and exiv2."""

from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image

from phototagger.core.labels import label_paths
from phototagger.core.metadata.job import write_keywords
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.core.metadata.write import WriteOptions
from phototagger.core.tag_admin import tag_tree
from phototagger.store.connection import open_database
from phototagger.store.file_metadata import set_written_values
from phototagger.store.tags import all_tags
from tests.keyword_readers import exiftool_keywords, exiftool_set, exiv2_iptc_keywords
from tests.store_helpers import add_photo, tag_states

DET = Path("/work/shared/data/det-photos")
# The library's names for the keywords AC/DC and B/W: a slash inside a keyword is held as
# U+2215 (tag_names.LITERAL_SLASH), shown as '/'.
AC_DC = "AC\u2215DC"
B_W = "B\u2215W"
TAGS, HIERARCHY = "Xmp.digiKam.TagsList", "Xmp.lr.hierarchicalSubject"


def _photo(tmp_path: Path, name: str) -> Path:
    photo = Path(shutil.copy(sorted(DET.glob("*.jpg"))[3], tmp_path / name))
    photo.chmod(0o644)
    # Lightroom's dc:subject and IPTC, and digiKam's tree for a place.
    exiftool_set(
        photo,
        "-XMP-dc:Subject=AC/DC",
        "-XMP-dc:Subject=Paris",
        "-IPTC:Keywords=B/W",
        "-XMP-digiKam:TagsList=Places/Paris",
    )
    return photo


def _added(db, photo: Path) -> int:
    st = photo.stat()
    return add_photo(db, str(photo), size=st.st_size, mtime=st.st_mtime)


def digikam_reads(fields: dict[str, list[str]]) -> list[tuple[str, ...]]:
    """The tag paths digiKam (7.x, 8.x) takes from a photo: the first of its tag fields that
    has values, in its default order (dmetadatasettingscontainer.cpp); a '/' in a '|' field's
    level becomes '\\' first (dmetadata_tags.cpp), then every path splits at '/'."""
    for key, separator in (
        ("Xmp.digiKam.TagsList", "/"),
        ("Xmp.MicrosoftPhoto.LastKeywordXMP", "/"),
        ("Xmp.lr.hierarchicalSubject", "|"),
        ("Xmp.mediapro.CatalogSets", "|"),
        ("Xmp.dc.subject", "/"),
        ("Iptc.Application2.Keywords", "."),
    ):
        values = fields.get(key)
        if values:
            if separator != "/":
                values = [v.replace("/", "\\").replace(separator, "/") for v in values]
            return [tuple(v.split("/")) for v in values]
    return []


def lightroom_reads(fields: dict[str, list[str]]) -> list[tuple[str, ...]]:
    """Lightroom's (and darktable's) keyword paths: hierarchicalSubject, levels at '|'."""
    return [tuple(v.split("|")) for v in fields.get("Xmp.lr.hierarchicalSubject", [])]


def immich_reads(fields: dict[str, list[str]]) -> list[tuple[str, ...]]:
    """Immich's tags (metadata.service.ts getTagList): TagsList if the photo has one, else
    hierarchicalSubject with a '/' inside a level made '|', else IPTC Keywords; then split at
    '/' into its tag tree."""
    if fields.get("Xmp.digiKam.TagsList"):
        values = fields["Xmp.digiKam.TagsList"]
    elif fields.get("Xmp.lr.hierarchicalSubject"):
        values = [
            "/".join(level.replace("/", "|") for level in v.split("|"))
            for v in fields["Xmp.lr.hierarchicalSubject"]
        ]
    else:
        values = fields.get("Iptc.Application2.Keywords", [])
    return [tuple(v.split("/")) for v in values]


def test_a_slash_inside_a_keyword_survives_the_round_trip(db, tmp_path: Path) -> None:
    photo = _photo(tmp_path, "gig.jpg")
    pid = _added(db, photo)
    sync_file_metadata(db, [str(tmp_path)])
    # One tag each, no 'AC' or 'B' above a 'DC' or 'W'; the place still a tree.
    assert tag_states(db, pid) == {AC_DC: "file", B_W: "file", "Places/Paris": "file"}
    tree = tag_tree([(name, 1) for name, _ in all_tags(db)])
    assert [(node.label, [c.label for c in node.children]) for node in tree] == [
        ("AC/DC", []),
        ("B/W", []),
        ("Places", ["Paris"]),
    ]
    label_paths(db, [str(photo)], add=["Sunset"])  # something to write

    assert write_keywords(db, [pid], WriteOptions(target="embed")).problems == 0
    fields = exiftool_keywords(photo)
    subject = fields["Xmp.dc.subject"]
    assert {"AC/DC", "B/W", "Paris", "Sunset"} <= set(subject)
    assert not {"AC", "DC", "B", "W"} & set(subject)
    iptc = exiv2_iptc_keywords(photo)
    assert {"AC/DC", "B/W", "Sunset"} <= set(iptc) and not {"AC", "DC", "B", "W"} & set(iptc)
    assert iptc == fields["Iptc.Application2.Keywords"]  # exiv2 and exiftool agree
    assert {"AC/DC", "B/W", "Places|Paris"} <= set(fields["Xmp.lr.hierarchicalSubject"])
    assert not {"AC|DC", "B|W"} & set(fields["Xmp.lr.hierarchicalSubject"])
    assert set(fields["Xmp.digiKam.TagsList"]) == {"AC\\DC", "B\\W", "Places/Paris", "Sunset"}

    # What each tool makes of the file: one keyword AC/DC (digiKam and Immich cannot hold a
    # '/' inside a tag: AC\DC is digiKam's own name for it), and the tree Places > Paris.
    for reads in (digikam_reads, immich_reads):
        assert {("AC\\DC",), ("B\\W",), ("Places", "Paris")} <= set(reads(fields)), reads
    assert {("AC/DC",), ("B/W",), ("Places", "Paris")} <= set(lightroom_reads(fields))

    # Rescanned, and read afresh by another library: the same tags.
    sync_file_metadata(db, [str(tmp_path)])
    assert set(tag_states(db, pid)) == {AC_DC, B_W, "Places/Paris", "Sunset"}
    other = open_database(tmp_path / "other.db")
    fresh = _added(other, photo)
    sync_file_metadata(other, [str(tmp_path)])
    assert tag_states(other, fresh) == {
        AC_DC: "file",
        B_W: "file",
        "Places/Paris": "file",
        "Sunset": "file",
    }
    other.close()


def test_digikams_spelling_and_lightrooms_read_as_the_one_keyword(db, tmp_path: Path) -> None:
    """digiKam after reading Lightroom's 'Music|AC/DC' writes 'Music/AC\\DC' into every field,
    the slash gone: a tag AC\\DC below Music, as digiKam itself shows it (a backslash is part of
    a digiKam tag's name: 'C:\\stuff' is spelt so too), not a tree; a file phototagger wrote
    before kept TagsList 'AC/DC' beside Lightroom's one level 'AC/DC': the keyword AC/DC."""
    dk, old = tmp_path / "dk.jpg", tmp_path / "old.jpg"
    for photo in (dk, old):  # no keywords of their own
        Image.new("RGB", (64, 48), (90, 120, 60)).save(photo, format="JPEG")
    exiftool_set(
        dk,
        "-XMP-digiKam:TagsList=Music/AC\\DC",
        "-XMP-lr:HierarchicalSubject=Music|AC\\DC",
        "-XMP-dc:Subject=AC\\DC",
    )
    exiftool_set(
        old,
        "-XMP-digiKam:TagsList=AC/DC",
        "-XMP-lr:HierarchicalSubject=AC/DC",
        "-XMP-dc:Subject=AC/DC",
    )
    a, b = _added(db, dk), _added(db, old)
    sync_file_metadata(db, [str(tmp_path)])
    assert tag_states(db, a) == {"Music/AC\\DC": "file"}
    assert tag_states(db, b) == {AC_DC: "file"}
    # The old phototagger had written all three into the file (its write record says so).
    set_written_values(
        db, b, str(old), [(key, "AC/DC") for key in (TAGS, HIERARCHY, "Xmp.dc.subject")]
    )
    label_paths(db, [str(dk), str(old)], add=["Live"])

    assert write_keywords(db, [a, b], WriteOptions(target="embed")).problems == 0
    # digiKam's spelling stays; the file phototagger wrote before gets digiKam's TagsList.
    written = exiftool_keywords(dk)
    assert written["Xmp.digiKam.TagsList"] == ["Music/AC\\DC", "Live"]
    assert written["Xmp.lr.hierarchicalSubject"] == ["Music|AC\\DC", "Live"]
    written = exiftool_keywords(old)
    assert written["Xmp.digiKam.TagsList"] == ["AC\\DC", "Live"]
    assert written["Xmp.lr.hierarchicalSubject"] == ["AC/DC", "Live"]
    sync_file_metadata(db, [str(tmp_path)])
    assert set(tag_states(db, a)) == {"Music/AC\\DC", "Live"}
    assert set(tag_states(db, b)) == {AC_DC, "Live"}
