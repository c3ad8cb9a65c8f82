"""A face's name did not record whether it was a person's or a pet's: it was guessed on each read
from the photo's tags (a person's tag of that name first) and fell back to a face. A photo with
a person and a dog both called Max: Santa's face named Max here (People (keywords)/Max), the
file's Pet region Rex renamed Max here (Pets/Max): the dog's name was taken for a person's, so
`tags` listed it a face and the keyword write named no Pet region Max (it put a Face region Max
at the dog instead, and kept Rex). The kind is stored with the name now (migration 26, old rows
filled by the old guess) and used. A real det-photo stored on its side with a Pet region, real
scan, model and face detector, exiftool reading the write."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store import migrations
from tests.cli_helpers import run
from tests.store_helpers import todays_file_records
from tests.test_face_regions_write import _portrait, _regions, _santa, _shown, _write

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool reads regions")


def _rex(capsys: pytest.CaptureFixture[str], photo: Path) -> str:
    faces = _shown(capsys, photo)["faces"]
    return str(next(i for i, f in enumerate(faces, 1) if f["kind"] == "pet"))


def test_a_dog_and_a_person_both_named_max(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    photo = _portrait(tmp_path / "pics", engine, face_finder)
    assert run(capsys, "face", str(photo), _santa(capsys, photo), "Max")[0] == 0
    assert run(capsys, "face", str(photo), _rex(capsys, photo), "Max")[0] == 0
    shown = _shown(capsys, photo)
    assert sorted((f["name"], f["kind"]) for f in shown["faces"] if f["name"]) == [
        ("Bea", "face"),
        ("Max", "face"),
        ("Max", "pet"),
    ]
    tags = {t["name"] for t in shown["tags"]}
    assert {"People (keywords)/Max", "Pets/Max"} <= tags
    out = _write(capsys, photo, "--embed")
    assert "1 face region added, 1 renamed" in out, out
    listed = _regions(photo)["RegionList"]
    assert sorted((r["Type"], r["Name"]) for r in listed) == [
        ("Face", "Bea"),
        ("Face", "Max"),
        ("Focus", "AF point"),
        ("Pet", "Max"),
    ]
    pet = next(r for r in listed if r["Type"] == "Pet")
    assert (pet["Area"]["X"], pet["Area"]["Y"]) == (0.8, 0.85)  # Rex's place
    assert "face region" not in _write(capsys, photo, "--embed")  # a second write: nothing


def test_old_names_get_the_kind_the_app_guessed(
    engine: Any,
    face_finder: Any,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A library of v25: the dog named Max and then taken off (a row with no name after it),
    Santa named Carl. Upgraded, the rows are a pet's, a pet's and a person's: the Pet region
    Rex is drawn taken off and leaves the file at the next write; Carl is added as a face."""
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:25])
        # Today's scan reads the files into the columns v25 lacks (a title: v27) meanwhile.
        with open_library(default_home()) as old, todays_file_records(old.db):
            photo = _portrait(tmp_path / "pics", engine, face_finder)
            faces = _shown(capsys, photo)["faces"]
            rex = next(f["box"] for f in faces if f["kind"] == "pet")
            santa = next(f["box"] for f in faces if f["found_by_detector"])
            added = run(capsys, "label", "--add", "Pets/Max", "--add", "People/Carl", str(photo))
            assert added[0] == 0
        with open_library(default_home()) as lib:
            assert migrations.user_version(lib.db) == 25
            pid = lib.db.execute("SELECT id FROM photos").fetchone()[0]
            for box, name in ((rex, "Max"), (santa, "Carl"), (rex, "")):
                lib.db.execute(
                    "INSERT INTO face_names (photo_id, name, box) VALUES (?, ?, ?)",
                    [pid, name, json.dumps(box)],
                )
            lib.db.conn.commit()
    with open_library(default_home()) as lib:
        assert migrations.user_version(lib.db) == migrations.LATEST_VERSION
        rows = lib.db.execute("SELECT name, kind FROM face_names ORDER BY id").fetchall()
    assert rows == [("Max", "pet"), ("Carl", "face"), ("", "pet")]
    shown = _shown(capsys, photo)
    assert sorted((f["kind"], f["name"], f["taken_off"]) for f in shown["faces"]) == [
        ("face", "Bea", None),
        ("face", "Carl", None),
        ("pet", None, "Rex"),
    ]
    out = _write(capsys, photo, "--embed")
    assert "1 face region added" in out and "1 taken out" in out, out
    listed = _regions(photo)["RegionList"]
    assert sorted((r["Type"], r["Name"]) for r in listed) == [
        ("Face", "Bea"),
        ("Face", "Carl"),
        ("Focus", "AF point"),
    ]
