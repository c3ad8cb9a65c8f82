"""A name the user gave a face (the viewer's N, `phototagger face`) was lost where two photos'
records become one: the person tag went along with the user's other decisions, but the face
showed no name any more (face_names stayed on the row that went). It goes along now: a file
found renamed while the scan ran (the name given on its new row), a RAW sorted away and moved
back beside its JPEG (its row goes into the pair's: tests/test_scan_raw_moved_back.py), a copy
Find Duplicates moves to the trash (onto the kept copy's face at the same place; Undo takes it
off again). Real files, the real model and face detector, a real SQLite library."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from phototagger.core.face_marks import face_marks
from phototagger.core.face_naming import name_face
from phototagger.core.jobs import Progress
from phototagger.core.library import open_library
from phototagger.core.people import PeopleStep
from phototagger.core.scan import scan
from phototagger.core.trash import mark_trashed, restore_trashed
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from tests import photo_factory as pf
from tests.people_photos import BOX, DET, SANTA, name_face_at
from tests.scan_helpers import new_library, run_scan

# Two children with ice lollies: the detector finds both faces, their boxes' left edges at about
# 0.22 and 0.57 (tests/test_face_name_off_one_of_two.py).
GROUP = DET / "n07615774_13837_popsicle.jpg"


def _names(db: Any, path: Path) -> list[tuple[str | None, tuple[float, ...]]]:
    photo = get_photo_by_path(db, str(path))
    assert photo is not None
    return [(m.name, m.box) for m in face_marks(db, photo.id)]


def test_a_face_named_on_a_renamed_file_during_the_scan_keeps_its_name(
    engine: Any, tmp_path: Path
) -> None:
    pics = tmp_path / "P"
    original = pf.real_photo(pics / "a.jpg", "chelsea")
    with new_library() as lib:
        run_scan(lib, [pics], engine)
        renamed = pics / "renamed_a.jpg"
        os.rename(original, renamed)
        for i in range(4):  # new photos sort first: the rename's batch comes after a report
            pf.real_photo(pics / f"new-{i}.jpg", "coffee", quality=70 + i)
        named: list[int] = []

        def name_from_another_process(p: Progress) -> None:
            if p.phase == "tagging" and p.done and not named:
                with open_library(default_home()) as other:
                    row = get_photo_by_path(other.db, str(renamed))
                    assert row is not None
                    name_face_at(other.db, row.id, "Anna")
                    named.append(row.id)

        summary = run_scan(lib, [pics], engine, progress=name_from_another_process, batch_size=2)
        assert summary.moved == 1 and named
        assert _names(lib.db, renamed) == [("Anna", BOX)]


def test_a_copy_trashed_by_find_duplicates_leaves_its_face_name_on_the_kept_copy(
    engine: Any, face_finder: Any, tmp_path: Path
) -> None:
    pics = tmp_path / "pics"
    pics.mkdir()
    kept = Path(shutil.copy(SANTA, pics / SANTA.name))
    going = pics / "santa-web.jpg"
    with Image.open(SANTA) as image:  # the half-size web copy
        image.resize((image.width // 2, image.height // 2)).save(going, quality=85)
    with new_library() as lib:
        scan(lib, [str(pics)], lambda: engine, people=PeopleStep(lambda: face_finder))
        going_row = get_photo_by_path(lib.db, str(going))
        kept_row = get_photo_by_path(lib.db, str(kept))
        assert going_row is not None and kept_row is not None
        name_face(lib.db, going_row.id, 1, "Anna")
        ((_, face),) = _names(lib.db, kept)  # the detector's face, no name yet

        before = mark_trashed(lib.db, [going_row.id], {going_row.id: kept_row.id})
        assert _names(lib.db, kept) == [("Anna", face)]

        restore_trashed(lib.db, before)  # Undo: the copy back, the carried tag and name off
        assert _names(lib.db, kept) == [(None, face)]
        assert _names(lib.db, going) == [("Anna", _names(lib.db, going)[0][1])]


def _even(path: Path) -> Path:
    """GROUP with its right-hand child moved up level with the other and cut to centre them:
    their faces sit evenly about the middle, each where the other is mirrored."""
    with Image.open(GROUP) as image:
        w, h = image.size
        moved = image.copy()
        right = image.crop((int(0.44 * w), 0, w, h))
        moved.paste(right, (int(0.44 * w), -int(0.093 * h)))
        moved.crop((0, 0, int(0.874 * w), h)).save(path, quality=95)
    return path


@pytest.mark.parametrize("placed", ["apart", "evenly"])
def test_a_mirrored_copy_trashed_leaves_its_face_name_on_the_same_person(
    engine: Any, face_finder: Any, tmp_path: Path, placed: str
) -> None:
    """A mirrored copy of a two-person photo has its people swapped left and right: a face named
    on it went onto whichever face of the kept copy sat at the same place: none where the two
    children sit apart, the other child where they sit evenly. Where the kept copy's faces fit
    the going copy's mirrored better, the name goes onto the face at the mirrored place."""
    pics = tmp_path / "pics"
    pics.mkdir()
    kept = pics / GROUP.name
    if placed == "apart":
        shutil.copy(GROUP, kept)
    else:
        _even(kept)
    going = pics / "popsicle-mirrored.jpg"
    with Image.open(kept) as image:
        image.transpose(Image.Transpose.FLIP_LEFT_RIGHT).save(going, quality=95)
    with new_library() as lib:
        scan(lib, [str(pics)], lambda: engine, people=PeopleStep(lambda: face_finder))
        going_row = get_photo_by_path(lib.db, str(going))
        kept_row = get_photo_by_path(lib.db, str(kept))
        assert going_row is not None and kept_row is not None
        # The child on the right of the kept copy is on the left of the mirrored one.
        faces = [box for _, box in _names(lib.db, going)]
        assert len(faces) == 2
        left = min(faces, key=lambda box: box[0])
        name_face(lib.db, going_row.id, faces.index(left) + 1, "Anna")
        assert ("Anna", left) in _names(lib.db, going)

        mark_trashed(lib.db, [going_row.id], {going_row.id: kept_row.id})
        named = sorted((box[0], name) for name, box in _names(lib.db, kept))
        # Apart: only the mirrored place has a face, the child named. Evenly: both places have
        # one and the faces alone do not tell a mirrored copy, so the name stays off (the
        # person tag is carried) rather than go onto the other child, the one at the same place.
        assert [name for _, name in named] == (
            [None, "Anna"] if placed == "apart" else [None, None]
        )
