"""`metadata write --embed --naming photo.xmp a.jpg` ignored --naming without a word: a JPEG
written into takes no sidecar. The combination is refused when no photo can use it, and works as
asked when some do (RAW, HEIC/AVIF, BMP, GIF and clips get a sidecar even with --embed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.keyword_readers import exiftool_keywords
from tests.store_helpers import add_photo


def _library_of(*photos: Path) -> None:
    with open_library(default_home()) as library:
        for photo in photos:
            st = photo.stat()
            add_photo(library.db, str(photo), size=st.st_size, mtime=st.st_mtime)


def test_naming_with_embed_and_no_photo_taking_a_sidecar_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = tmp_path / "a.jpg"
    Image.new("RGB", (32, 32), "red").save(photo)
    _library_of(photo)
    assert run(capsys, "label", str(photo), "--add", "pets")[0] == 0
    before = photo.read_bytes()
    code, out, err = run(
        capsys, "metadata", "write", "--embed", "--naming", "photo.xmp", "--quiet", str(photo)
    )
    assert code == 3 and out == ""
    assert err.count("\n") == 1 and "--naming names sidecars, but --embed" in err
    assert "leave out --naming" in err
    assert photo.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == [
        "a.jpg",
        "phototagger-home",
    ]
    # Without --naming it is written into the photo, as asked.
    assert run(capsys, "metadata", "write", "--embed", "--quiet", str(photo))[0] == 0
    assert exiftool_keywords(photo)["Xmp.dc.subject"] == ["pets"]


def test_naming_with_embed_names_the_sidecars_of_files_that_take_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    jpeg, gif = tmp_path / "a.jpg", tmp_path / "b.gif"
    Image.new("RGB", (32, 32), "red").save(jpeg)
    Image.new("RGB", (32, 32), "blue").save(gif)
    _library_of(jpeg, gif)
    assert run(capsys, "label", str(jpeg), str(gif), "--add", "pets")[0] == 0
    code, _, err = run(capsys, "metadata", "write", "--embed", "--naming", "photo.xmp", "--quiet")
    assert code == 0 and "--naming" not in err
    assert exiftool_keywords(jpeg)["Xmp.dc.subject"] == ["pets"]
    assert exiftool_keywords(tmp_path / "b.xmp")["Xmp.dc.subject"] == ["pets"]
    assert not (tmp_path / "a.xmp").exists() and not (tmp_path / "b.gif.xmp").exists()
