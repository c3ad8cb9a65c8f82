"""A library of two photos, one of them with keywords a photographer's other tools wrote there,
read as a scan reads them: for the tests of a keyword with a slash in it ('AC/DC')."""

from __future__ import annotations

import shutil
from pathlib import Path

import sqlite_utils

from phototagger.core.library import open_library
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.paths import default_home
from phototagger.store.file_metadata import FileRecord, apply_file_keywords, save_file_record
from phototagger.store.photos import add_folder
from tests.keyword_readers import exiftool_set
from tests.store_helpers import DET, add_photo

AC_DC = "AC\u2215DC"  # the keyword AC/DC as the library holds it (tag_names.LITERAL_SLASH)


def tagged_and_other(folder: Path, *fields: str) -> tuple[Path, Path]:
    """tagged.jpg with `fields` set ('-XMP-dc:Subject=AC/DC') and other.jpg with no keyword,
    in `folder`, a folder of the test's library whose keywords were read: (tagged, other)."""
    folder.mkdir()
    tagged, other = folder / "tagged.jpg", folder / "other.jpg"
    for photo, src in zip((tagged, other), sorted(DET.glob("*.jpg"))[:2], strict=True):
        shutil.copy(src, photo)
        photo.chmod(0o644)
        exiftool_set(photo, "-XMP:all=", "-IPTC:all=")  # Flickr's keywords out
    exiftool_set(tagged, *fields)
    with open_library(default_home()) as library:
        add_folder(library.db, str(folder))
        for photo in (tagged, other):
            st = photo.stat()
            add_photo(library.db, str(photo), size=st.st_size, mtime=st.st_mtime)
        sync_file_metadata(library.db, [str(folder)])
    return tagged, other


def read_before(db: sqlite_utils.Database, photo: Path, keywords: list[str]) -> int:
    """`photo` added to an older library with `keywords` as that phototagger read them from its
    file (the photo's own tags, and its record of the file as read): the photo's id."""
    st = photo.stat()
    pid = add_photo(db, str(photo), size=st.st_size, mtime=st.st_mtime)
    apply_file_keywords(db, pid, keywords, [])
    sidecar = (None, None, None, None)
    record = (None, None, None, st.st_size, st.st_mtime, *sidecar, tuple(keywords), None)
    save_file_record(db, FileRecord(pid, *record))
    return pid
