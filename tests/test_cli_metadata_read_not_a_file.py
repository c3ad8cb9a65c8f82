"""`metadata read` said "no such file" of a file that is there but is no regular file: polish32's
phone folder's fifo.jpg (a pipe) and loop1.jpg (a link that loops), which a scan lists in
Problems as what they are, with what to do. It says what each is now, in Problems' words; a
name that is not there at all is still "no such file". Exit 3 each time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from phototagger.core.errors import LINK_LOOP, NOT_REGULAR
from tests.cli_helpers import run


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("fifo.jpg", NOT_REGULAR),
        ("loop1.jpg", LINK_LOOP),
        (
            "dangling.jpg",
            "this is a link to card/IMG_1.jpg, which does not exist (was a drive unplugged?)",
        ),
        ("typo.jpg", "no such file"),
    ],
)
def test_metadata_read_says_what_a_path_that_is_no_file_is(
    name: str, said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(tmp_path / "fifo.jpg")
    os.symlink("loop2.jpg", tmp_path / "loop1.jpg")
    os.symlink("loop1.jpg", tmp_path / "loop2.jpg")
    os.symlink("card/IMG_1.jpg", tmp_path / "dangling.jpg")

    code, out, err = run(capsys, "metadata", "read", str(tmp_path / name))

    assert (code, out) == (3, "")
    assert err == f"phototagger: {tmp_path / name}: {said}\n"
