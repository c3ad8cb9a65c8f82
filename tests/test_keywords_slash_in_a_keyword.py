"""A Lightroom keyword with a slash in it ('B/W', for black-and-white photos) is one keyword in
Lightroom. phototagger reads it as the tag 'B/W'; writing the photo's keywords then added
'B|W' to lr:hierarchicalSubject (a new keyword 'W' under a new 'B' once Lightroom reads the file)
and a keyword 'W' to dc:subject and IPTC: a photographer's keywords got junk beside their own,
and a new sidecar spelled it so. A tag keeps the spelling the file (or, for its sidecar, the
photo) already gives it. digiKam's TagsList spells the slash inside that one keyword 'B\\W', as
digiKam does itself (its `/` there would be a tree B > W in digiKam)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from phototagger.core.labels import label_paths
from phototagger.core.metadata.job import write_keywords
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.core.metadata.write import WriteOptions
from phototagger.store.tags import tags_of_photo
from phototagger.tag_names import shown_name
from tests.keyword_readers import exiftool_keywords, exiftool_set
from tests.store_helpers import add_photo

DET = Path("/work/shared/data/det-photos")


@pytest.mark.parametrize("target", ["embed", "sidecar"])
def test_a_keyword_with_a_slash_keeps_its_spelling(db, tmp_path: Path, target: str) -> None:
    photo = Path(shutil.copy(sorted(DET.glob("*person.jpg"))[0], tmp_path / "bw.jpg"))
    photo.chmod(0o644)
    exiftool_set(  # as Lightroom writes a black-and-white portrait's keywords
        photo,
        "-XMP-dc:Subject=B/W",
        "-XMP-dc:Subject=Portrait",
        "-XMP-lr:HierarchicalSubject=B/W",
        "-XMP-lr:HierarchicalSubject=Style|Portrait",
        "-IPTC:Keywords=B/W",
        "-IPTC:Keywords=Portrait",
    )
    st = photo.stat()
    pid = add_photo(db, str(photo), size=st.st_size, mtime=st.st_mtime)
    sync_file_metadata(db, [str(tmp_path)])
    label_paths(db, [str(photo)], add=["Sunset"])

    summary = write_keywords(db, [pid], WriteOptions(target=target))
    # Three tags into digiKam's TagsList, which the photo did not have: 'Sunset' added (into the
    # others too), the file's 'B/W' and 'Style/Portrait' copied there.
    assert (summary.problems, summary.keywords_added, summary.keywords_copied) == (0, 1, 2)
    written = exiftool_keywords(photo if target == "embed" else tmp_path / "bw.jpg.xmp")
    assert written["Xmp.lr.hierarchicalSubject"] == ["B/W", "Style|Portrait", "Sunset"]
    assert written["Xmp.dc.subject"] == ["B/W", "Portrait", "Sunset"]
    assert written["Xmp.digiKam.TagsList"] == ["B\\W", "Style/Portrait", "Sunset"]
    if target == "embed":
        assert written["Iptc.Application2.Keywords"] == ["B/W", "Portrait", "Sunset"]
    # Read back: the photo's three tags, no 'W' of its own.
    sync_file_metadata(db, [str(tmp_path)])
    assert sorted(shown_name(t.name) for t in tags_of_photo(db, pid) if t.state) == [
        "B/W",
        "Style/Portrait",
        "Sunset",
    ]
