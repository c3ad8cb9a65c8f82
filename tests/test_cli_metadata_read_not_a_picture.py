"""`metadata read notes.jpg`, a text file named as a photo (polish33), said "cannot read its
metadata (Failed to read input data)", exiv2's words, where a scan and `classify` say of the
same file "this is not a picture: its contents are not JPEG, ... whatever its name says". It
says that now (exit 3 as before); a sidecar exiv2 cannot read keeps exiv2's words."""

from __future__ import annotations

from pathlib import Path

import pytest

from phototagger.core.errors import NOT_A_PICTURE
from tests.cli_helpers import run


def test_metadata_read_of_a_text_file_says_it_is_not_a_picture(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.jpg"
    notes.write_text("shopping list\nmilk, eggs\n")

    code, out, err = run(capsys, "metadata", "read", str(notes))

    assert (code, out) == (3, "")
    assert err == (
        f"phototagger: {notes}: this is not a picture: its contents are not JPEG, HEIC, AVIF, "
        "PNG, WebP, TIFF, BMP or GIF, whatever its name says\n"
    )


@pytest.mark.model  # classify loads the model before it reads the file: full tier only
def test_classify_says_the_same_words_of_the_same_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.jpg"
    notes.write_text("shopping list\nmilk, eggs\n")

    code, out, err = run(capsys, "classify", str(notes))

    assert f"{notes}: {NOT_A_PICTURE}" in out + err
