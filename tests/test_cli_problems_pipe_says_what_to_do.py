"""A pipe named like a photo in a scanned folder (polish32: fifo.jpg among a phone's photos) was
listed in Problems, and by `phototagger problems`, as "this is not a regular file (a pipe,
socket or device)", the one note there that did not say what to do. It says it now: move it out
of the photo folders, or rename it; `classify` and `metadata read` say the same of it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.cli_helpers import run, scan_with
from tests.photo_factory import real_photo

pytestmark = pytest.mark.model


def listed_note(capsys: pytest.CaptureFixture[str], path: Path) -> str:
    """What `phototagger problems` says of `path`: the line below its name."""
    code, out, _ = run(capsys, "problems")
    assert code == 0
    lines = out.splitlines()
    return lines[lines.index(f"  {path}") + 1]


def test_a_pipe_named_as_a_photo_is_listed_with_what_to_do(
    capsys: pytest.CaptureFixture[str],
    engine: object,
    library_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    pics = tmp_path / "phone"
    real_photo(pics / "IMG_0001.jpg", "chelsea")
    os.mkfifo(pics / "IMG_0002.jpg")
    assert scan_with(engine, pics, monkeypatch, capsys) == 1

    assert listed_note(capsys, pics / "IMG_0002.jpg") == (
        "    this is not a regular file (a pipe, socket or device, or a link to one), never a "
        "photo: move it out of your photo folders, or rename it without a photo's extension"
    )
