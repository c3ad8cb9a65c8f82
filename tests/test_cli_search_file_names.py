"""`phototagger search` found tags only: the clips VID_20240101_1200.mp4 or a day's phone photos
IMG_20240101_* could not be listed by name, where the app's search box now finds a word that is no
tag in the file names. `--name TEXT` does it here (each one given narrows, with the tags and the
files' marks), without case or accents, the folder's name aside; `search VID`, no tag, says
that --name finds it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import media_factory as mf
from tests import photo_factory as pf
from tests.cli_helpers import run, scan_with


def test_search_by_file_name(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pics = tmp_path / "Pictures"
    trip = pics / "Trip 2024"
    trip.mkdir(parents=True)
    clip = mf.photo_clip(pics / "VID_20240101_1200.mp4", ("chelsea",), seconds_each=1)
    heic = mf.heic_photo(pics / "IMG_20240101_0900.HEIC")
    raw = mf.raw_photo(pics / "IMG_20240102_0815.dng")
    summer = pf.real_photo(trip / "Été à la plage.jpg", "rocket")
    assert scan_with(engine, pics, monkeypatch, capsys) == 0

    code, out, err = run(capsys, "search", "--name", "img_20")
    assert code == 0 and sorted(out.splitlines()) == sorted([str(heic), str(raw)])
    assert err.splitlines() == ["2 photos"]
    code, out, _ = run(capsys, "search", "--name", "vid")
    assert out.splitlines() == [str(clip)]
    # Without accents; the folder "Trip 2024" is no part of a name.
    code, out, _ = run(capsys, "search", "--name", "ETE")
    assert out.splitlines() == [str(summer)]
    code, out, _ = run(capsys, "search", "--name", "2024")
    assert sorted(out.splitlines()) == sorted([str(clip), str(heic), str(raw)])
    # Each --name narrows, and so does a tag.
    code, out, _ = run(capsys, "search", "--name", "IMG", "--name", ".dng", "--json")
    assert [p["path"] for p in json.loads(out)] == [str(raw)]
    assert run(capsys, "label", str(summer), str(clip), "--add", "holidays")[0] == 0
    code, out, _ = run(capsys, "search", "holidays", "--name", "plage")
    assert code == 0 and out.splitlines() == [str(summer)]
    code, out, _ = run(capsys, "search", "holidays", "--name", "IMG")
    assert code == 0 and out == ""

    # A TAG that is no tag, found in file names: --name is named.
    code, out, err = run(capsys, "search", "VID")
    assert code == 0 and out == ""
    assert err.splitlines() == [
        "phototagger: note: there is no tag called 'VID'; file names contain it: --name VID "
        "finds them",
        "0 photos",
    ]
