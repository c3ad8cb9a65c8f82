"""Every kind of bad input is recorded with a clear reason, and the scan goes on."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from phototagger.core import errors
from phototagger.core.catalog import search_photos
from phototagger.core.names import is_escaped, os_path
from phototagger.paths import LibraryHome
from phototagger.store.photos import all_photos, get_photo_by_path
from phototagger.store.problems import list_problems
from tests import photo_factory as pf
from tests.scan_helpers import new_library, run_scan

BAD_FILES: list[tuple[str, Callable[[Path], Path], str]] = [
    ("corrupt.jpg", pf.corrupt_jpeg, errors.CORRUPT),
    ("truncated.jpg", pf.truncated_jpeg, errors.TRUNCATED),
    ("truncated.png", pf.truncated_png, errors.TRUNCATED),
    ("empty.jpg", pf.empty_file, errors.EMPTY),
    ("notes.jpg", pf.text_as_jpg, errors.NOT_AN_IMAGE),
    ("bomb.png", pf.bomb_png, errors.TOO_LARGE),
]


@pytest.mark.parametrize(("name", "make", "code"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_is_recorded_and_the_good_one_tagged(
    engine, tmp_path: Path, name: str, make: Callable[[Path], Path], code: str
) -> None:
    pics = tmp_path / "pics"
    bad = make(pics / name)
    good = pf.real_photo(pics / "zz-cat.jpg", "chelsea")  # sorted after the bad one
    with new_library() as lib:
        summary = run_scan(lib, [pics], engine)
        assert (summary.problems, summary.tagged) == (1, 1)
        [problem] = list_problems(lib.db)
        assert (problem.path, problem.code) == (str(bad), code)
        assert len(problem.message) > 20 and "\n" not in problem.message
        assert [p.path for p in search_photos(lib.db, ["cat"])] == [str(good)]
        photo = get_photo_by_path(lib.db, str(bad))
        assert photo is not None and photo.status == "problem"
        # Unchanged, the bad file is not retried, but it is still reported.
        again = run_scan(lib, [pics], engine)
        assert (again.problems, again.tagged) == (1, 0)


def test_a_fixed_file_is_tagged_and_its_problem_cleared(engine, tmp_path: Path) -> None:
    bad = pf.truncated_jpeg(tmp_path / "cat.jpg")
    with new_library() as lib:
        run_scan(lib, [tmp_path], engine)
        pf.real_photo(bad, "chelsea")  # re-copied from the camera
        os.utime(bad, (1_700_000_000, 1_700_000_000))
        summary = run_scan(lib, [tmp_path], engine)
        assert (summary.problems, summary.tagged) == (0, 1)
        assert list_problems(lib.db) == []


def test_a_file_name_that_is_not_utf8_is_tagged(engine, tmp_path: Path) -> None:
    bad = pf.non_utf8_name(tmp_path / "pics")
    pf.real_photo(tmp_path / "pics" / "ok.jpg", "coffee")
    with new_library() as lib:
        summary = run_scan(lib, [tmp_path / "pics"], engine)
        assert (summary.problems, summary.tagged) == (0, 2)
        [stored] = [p for p in all_photos(lib.db) if is_escaped(p.path)]
        assert os_path(stored.path) == str(bad)
        assert stored.status == "tagged"
        # A second scan finds it under the same stored name: nothing new, nothing missing.
        again = run_scan(lib, [tmp_path / "pics"], engine)
        assert (again.new, again.missing, again.unchanged) == (0, 0, 2)


def test_a_folder_that_does_not_exist(engine, tmp_path: Path) -> None:
    pf.real_photo(tmp_path / "real" / "cat.jpg", "chelsea")
    with new_library() as lib:
        summary = run_scan(lib, [tmp_path / "unplugged-drive", tmp_path / "real"], engine)
        assert (summary.problems, summary.tagged) == (1, 1)
        assert list_problems(lib.db)[0].code == errors.MISSING_FOLDER


def test_a_file_deleted_during_the_scan(engine, tmp_path: Path) -> None:
    doomed = pf.real_photo(tmp_path / "a-doomed.jpg", "coffee")
    pf.real_photo(tmp_path / "b-cat.jpg", "chelsea")

    def delete_after_walk(progress) -> None:
        if progress.phase == "looking for photos" and progress.total and doomed.exists():
            doomed.unlink()

    with new_library() as lib:
        summary = run_scan(lib, [tmp_path], engine, progress=delete_after_walk)
        assert (summary.problems, summary.tagged) == (1, 1)
        [problem] = list_problems(lib.db)
        assert problem.code == errors.VANISHED
        photo = get_photo_by_path(lib.db, str(doomed))
        assert photo is not None and photo.status == "missing"


def _scan_as_nobody(pics: Path, home: Path) -> None:
    """Root reads chmod 000 files, so the scan runs in a child that has dropped to 'nobody'."""
    from phototagger.core.imaging import decode_photo
    from phototagger.core.library import open_library
    from phototagger.core.scan import scan

    decode_photo(pf.real_photo(home.parent / "warm.jpg"))  # import every module before the fork
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        code = 1
        try:
            os.setgid(65534)
            os.setuid(65534)
            with open_library(
                replace(LibraryHome.beside(home / "library.db"), thumbnails=home / "thumbs")
            ) as lib:
                scan(lib, [str(pics)], lambda: None)  # type: ignore[arg-type,return-value]
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


def test_an_unreadable_file(tmp_path: Path) -> None:
    base = Path(tempfile.mkdtemp(prefix="pt-unreadable-"))
    try:
        os.chmod(base, 0o777)
        locked = pf.unreadable_file(base / "pics" / "locked.jpg")
        os.chmod(base / "pics", 0o777)
        home = base / "home"
        home.mkdir()
        os.chmod(home, 0o777)
        if os.geteuid() == 0:
            _scan_as_nobody(base / "pics", home)
            from phototagger.core.library import open_library

            lib = open_library(LibraryHome.beside(home / "library.db"))
        else:
            lib = new_library()
            run_scan(lib, [base / "pics"], None)
        with lib:
            [problem] = list_problems(lib.db)
            assert (problem.path, problem.code) == (str(locked), errors.UNREADABLE)
            assert "permission" in problem.message.lower()
    finally:
        shutil.rmtree(base, ignore_errors=True)
