"""`metadata read` of an empty file (polish32: zero.jpg, a card pulled out mid-copy) said
"cannot read its metadata (Failed to read input data)", exiv2's words, where a scan and
`classify` say of the same file "the file is empty (0 bytes): it was not copied completely;
re-copy it ...". It says that now; exit 3 as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_helpers import run


def test_metadata_read_of_an_empty_file_says_it_is_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "zero.jpg"
    empty.write_bytes(b"")

    code, out, err = run(capsys, "metadata", "read", str(empty))

    assert (code, out) == (3, "")
    assert err == (
        f"phototagger: {empty}: the file is empty (0 bytes): it was not copied completely; "
        "re-copy it from the camera or a backup if you have one\n"
    )
