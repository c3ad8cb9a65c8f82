"""A sidecar's last keyword would not go: polish34 wrote 'beach day' into a photo's new sidecar
(photo.jpg.xmp), rejected it, and wrote again; digiKam's TagsList and Lightroom's
hierarchicalSubject were taken out, dc:subject kept 'beach day', and the write said "1 rejected
tag stays in its file: phototagger removes only keywords it wrote; remove them in digiKam or
Lightroom" of a keyword phototagger wrote. exiv2, opening a sidecar as an image of its own, does
not take a field out of it (dc:subject here); the packet is now made as a photo's is. With its
last field out, the sidecar is an empty XMP packet (no empty file)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.photos import add_folder
from tests.cli_helpers import run
from tests.keyword_readers import exiftool_keywords
from tests.store_helpers import add_photo

DET = Path("/work/shared/data/det-photos")


def test_the_last_keyword_of_a_sidecar_is_taken_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "Greece"
    folder.mkdir()
    photos = [
        Path(shutil.copy(src, folder / f"IMG_{1050 + n}.JPG"))
        for n, src in enumerate(sorted(DET.glob("*.jpg"))[:2])
    ]
    with open_library(default_home()) as library:
        add_folder(library.db, str(folder))
        for photo in photos:
            st = photo.stat()
            add_photo(library.db, str(photo), size=st.st_size, mtime=st.st_mtime)
        label_paths(library.db, [str(photos[0])], add=["beach day"])
        label_paths(library.db, [str(photos[1])], add=["beach day", "sea"])
    assert run(capsys, "metadata", "write", "--quiet")[0] == 0
    sidecars = [p.with_name(p.name + ".xmp") for p in photos]
    assert exiftool_keywords(sidecars[0])["Xmp.dc.subject"] == ["beach day"]

    assert run(capsys, "label", *map(str, photos), "--reject", "beach day")[0] == 0
    code, out, err = run(capsys, "metadata", "write", "--quiet")
    assert code == 0 and "2 removed" in out, out
    # Before: dc:subject ['beach day'] left, and "1 rejected tag stays in its file".
    assert "stays in" not in err, err
    assert exiftool_keywords(sidecars[0]) == {}
    assert exiftool_keywords(sidecars[1])["Xmp.dc.subject"] == ["sea"]
    assert sidecars[0].stat().st_size > 0  # an empty packet, not an empty file
    # Read again, the photo has no keyword; the no stands.
    code, out, _ = run(capsys, "metadata", "read", str(photos[0]))
    assert code == 0 and "beach day" not in out, out
    assert run(capsys, "metadata", "write", "--quiet")[1].startswith("2 photos: written into 0")
