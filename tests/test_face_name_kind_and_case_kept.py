"""Three slips in naming a face (faces39, read again):

- A face whose name is a pet's by a tag rename (Santa named Max, 'People (keywords)/Max' renamed
  'Pets/Max', no Pet region in the file) renamed Carl: `face` said "the photo has 'Pets/Carl'"
  but no face was named Carl. The name kept on the face took its kind from the face as it
  stood after the tag edits, with Pets/Max gone (a person's face): the row a person's, standing
  for a tag the photo does not have. The kind the tag edits used is the name's now (core/
  face_naming.remember_naming, gui/undo.FaceNameCommand).
- The viewer's undo step of naming a face "anna" (no tag changed), undone, redone after
  'People (keywords)/anna' was respelt 'People (keywords)/Anna': the face was named "anna" again
  under the tag Anna (face_naming.name_after kept a name whose tag changed only in case).
- `face PATH 1 Anna` on a face named Anna already was refused (exit 3, "respells it") as a
  rename in case alone is: the very same name changes nothing and succeeds now.

A real det-photo (and one stored on its side with a Pet region), a real scan with the real model
and face detector, the real CLI and the real viewer offscreen."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.face_naming import name_after
from tests.cli_helpers import run
from tests.people_photos import scanned_copy
from tests.test_face_name_off_one_of_two import (
    GROUP,
    _faces,
    _index,
    viewer_on_one_named,
)
from tests.test_face_name_undo_follows_tag_rename import name_undo_rename_redo
from tests.test_face_regions_write import _portrait, _santa, _shown

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool writes regions")


def test_a_face_named_as_a_pet_by_a_tag_rename_keeps_its_new_name(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    photo = _portrait(tmp_path / "pics", engine, face_finder)
    assert run(capsys, "face", str(photo), _santa(capsys, photo), "Max")[0] == 0
    code = run(capsys, "tag", "rename", "People (keywords)/Max", "Pets/Max")[0]
    assert code == 0
    faces = _shown(capsys, photo)["faces"]
    # Santa's name is a pet's now: the face named Max, a pet's, is the one to rename.
    santa = str(next(i for i, f in enumerate(faces, 1) if (f["name"], f["kind"]) == ("Max", "pet")))
    code, out, err = run(capsys, "face", str(photo), santa, "Carl")
    assert (code, out) == (0, f"face {santa} named Carl: the photo has 'Pets/Carl'\n"), err
    shown = _shown(capsys, photo)
    named = sorted((f["name"], f["kind"]) for f in shown["faces"] if f["name"])
    assert ("Carl", "pet") in named and ("Max", "pet") not in named, named
    tags = {t["name"] for t in shown["tags"] if t["state"] != "rejected"}
    assert "Pets/Carl" in tags and "Pets/Max" not in tags, tags


def test_the_very_same_name_again_changes_nothing(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    photo = scanned_copy(GROUP, engine, face_finder, tmp_path / "pics")
    left = _index(capsys, photo, 0.2)
    assert run(capsys, "face", str(photo), left, "Anna")[0] == 0
    before = run(capsys, "tags", "--json", str(photo))[1]
    code, out, err = run(capsys, "face", str(photo), left, "Anna")
    assert (code, out) == (0, f"face {left} named Anna: the photo has 'People (keywords)/Anna'\n")
    assert err == ""
    assert run(capsys, "tags", "--json", str(photo))[1] == before
    # In another case it is still a rename in case alone, refused (the tag is respelt).
    code, _, err = run(capsys, "face", str(photo), left, "ANNA")
    assert code != 0 and "named Anna already" in err, err


def test_a_name_whose_tag_is_respelt_follows_the_new_spelling() -> None:
    tag, respelt = "People (keywords)/anna", "People (keywords)/Anna"
    assert name_after("anna", "face", tag, respelt) == ("Anna", "face")
    assert name_after("anna", "face", "People (keywords)/Bob", "People (keywords)/Rob") == (
        "anna",
        "face",
    )


def test_a_naming_redone_after_its_tag_is_respelt_takes_the_new_spelling(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], qtbot: QtBot, tmp_path: Path
) -> None:
    photo, viewer = viewer_on_one_named(engine, face_finder, capsys, qtbot, tmp_path, (0.6, "anna"))
    name_undo_rename_redo(qtbot, capsys, photo, viewer, "anna", "Anna")
    assert sorted(_faces(capsys, photo), key=lambda f: f[1]) == [("Anna", 0.2), ("Anna", 0.6)]
