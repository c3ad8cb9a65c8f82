"""A pet's name on a face the detector found was listed twice (pets37): Santa's face named Max
(`phototagger face`), 'People (keywords)/Max' renamed 'Pets/Max' (Max is a dog): `tags` and the
viewer showed the pet Max and, over the same box, an unnamed face the detector found, because a
detected face was paired only with a person's mark. A Pet region digiKam wrote over a face the
detector found was the same. One mark now: the name the user (or the file) gave, its kind a
pet's, found by the detector, in `tags` (text and --json), the viewer's B and the details
panel; a keyword write leaves one region there, a Pet, no Face beside it (a Face region written
for Max before the rename, or digiKam's unnamed Face region there, is retyped Pet).

A real det-photo stored on its side, a real scan with the real model and face detector, the
real CLI, exiftool writing the file's regions and reading what was written."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.metadata.regions import iou
from tests.cli_helpers import run
from tests.gui_helpers import click_photo, open_window, settle, viewer_with_faces
from tests.test_face_regions_write import (
    _ANNA,
    THEIRS,
    _portrait,
    _regions,
    _santa,
    _shown,
    _write,
)

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool writes regions")


def _over_santa(faces: list[dict[str, Any]], santa: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The faces listed over Santa's face (name, kind, found by the detector)."""
    return [
        (f["name"], f["kind"], f["found_by_detector"])
        for f in faces
        if f["box"] is not None and iou(tuple(f["box"]), tuple(santa["box"])) >= 0.5
    ]


def _santa_as_pet(
    capsys: pytest.CaptureFixture[str], photo: Path, written_before: bool
) -> dict[str, Any]:
    santa = _santa(capsys, photo)
    box = _shown(capsys, photo)["faces"][int(santa) - 1]
    assert run(capsys, "face", str(photo), santa, "Max")[0] == 0
    if written_before:
        _write(capsys, photo, "--sidecar")
    assert run(capsys, "tag", "rename", "People (keywords)/Max", "Pets/Max")[0] == 0
    return dict(box)


def _pet_regions(path: Path) -> list[tuple[str, str]]:
    return [
        (r["Name"], r["Type"])
        for r in _regions(path)["RegionList"]
        if r["Name"] not in {r["Name"] for r in THEIRS}
    ]


@pytest.mark.parametrize("written_before", [False, True])
def test_a_face_named_as_a_pet_is_listed_once_and_written_once(
    engine: Any,
    face_finder: Any,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    written_before: bool,
) -> None:
    photo = _portrait(tmp_path / "pics", engine, face_finder)
    santa = _santa_as_pet(capsys, photo, written_before)
    faces = _shown(capsys, photo)["faces"]
    assert _over_santa(faces, santa) == [("Max", "pet", True)], faces
    code, out, _ = run(capsys, "tags", str(photo))
    assert code == 0 and "(no name)" not in out, out
    assert "faces: 1 found by the detector, 2 named in the file, 1 named by you\n" in out, out
    said = [line.split(None, 1)[1] for line in out.splitlines() if line.strip().startswith("Max ")]
    assert [s.rsplit(" (", 1)[0] for s in said] == [
        "named by you, a pet, a face the detector found"
    ], out
    out = _write(capsys, photo, "--sidecar")
    # Written before: Max's Face region is the pet's now (its MP twin out, not a second face).
    region = "1 face region renamed" if written_before else "1 face region added"
    assert out.rstrip().endswith(region), out
    sidecar = photo.parent / "portrait.jpg.xmp"
    assert _pet_regions(sidecar) == [("Max", "Pet")]
    # MP regions name people: none names Max (the one written for the person Max went).
    mp = _regions(sidecar, "RegionInfoMP").get("Regions", [])
    assert [r for r in mp if r.get("PersonDisplayName") == "Max"] == [], mp
    # Read back, the next scan's way: still one mark.
    faces = _shown(capsys, photo)["faces"]
    assert _over_santa(faces, santa) == [("Max", "pet", True)], faces


def test_a_files_pet_region_over_a_found_face_is_one_mark(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # digiKam's Pet region over the face the detector finds (a person tagged as a pet).
    photo = _portrait(tmp_path / "pics", engine, face_finder, [{**_ANNA, "Type": "Pet"}])
    faces = _shown(capsys, photo)["faces"]
    pets = [f for f in faces if f["kind"] == "pet"]
    assert len(pets) == 1, faces
    assert _over_santa(faces, pets[0]) == [("Anna", "pet", True)], faces
    code, out, _ = run(capsys, "tags", str(photo))
    assert code == 0 and "(no name)" not in out, out


def test_a_pet_named_over_a_files_unnamed_face_is_written_as_that_region(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # digiKam's "Unknown" face over Santa's: named Max here, Max a pet's name since.
    photo = _portrait(tmp_path / "pics", engine, face_finder, [{**_ANNA, "Name": ""}])
    santa = _santa_as_pet(capsys, photo, written_before=False)
    faces = _shown(capsys, photo)["faces"]
    assert _over_santa(faces, santa) == [("Max", "pet", True)], faces
    _write(capsys, photo, "--sidecar")
    # The file's region is the pet's now: no unnamed Face region left beside a Pet one.
    regions = _regions(photo.parent / "portrait.jpg.xmp")["RegionList"]
    assert [(r.get("Name"), r["Type"]) for r in regions] == [("Max", "Pet")], regions


def test_the_viewer_draws_a_face_named_as_a_pet_once(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], qtbot: QtBot, tmp_path: Path
) -> None:
    photo = _portrait(tmp_path / "pics", engine, face_finder)
    _santa_as_pet(capsys, photo, written_before=False)
    viewer = viewer_with_faces(qtbot, tmp_path, photo.name)
    # Max (Santa's face), Bea and Rex the files name: three boxes, each named, no fourth.
    assert len(viewer.canvas.boxes) == 3
    assert sorted(band.data(0) for band in viewer.canvas.names) == ["Bea", "Max", "Rex"]


def test_the_details_panel_names_a_face_written_before_it_was_a_pets_once(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], qtbot: QtBot, tmp_path: Path
) -> None:
    # Max written as a person's Face region, then 'People (keywords)/Max' renamed 'Pets/Max':
    # the panel drew Max twice over Santa's face (the pet named here, the file's Face region).
    photo = _portrait(tmp_path / "pics", engine, face_finder)
    _santa_as_pet(capsys, photo, written_before=True)
    window = open_window(qtbot, engine, tmp_path)
    settle(qtbot, window)
    click_photo(qtbot, window, photo.name)
    qtbot.waitUntil(lambda: bool(window.details.named_faces), timeout=10_000)
    assert sorted(name for _, name in window.details.named_faces) == ["Bea", "Max", "Rex"]
