"""A library that read 'AC/DC' (dc:subject) as a tree AC > DC before: migration 17 marks its
photos with a '/' in their keywords to be read again, and the next scan's keyword step makes each
photo's tag the keyword AC/DC, the user's decisions kept (a 'no' said in phototagger stays a no).
The tree, on no photo then, is renamed into it: logged as a rename, so a saved model's column and
the user's threshold for it follow. A real tree read from TagsList stays a tree."""

from __future__ import annotations

import shutil
from pathlib import Path

from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.core.tag_admin import tag_changes
from phototagger.store import migrations
from phototagger.store.connection import open_database
from phototagger.store.photos import add_folder
from phototagger.store.settings import get_setting, set_setting
from phototagger.store.tags import all_tags, reject_tag
from tests.keyword_readers import exiftool_set
from tests.slash_helpers import read_before
from tests.store_helpers import library_at_version, tag_states, todays_file_records

DET = Path("/work/shared/data/det-photos")
AC_DC = "AC\u2215DC"  # the keyword AC/DC as the library holds it (tag_names.LITERAL_SLASH)


def test_a_library_from_before_gets_the_keyword_back(tmp_path: Path) -> None:
    folder = tmp_path / "gigs"
    folder.mkdir()
    photos = []
    for n, src in enumerate(sorted(DET.glob("*.jpg"))[:2]):
        photo = Path(shutil.copy(src, folder / f"gig{n}.jpg"))
        photo.chmod(0o644)
        # Flickr's keywords out, Lightroom's in; one has a digiKam tree too.
        exiftool_set(photo, "-XMP:all=", "-IPTC:all=", "-XMP-dc:Subject=AC/DC")
        photos.append(photo)
    exiftool_set(photos[1], "-XMP-digiKam:TagsList=Places/Paris")
    path = tmp_path / "library.db"
    db = library_at_version(path, 16)
    with todays_file_records(db):
        add_folder(db, str(folder))
        # As phototagger before migration 17 read them: the keyword as a tree 'AC/DC'.
        read = (["AC/DC"], ["AC/DC", "Places/Paris"])
        ids = [read_before(db, p, keywords) for p, keywords in zip(photos, read, strict=True)]
        reject_tag(db, ids[1], "AC/DC")  # the user said no on the second photo
        set_setting(db, "thresholds", {"AC/DC": 0.3})
        db.conn.commit()
        # Nothing changed in the files: a scan of the old phototagger would not read them again.
        assert sync_file_metadata(db, [str(folder)]).read == 0
    assert {name for name, _ in all_tags(db)} == {"AC/DC", "Places/Paris"}
    db.close()

    db = open_database(path)
    try:
        assert migrations.user_version(db) == migrations.LATEST_VERSION
        summary = sync_file_metadata(db, [str(folder)])
        assert summary.read == 2 and summary.problems == 0
        assert tag_states(db, ids[0]) == {AC_DC: "file"}
        assert tag_states(db, ids[1]) == {AC_DC: "rejected", "Places/Paris": "file"}
        assert {name for name, _ in all_tags(db)} == {AC_DC, "Places/Paris"}
        assert [(old, new) for _, old, new in tag_changes(db)] == [("AC/DC", AC_DC)]
        assert get_setting(db, "thresholds", {}) == {AC_DC: 0.3}
        # Read once: the next scan reads nothing again.
        assert sync_file_metadata(db, [str(folder)]).read == 0
    finally:
        db.close()
