"""A keyword write first clears its folder of the hidden copies earlier writes, killed before
their rename, left behind. One it could not remove stayed unsaid until the next scan: the write
went on without a word. The write now says so itself, once, as a scan does: on the command
line's stderr, in the app's status line, and listed in File ▸ Problems; once removed, the next
write takes it off the list.

A write that failed and could not remove its own, fresh copy left it for a scan to find once it
was an hour old, and to tell as news then. The write lists it and says it itself, as above."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.errors import LEFT_COPY
from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.core.metadata.job import PROBLEM_CODE
from phototagger.core.metadata.read import read_metadata
from phototagger.core.metadata.settings import load_settings, save_settings
from phototagger.paths import default_home
from phototagger.store.photos import add_folder, update_photo
from phototagger.store.problems import list_problems
from tests.cli_helpers import run
from tests.gui_helpers import open_window, write_keywords
from tests.scan_helpers import walk_only
from tests.store_helpers import add_photo

SOURCE = sorted(Path("/work/shared/data/det-photos").glob("*.jpg"))[0]


def _tagged_photo(folder: Path) -> Path:
    """A JPEG in a library, the user's tag 'harbour' on it, keywords to be written into it."""
    folder.mkdir()
    photo = Path(shutil.copy(SOURCE, folder / "IMG_7.jpg"))
    photo.chmod(0o644)
    with open_library(default_home()) as library:
        add_folder(library.db, str(folder))
        st = photo.stat()
        pid = add_photo(library.db, str(photo), size=st.st_size, mtime=st.st_mtime)
        update_photo(library.db, pid, model_version="v1")
        label_paths(library.db, [str(photo)], add=["harbour"])
        settings = load_settings(library.db)
        save_settings(library.db, replace(settings, enabled=True, asked=True, target="embed"))
    return photo


def _left_behind(photo: Path) -> Path:
    """Something a write cannot remove, named as a write names its copy, two hours old: a
    folder, not empty (its removal fails for root too)."""
    odd = photo.parent / f".{photo.name}.abcdefgh.phototagger-tmp"
    odd.mkdir()
    (odd / "notes.txt").write_text("mine")
    then = time.time() - 7200
    os.utime(odd, (then, then))
    return odd


def _listed() -> list[tuple[str, str]]:
    with open_library(default_home()) as library:
        return [(problem.path, problem.code) for problem in list_problems(library.db)]


def test_the_command_line_write_says_it_once_and_problems_lists_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = _tagged_photo(tmp_path / "pics")
    odd = _left_behind(photo)
    code, out, err = run(capsys, "metadata", "write", "--quiet")
    assert code == 0  # the write went on: not a photo that could not be written
    assert out.startswith("1 photo: written into 1 photo")
    assert "harbour" in read_metadata(photo).keywords
    assert err == (
        f"phototagger: {odd}: a folder named like the copy phototagger makes of IMG_7.jpg while "
        "writing its keywords; phototagger did not make it and leaves it alone (the dot at the "
        "start of its name hides it, and scans do not look inside). Look inside, then delete "
        "it or rename it\n"
    )
    assert _listed() == [(str(odd), LEFT_COPY)]

    assert run(capsys, "label", str(photo), "--add", "boats")[0] == 0
    code, _out, err = run(capsys, "metadata", "write", "--quiet")
    assert code == 0 and str(odd) not in err  # told once: listed already

    shutil.rmtree(odd)  # the user deleted it: the next write takes it off the list
    assert run(capsys, "label", str(photo), "--add", "pier")[0] == 0
    code, _out, err = run(capsys, "metadata", "write", "--quiet")
    assert code == 0 and err == "" and _listed() == []


def test_the_app_says_it_in_the_status_line(qtbot: QtBot, tmp_path: Path) -> None:
    photo = _tagged_photo(tmp_path / "pics")
    odd = _left_behind(photo)
    window = open_window(qtbot, None, tmp_path)
    window.grid.selectAll()
    assert write_keywords(qtbot, window) == (
        "Keywords written into 1 photo, 0 already up to date. A copy phototagger left behind "
        f"could not be removed: {odd} (see File ▸ Problems)"
    )
    assert _listed() == [(str(odd), LEFT_COPY)]
    dialog = window.open_problems()
    assert dialog is not None and dialog.listed_paths() == [str(odd)]
    dialog.close()


@contextmanager
def _append_only(folder: Path) -> Iterator[None]:
    """`folder` append-only (chattr +a): a file can be made in it, none renamed or removed,
    for root too. A write makes its copy there, then fails to rename it over the photo and to
    remove it (skipped where the system does not let this user set the flag)."""
    made = subprocess.run(["chattr", "+a", str(folder)], capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip(f"chattr +a is not allowed here: {made.stderr.decode().strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-a", str(folder)], check=True)


def _own_copy(photo: Path) -> Path:
    [copy] = photo.parent.glob(f".{photo.name}.*.phototagger-tmp")
    return copy


OWN_COPY_WORDS = (
    "a copy of IMG_7.jpg that phototagger made while writing its keywords and left behind when "
    "the write was stopped or failed; it could not be removed (no permission). It is safe to "
    "delete: IMG_7.jpg itself is whole"
)


def test_a_failed_write_lists_its_own_copy_and_says_it_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = _tagged_photo(tmp_path / "pics")
    whole = photo.read_bytes()
    with _append_only(photo.parent):
        code, _out, err = run(capsys, "metadata", "write", "--quiet")
        copy = _own_copy(photo)
        assert code == 1 and photo.read_bytes() == whole  # not written: the photo as it was
        assert f"phototagger: {copy}: {OWN_COPY_WORDS}\n" in err
        assert sorted(_listed()) == [(str(copy), LEFT_COPY), (str(photo), PROBLEM_CODE)]

        # An hour later a scan finds the copy it cannot remove: listed already, not news.
        then = time.time() - 7200
        os.utime(copy, (then, then))
        assert walk_only(photo.parent).left_copies == {}
        assert (str(copy), LEFT_COPY) in _listed()
        # A scan at once, too: the copy is no live write's, it is tried now (not in an hour).
        assert walk_only(photo.parent).left_copies == {}
        assert (str(copy), LEFT_COPY) in _listed()

    # The folder as it was: the next scan removes the copy and takes it off the list.
    assert walk_only(photo.parent).left_copies == {}
    assert not copy.exists() and (str(copy), LEFT_COPY) not in _listed()


def test_the_app_says_a_failed_writes_own_copy(qtbot: QtBot, tmp_path: Path) -> None:
    photo = _tagged_photo(tmp_path / "pics")
    window = open_window(qtbot, None, tmp_path)
    window.grid.selectAll()
    with _append_only(photo.parent):
        said = write_keywords(qtbot, window)
        copy = _own_copy(photo)
        assert said.endswith(
            f"A copy phototagger left behind could not be removed: {copy} (see File ▸ Problems)"
        ), said
        dialog = window.open_problems()
        assert dialog is not None
        assert sorted(dialog.listed_paths()) == sorted([str(photo), str(copy)])
        row = dialog.table.item(dialog.row_of(str(copy)), 1)
        assert row is not None and row.text() == OWN_COPY_WORDS
        dialog.close()
