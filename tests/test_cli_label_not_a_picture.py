"""A text file named notes.jpg, which the scan records as no picture (Problems: "not among your
photos"), could be labelled by name: `label notes.jpg --add holiday` said "labelled 1 photo",
and the text file became one of the photos, "one that cannot be read", with the user's tag.
It is refused now, with why, and nothing is stored for it; a photo cut short is still labelled
(test_cli_label_bad_input.py), since fixed it is the photo the label was meant for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.cli_helpers import run, scan_with
from tests.photo_factory import photo_and_notes


def _rows_of(path: Path) -> int:
    with open_library(default_home()) as library:
        return library.db.execute(
            "SELECT count(*) FROM photo_tags pt JOIN photos p ON p.id = pt.photo_id"
            " WHERE p.path = ?",
            [str(path)],
        ).fetchone()[0]


def test_a_file_that_is_no_picture_is_not_labelled(
    engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = photo_and_notes(tmp_path / "Pictures")
    notes, coffee = folder / "notes.jpg", folder / "coffee.jpg"
    assert scan_with(engine, folder, monkeypatch, capsys) == 1  # notes.jpg: a problem
    refused = (
        f"phototagger: {notes} was not labelled: this is not a picture: its contents are not "
        "JPEG, HEIC, AVIF, PNG, WebP, TIFF, BMP or GIF, whatever its name says; it is none of "
        "your photos ('phototagger problems' lists it)"
    )

    code, out, err = run(capsys, "label", str(notes), "--add", "holiday")
    assert (code, out, err.splitlines()) == (3, "", [refused])
    code, out, err = run(capsys, "label", str(notes), "--reject", "dog")
    assert (code, out, err.splitlines()) == (3, "", [refused])
    assert _rows_of(notes) == 0

    # Named with a photo: the photo is labelled, the text file named as refused.
    code, out, err = run(capsys, "label", str(notes), str(coffee), "--add", "holiday")
    assert (code, out, err.splitlines()) == (1, "labelled 1 photo\n", [refused])
    code, out, _ = run(capsys, "label", "--json", str(notes), str(coffee), "--add", "morning")
    assert code == 1
    assert json.loads(out) == {
        "labelled": [str(coffee)],
        "errors": [refused.removeprefix("phototagger: ")],
        "unchanged": [],
        "unreadable": [],
        "removed": {},
        "took_back": {},
    }
    assert _rows_of(notes) == 0
    # Still no photo: counted and listed as before.
    stats = json.loads(run(capsys, "stats", "--json")[1])
    assert stats["photos"] == 1
    [problem] = json.loads(run(capsys, "problems", "--json")[1])
    assert problem["path"] == str(notes) and "not among your photos" in problem["section"]
