"""Where keywords (issue 13) meet the formats and names of issue 11: a file name that is not
UTF-8, a RAW+JPEG pair whose RAW carries the sidecar, a pair labelled by its RAW's path."""

from __future__ import annotations

import os
from pathlib import Path

from PIL import Image

from phototagger.core.catalog import label_paths
from phototagger.core.metadata.job import write_keywords
from phototagger.core.metadata.read import read_metadata
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.core.metadata.write import WriteOptions
from phototagger.core.names import storable
from phototagger.store.tags import tags_of_photo
from tests.keyword_readers import exiftool_keywords
from tests.store_helpers import add_photo


def _photo(db, path: Path) -> int:
    Image.new("RGB", (32, 24), (120, 80, 40)).save(path, format="JPEG")
    st = path.stat()
    return add_photo(db, storable(str(path)), size=st.st_size, mtime=st.st_mtime)


def test_keywords_are_written_to_the_sidecar_of_a_latin1_name(db, tmp_path: Path) -> None:
    photo = Path(os.fsdecode(bytes(tmp_path) + b"/Hund_gr\xfcn.jpg"))
    pid = _photo(db, photo)
    label_paths(db, [str(photo)], add=["Pets/Hund"])
    summary = write_keywords(db, [pid], WriteOptions())
    assert (summary.problems, summary.written) == (0, 1)
    sidecar = Path(os.fsdecode(bytes(tmp_path) + b"/Hund_gr\xfcn.jpg.xmp"))
    assert exiftool_keywords(sidecar)["Xmp.digiKam.TagsList"] == ["Pets/Hund"]
    assert read_metadata(photo).keywords == ["Pets/Hund"]
    # Written again: nothing to change; the next scan's keyword pass has nothing to read.
    assert write_keywords(db, [pid], WriteOptions()).unchanged == 1
    assert sync_file_metadata(db, [str(tmp_path)]).read == 0
    assert {t.name: t.state for t in tags_of_photo(db, pid)} == {"Pets/Hund": "added"}
