"""`metadata read --json` called a file's colour label `color` where `search --json` and
`export --json` call it `label`: a script that read one could not read the other the same way.
It now says `label` too, as search says it (`color` stays, for scripts that read it). Real
det-photos whose XMP exiv2 wrote, scanned by the real model into a real library."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli_helpers import run

RED = "n02129604_20374_tiger"
BLUE = "n02391049_2847_zebra"
NONE = "n04442312_12329_toaster"
MARKS: dict[str, tuple[str, ...]] = {
    RED: ("set Xmp.xmp.Label Red",),
    BLUE: ("set Xmp.xmp.Rating 2", "set Xmp.xmp.Label Blue"),
    NONE: (),
}


def test_metadata_read_says_the_label_as_search_and_export_do(
    marked_det_photos: Callable[[dict[str, tuple[str, ...]]], Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    pics = marked_det_photos(MARKS)
    searched: dict[str, object] = {NONE: None}
    for colour in ("red", "blue"):
        code, out, err = run(capsys, "search", "--json", "--label", colour)
        assert code == 0, err
        searched |= {Path(str(row["path"])).stem: row["label"] for row in json.loads(out)}
    code, out, err = run(capsys, "export", "--json")
    assert code == 0, err
    rows = json.loads(out)
    rows = rows["photos"] if isinstance(rows, dict) else rows
    exported = {Path(str(row["path"])).stem: row["label"] for row in rows}
    assert searched[RED] and searched[BLUE] and searched[NONE] is None, searched
    for name in MARKS:
        code, out, err = run(capsys, "metadata", "read", "--json", str(pics / f"{name}.jpg"))
        assert code == 0, err
        read = json.loads(out)
        assert read["label"] == searched[name] == exported[name], (name, read, searched)
        assert read["color"] == read["label"], read  # kept for the scripts that read it
