"""A scan's summary said "4 files found ... 3 tagged ... finished with 4 problems" for a folder
of 3 photos, a text file named notes.jpg, a pipe (fifo.jpg) and two links that lead round in a
loop: the pipe and the links are problems the walk found, but no files, not among the 4 found,
so the numbers did not add up (polish33). The CLI and the app's status line now say how many of
the problems are not among the files found."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from phototagger.core.library import open_library
from phototagger.core.scan import scan
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.gui_helpers import open_window
from tests.photo_factory import real_photo, text_as_jpg

SEE = " (see: phototagger problems)"


def _folder(root: Path) -> Path:
    for name in ("coffee", "chelsea", "rocket"):
        real_photo(root / f"{name}.jpg", name)
    text_as_jpg(root / "notes.jpg")
    os.mkfifo(root / "fifo.jpg")
    (root / "loop1.jpg").symlink_to("loop2.jpg")
    (root / "loop2.jpg").symlink_to("loop1.jpg")
    return root


def test_the_cli_says_which_problems_are_not_among_the_files_found(
    scans_with_engine: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pics = _folder(tmp_path / "pics")

    code, out, err = run(capsys, "scan", "--quiet", str(pics))

    assert code == 1
    assert out.splitlines()[0].startswith("4 files found: 4 new,")
    assert out.splitlines()[1].startswith("3 tagged in ")
    assert err.splitlines()[-1] == (
        "finished with 4 problems, 3 of them not among the files found" + SEE
    )
    code, out, err = run(capsys, "scan", "--quiet", str(pics))
    assert err.splitlines()[-1] == (
        "finished with 4 problems, none of them new, 3 not among the files found" + SEE
    )
    code, out, _ = run(capsys, "scan", "--json", str(pics))
    summary = json.loads(out)
    assert (summary["found"], summary["problems"], summary["not_found"]) == (4, 4, 3)

    # A folder whose one problem is the pipe: said of one.
    lone = tmp_path / "lone"
    lone.mkdir()
    os.mkfifo(lone / "fifo.jpg")
    code, _, err = run(capsys, "scan", "--quiet", str(lone))
    assert err.splitlines()[-1] == "finished with 1 problem, not among the files found" + SEE


def test_the_app_says_it_too(engine: object, qtbot, tmp_path: Path) -> None:
    pics = _folder(tmp_path / "pics")
    with open_library(default_home()) as library:
        summary = scan(library, [str(pics)], lambda: engine, people=False)  # type: ignore[arg-type, return-value]
    window = open_window(qtbot, None, tmp_path)

    window.job_control._scan_done(summary)  # noqa: SLF001

    assert window.status.currentMessage() == (
        "Scan finished: 4 files found, 4 new, 3 tagged, 4 could not be read, 3 of them not "
        "among the files found (File ▸ Problems says why)"
    )
