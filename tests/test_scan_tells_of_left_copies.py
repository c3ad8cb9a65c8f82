"""A keyword write goes through a hidden copy of the photo beside it, and a scan removes the copy
a writer killed before its rename left behind. One that could not be removed (a read-only
folder, another user's file, a folder of that name) stayed silently: a hidden full-size
duplicate the user never heard of. It is now listed in Problems, once, with its path and what to
do; the scan goes on, and a later scan that can remove it takes it off the list."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from phototagger.core.errors import LEFT_COPY
from phototagger.core.try_again import try_again
from phototagger.store.problems import list_problems
from phototagger.store.records import Problem
from tests.cli_helpers import run
from tests.scan_helpers import never_load, new_library, two_photos, walk_only

TWO_HOURS = 2 * 3600.0  # older than durable.ABANDONED_S: no live write's copy


@pytest.fixture
def pics(tmp_path: Path) -> Path:
    return two_photos(tmp_path / "pics")


def _aged(path: Path) -> Path:
    then = time.time() - TWO_HOURS
    os.utime(path, (then, then))
    return path


def _left_copy(photo: Path) -> Path:
    """The copy a keyword write of `photo` killed before its rename left, named as the write
    names it (tempfile.mkstemp's eight characters between), two hours old."""
    copy = photo.parent / f".{photo.name}.k3j9x_0a.phototagger-tmp"
    shutil.copyfile(photo, copy)
    return _aged(copy)


def _aged_folder(path: Path) -> Path:
    """A folder at `path`, not empty, two hours old: a removal fails for root too."""
    path.mkdir()
    (path / "notes.txt").write_text("mine")
    return _aged(path)


def _listed() -> list[Problem]:
    with new_library() as lib:
        return list_problems(lib.db)


def _bites(folder: Path) -> bool:
    """Whether a file cannot be made in `folder` now (root ignores a folder's mode)."""
    probe = folder / "probe"
    try:
        probe.touch()
    except OSError:
        return True
    probe.unlink()
    return False


@contextmanager
def _unwritable(folder: Path) -> Iterator[None]:
    """`folder` read-only: by its mode, or for root (whom the mode does not stop) immutable
    (chattr +i, which stops root too); the test is skipped where neither stops a removal."""
    mode = folder.stat().st_mode
    folder.chmod(0o555)
    immutable = False
    try:
        if not _bites(folder) and shutil.which("chattr"):
            made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False)
            immutable = made.returncode == 0
        if not _bites(folder):
            pytest.skip("nothing here makes a folder read-only for this user")
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(mode)


def test_a_copy_in_a_read_only_folder_is_listed_once_with_what_to_do(pics: Path) -> None:
    photo = sorted(pics.glob("*.jpg"))[0]
    copy = _left_copy(photo)
    with _unwritable(pics):
        first = walk_only(pics)
        again = walk_only(pics)
        assert copy.exists()
    words = (
        f"a copy of {photo.name} that phototagger made while writing its keywords and left "
        "behind when the write was stopped or failed; it could not be removed (no permission). "
        f"It is safe to delete: {photo.name} itself is whole"
    )
    assert first.found == 2 and first.problems == 0  # the scan went on: both photos found
    assert first.left_copies == {str(copy): words}
    assert again.left_copies == {}  # told once: the second scan finds it listed already
    [listed] = _listed()
    assert (listed.path, listed.code, listed.message, listed.count) == (
        str(copy),
        LEFT_COPY,
        words,
        2,
    )

    # Writable again: the next scan removes it and takes it off the list.
    assert walk_only(pics).left_copies == {}
    assert not copy.exists() and _listed() == []
    assert sorted(p.name for p in pics.iterdir()) == sorted(p.name for p in pics.glob("*.jpg"))


def test_a_folder_named_like_a_copy_is_listed_and_left_alone(pics: Path) -> None:
    """A folder phototagger did not make, though named as its copies are: not removed, not
    looked into, said once (this one bites as root too)."""
    photo = sorted(pics.glob("*.jpg"))[0]
    odd = _aged_folder(pics / f".{photo.name}.abcdefgh.phototagger-tmp")
    first = walk_only(pics)
    assert first.found == 2 and first.problems == 0
    [(path, words)] = first.left_copies.items()
    assert path == str(odd)
    assert words == (
        f"a folder named like the copy phototagger makes of {photo.name} while writing its "
        "keywords; phototagger did not make it and leaves it alone (the dot at the start of "
        "its name hides it, and scans do not look inside). Look inside, then delete it or "
        "rename it"
    )
    assert walk_only(pics).left_copies == {}
    assert [(p.path, p.code) for p in _listed()] == [(str(odd), LEFT_COPY)]
    assert (odd / "notes.txt").read_text() == "mine"

    # Problems ▸ Try Again on it: still there, said so; never walked into as a folder.
    with new_library() as lib:
        tried = try_again(lib, [str(odd)], never_load, None)
        photos = [str(r[0]) for r in lib.db.execute("SELECT path FROM photos ORDER BY path")]
    assert tried.summary() == (f"{odd.name} still could not be removed: {words} (File ▸ Problems)")
    assert photos == [str(p) for p in sorted(pics.glob("*.jpg"))]

    shutil.rmtree(odd)  # the user deleted it
    with new_library() as lib:
        tried = try_again(lib, [str(odd)], never_load, None)
    assert tried.summary() == f"{odd.name} is no longer there"
    assert _listed() == []


def test_the_command_line_says_it_once_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "scans"
    folder.mkdir()
    odd = _aged_folder(folder / ".IMG_7.jpg.abcdefgh.phototagger-tmp")
    code, _out, err = run(capsys, "scan", str(folder), "--quiet")
    assert code == 0
    assert f"phototagger: {odd}: a folder named like the copy phototagger makes of IMG_7.jpg" in err
    code, _out, err = run(capsys, "scan", str(folder), "--quiet")
    assert code == 0 and str(odd) not in err
    code, out, _err = run(capsys, "problems")
    assert str(odd) in out and "Look inside, then delete it or rename it" in out
