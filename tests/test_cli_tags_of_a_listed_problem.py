"""`phototagger tags` (and `label`, `similar`) on a file its folder's scan listed in Problems as
no photo (polish32: a FIFO named fifo.jpg and a link that loops, in a scanned phone folder) said
"... is not in the library (scan its folder first)": the user scanned again, to no end. It says
now why the file is not among the photos, in the words `problems` uses, and points there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from phototagger.core.errors import LINK_LOOP, NOT_REGULAR
from tests.cli_helpers import run, scan_with
from tests.photo_factory import real_photo

pytestmark = pytest.mark.model


def test_tags_of_a_file_problems_lists_says_why_it_is_no_photo(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    engine: object,
    monkeypatch: pytest.MonkeyPatch,
    library_home: Path,
) -> None:
    pics = tmp_path / "pics"
    photo = real_photo(pics / "coffee.jpg", "coffee")
    os.mkfifo(pics / "fifo.jpg")
    os.symlink("loop2.jpg", pics / "loop1.jpg")
    os.symlink("loop1.jpg", pics / "loop2.jpg")
    assert scan_with(engine, pics, monkeypatch, capsys) == 1

    code, _, err = run(capsys, "tags", str(pics / "fifo.jpg"))
    assert code == 3
    assert err == (
        f"phototagger: {pics / 'fifo.jpg'} is not among your photos: {NOT_REGULAR} "
        "(see: phototagger problems)\n"
    )
    code, _, err = run(capsys, "tags", str(pics / "loop1.jpg"))
    assert code == 3
    assert f"is not among your photos: {LINK_LOOP} (see: phototagger problems)" in err
    # Named beside a photo, `label` labels that one and names the other so.
    code, out, err = run(capsys, "label", str(pics / "fifo.jpg"), str(photo), "--add", "mug")
    assert code == 1 and out == "labelled 1 photo\n"
    assert "fifo.jpg is not among your photos: this is not a regular file" in err
    assert "scan its folder first" not in err
