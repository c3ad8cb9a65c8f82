"""walk_photos reports what it cannot use, keeps going, and always terminates."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from phototagger.core import errors
from phototagger.core.walk import FoundFile, WalkProblem, walk_photos
from tests.photo_factory import non_utf8_name


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    return path


def split(results: list[FoundFile | WalkProblem]) -> tuple[list[str], dict[str, str]]:
    found = [r.path for r in results if isinstance(r, FoundFile)]
    problems = {r.path: r.error.code for r in results if isinstance(r, WalkProblem)}
    return found, problems


def test_missing_root_is_reported_and_other_roots_still_walked(tmp_path: Path) -> None:
    photo = touch(tmp_path / "ok" / "p.jpg")
    found, problems = split(list(walk_photos([tmp_path / "unplugged", tmp_path / "ok"])))
    assert found == [str(photo)]
    assert problems == {str(tmp_path / "unplugged"): errors.MISSING_FOLDER}


def test_root_that_is_not_a_photo_or_folder(tmp_path: Path) -> None:
    notes = touch(tmp_path / "notes.txt")
    ((result),) = list(walk_photos([notes]))
    assert isinstance(result, WalkProblem) and result.error.code == errors.UNSUPPORTED
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    ((result),) = list(walk_photos([fifo]))
    assert isinstance(result, WalkProblem) and result.error.code == errors.MISSING_FOLDER


def test_symlink_loop_terminates(tmp_path: Path) -> None:
    photo = touch(tmp_path / "a" / "p.jpg")
    (tmp_path / "a" / "back-to-top").symlink_to(tmp_path)
    (tmp_path / "a" / "self").symlink_to(tmp_path / "a")
    found, problems = split(list(walk_photos([tmp_path])))
    assert found == [str(photo)]
    assert problems == {}


def test_link_pointing_at_itself_is_reported(tmp_path: Path) -> None:
    (tmp_path / "loop.jpg").symlink_to(tmp_path / "loop.jpg")
    _, problems = split(list(walk_photos([tmp_path])))
    assert problems == {str(tmp_path / "loop.jpg"): errors.UNREADABLE}


def test_broken_symlinks_are_reported_and_the_walk_goes_on(tmp_path: Path) -> None:
    photo = touch(tmp_path / "z.jpg")
    (tmp_path / "gone.jpg").symlink_to(tmp_path / "deleted.jpg")
    (tmp_path / "Trip").symlink_to("/media/unplugged-drive/Trip")
    results = list(walk_photos([tmp_path]))
    found, problems = split(results)
    assert found == [str(photo)]
    assert problems == {
        str(tmp_path / "gone.jpg"): errors.UNREADABLE,
        str(tmp_path / "Trip"): errors.UNREADABLE,
    }
    trip = next(r for r in results if isinstance(r, WalkProblem) and r.path.endswith("Trip"))
    assert "/media/unplugged-drive/Trip" in trip.error.message


def test_non_utf8_file_name_is_reported_never_found(tmp_path: Path) -> None:
    bad = non_utf8_name(tmp_path)
    good = touch(tmp_path / "fine.jpg")
    results = list(walk_photos([tmp_path]))
    found, problems = split(results)
    assert found == [str(good)]
    printable = str(tmp_path / "caf\\xe9.jpg")
    assert problems == {printable: errors.BAD_NAME}
    problem = next(r for r in results if isinstance(r, WalkProblem))
    assert "rename the file" in problem.error.message
    printable.encode("utf-8")  # the reported path itself is storable text
    assert os.path.exists(bad)


def test_photos_inside_a_non_utf8_folder_name_the_folder(tmp_path: Path) -> None:
    non_utf8_name(tmp_path / "x", b"ok.jpg")
    os.rename(os.fsencode(tmp_path / "x"), os.fsencode(tmp_path) + b"/Fr\xf6hlich")
    results = list(walk_photos([tmp_path]))
    assert [type(r) for r in results] == [WalkProblem]
    problem = results[0]
    assert isinstance(problem, WalkProblem)
    assert problem.path == str(tmp_path / "Fr\\xf6hlich" / "ok.jpg")
    assert problem.error.code == errors.BAD_NAME
    assert "rename that folder" in problem.error.message


def test_pipe_named_like_a_photo_is_reported_not_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "stuck.jpg")
    _, problems = split(list(walk_photos([tmp_path])))
    assert problems == {str(tmp_path / "stuck.jpg"): errors.UNREADABLE}


def test_unreadable_folder_is_reported_and_the_walk_goes_on(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    touch(locked / "secret.jpg")
    photo = touch(tmp_path / "open" / "p.jpg")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running with privileges that list a chmod 000 folder (root)")
        found, problems = split(list(walk_photos([tmp_path])))
    finally:
        locked.chmod(0o755)
    assert found == [str(photo)]
    assert problems == {str(locked): errors.UNREADABLE}
