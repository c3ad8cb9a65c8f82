"""walk_photos reports what it cannot use, keeps going, and always terminates."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from phototagger.core import errors
from phototagger.core.names import os_path, readable
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


def test_non_utf8_file_name_is_found_and_stored_losslessly(tmp_path: Path) -> None:
    bad = non_utf8_name(tmp_path)
    good = touch(tmp_path / "fine.jpg")
    results = list(walk_photos([tmp_path]))
    found, problems = split(results)
    assert problems == {}
    [stored] = [path for path in found if path != str(good)]
    stored.encode("utf-8")  # storable text: SQLite, JSON and Qt accept it
    assert os_path(stored) == str(bad)  # and it gives back the exact bytes of the name
    assert os.fsencode(os_path(stored)).endswith(b"caf\xe9.jpg")
    assert readable(stored).endswith("caf\u00e9.jpg")


def test_photos_inside_a_non_utf8_folder_are_found(tmp_path: Path) -> None:
    non_utf8_name(tmp_path / "x", b"ok.jpg")
    os.rename(os.fsencode(tmp_path / "x"), os.fsencode(tmp_path) + b"/Fr\xf6hlich")
    [found] = list(walk_photos([tmp_path]))
    assert isinstance(found, FoundFile)
    assert os.path.exists(os_path(found.path))
    assert readable(found.path) == str(tmp_path / "Fr\u00f6hlich" / "ok.jpg")


def test_a_real_name_using_the_escape_code_points_is_refused(tmp_path: Path) -> None:
    touch(tmp_path / "odd\U0010ffe9.jpg")
    [problem] = list(walk_photos([tmp_path]))
    assert isinstance(problem, WalkProblem)
    assert problem.error.code == errors.BAD_NAME


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
