"""`classify` on a link that leads round in a loop (polish32: a phone and camera folder holding
loop1.jpg -> loop2.jpg -> loop1.jpg) said "the file could not be read (Too many levels of
symbolic links); the disk, card or network share may be failing": the user sent to check a
disk that is fine. A scan lists the same link in Problems as a link that loops, with what to
do; classify (any file opened for a photo) says that now too."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from phototagger.core.errors import LINK_LOOP
from tests.photo_factory import real_photo
from tests.test_cli_journey import run


@pytest.mark.model
def test_classify_says_a_link_loops_not_that_the_disk_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = real_photo(tmp_path / "coffee.jpg", "coffee")
    os.symlink("loop2.jpg", tmp_path / "loop1.jpg")
    os.symlink("loop1.jpg", tmp_path / "loop2.jpg")

    code, out, err = run(capsys, "classify", str(tmp_path / "loop1.jpg"), str(photo))

    assert code == 1, err
    assert f"{tmp_path / 'loop1.jpg'}: {LINK_LOOP}" in err.splitlines()
    assert "failing" not in err
    assert str(photo) in out.splitlines()  # the job goes on
