"""Tags with the characters keyword fields use as separators, written into a photo Windows had
tagged (XPKeywords) and read back. Before: 'x; y' went into XPKeywords, where ';' separates
Windows' keywords, and came back as two new tags 'x' and 'y'; 'rock|roll' (a keyword read from
dc:subject) went into lr:hierarchicalSubject as the hierarchy rock > roll and came back as a
second tag 'rock/roll'; 'AC/DC' (a keyword of dc:subject alone) was written as the hierarchy
'AC|DC' and as the keywords 'AC' and 'DC' in XPKeywords. Each tag now reads back as itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from phototagger.core.labels import label_paths
from phototagger.core.metadata.job import write_keywords
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.core.metadata.write import WriteOptions
from phototagger.store.connection import open_database
from phototagger.store.tags import tags_of_photo
from phototagger.tag_names import shown_name
from tests.keyword_readers import exiftool_keywords, exiftool_set
from tests.store_helpers import add_photo

DET = Path("/work/shared/data/det-photos")
ODD = ["x; y", "a, b", 'say "cheese"', "it's", "Rock & Roll <live>", "🎉 party", "L" * 80]


def _names(db, pid: int) -> list[str]:
    return sorted(shown_name(t.name) for t in tags_of_photo(db, pid))


@pytest.mark.parametrize("target", ["embed", "sidecar"])
def test_tags_with_separators_in_them_read_back_as_themselves(
    db, tmp_path: Path, target: str
) -> None:
    photo = Path(shutil.copy(sorted(DET.glob("*.jpg"))[7], tmp_path / "w.jpg"))
    photo.chmod(0o644)
    # tagged in Windows Explorer, then by a program writing dc:subject only
    exiftool_set(
        photo,
        "-XPKeywords=holiday;beach",
        "-XMP-dc:Subject=rock|roll",
        "-XMP-dc:Subject=AC/DC",
    )
    st = photo.stat()
    pid = add_photo(db, str(photo), size=st.st_size, mtime=st.st_mtime)
    sync_file_metadata(db, [str(tmp_path)])
    assert _names(db, pid) == ["AC/DC", "beach", "holiday", "rock|roll"]
    label_paths(db, [str(photo)], add=ODD)
    names = _names(db, pid)

    assert write_keywords(db, [pid], WriteOptions(target=target)).problems == 0
    assert _names(db, pid) == names  # the write reads the files back
    written = exiftool_keywords(photo if target == "embed" else tmp_path / "w.jpg.xmp")
    hierarchy = written["Xmp.lr.hierarchicalSubject"]
    assert "AC/DC" in hierarchy and "AC|DC" not in hierarchy
    assert not [v for v in hierarchy if "rock" in v]
    if target == "embed":
        xp = written["Exif.Image.XPKeywords"]  # split at ';' as Windows reads it
        assert {"holiday", "beach", "AC/DC", "rock|roll", "a, b"} <= set(xp)
        assert not {"x", "y", "AC", "DC"} & set(xp)
    # A library reading the files afresh finds the same tags.
    other = open_database(tmp_path / "other.db")
    st = photo.stat()
    fresh = add_photo(other, str(photo), size=st.st_size, mtime=st.st_mtime)
    sync_file_metadata(other, [str(tmp_path)])
    assert _names(other, fresh) == names
    other.close()
