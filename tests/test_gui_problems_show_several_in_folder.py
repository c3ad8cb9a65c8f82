"""File ▸ Problems' Show in Folder, with several files selected, showed only the first of them.
It now shows them all: one file manager window per folder, that folder's files selected in it
(ShowItems takes a list; `open -R` and `explorer /select,` select the first), at most 10
folders, the rest said under the list.

The bus is a real one (dbus-daemon, private to the test) and the file manager on it a real
D-Bus service (tests/file_manager_bus.py); the macOS program is a real program of that name the
test puts on PATH, which writes down each start's arguments."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.gui.problems_dialog import ProblemsDialog
from tests.file_manager_bus import FileManager
from tests.problems_helpers import not_photos, problems_dialog

MOST_FOLDERS = 10  # shown at once; more are said


def _dialog(qtbot: QtBot, address: str | None) -> tuple[ProblemsDialog, list[str]]:
    """Problems with every file selected (tests/problems_helpers.py)."""
    dialog, opened = problems_dialog(qtbot, address)
    dialog.table.selectAll()
    return dialog, opened


def test_every_selected_file_is_shown_one_window_a_folder(
    qtbot: QtBot, tmp_path: Path, bus_address: str, file_manager: FileManager
) -> None:
    files = not_photos(
        tmp_path, {"card A": ["a1.jpg", "a2.jpg"], "card B": ["b1.jpg"], "trip": ["t1.jpg"]}
    )
    dialog, opened = _dialog(qtbot, bus_address)
    assert dialog.selected_paths() == [str(path) for path in files]
    qtbot.mouseClick(dialog.show_in_folder, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(file_manager.shown) == 3)
    qtbot.wait(200)
    uri = f"file://{tmp_path}"
    assert file_manager.shown == [
        [f"{uri}/card%20A/a1.jpg", f"{uri}/card%20A/a2.jpg"],
        [f"{uri}/card%20B/b1.jpg"],
        [f"{uri}/trip/t1.jpg"],
    ]
    assert opened == [] and not dialog.outcome.isVisible()

    # One of them gone since: its folder opens; the others are still selected in theirs.
    files[0].unlink()
    files[1].unlink()
    file_manager.shown.clear()
    qtbot.mouseClick(dialog.show_in_folder, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(file_manager.shown) == 2)
    assert opened == [str(tmp_path / "card A")]
    assert file_manager.shown == [[f"{uri}/card%20B/b1.jpg"], [f"{uri}/trip/t1.jpg"]]


def test_at_most_ten_folders_at_once_the_rest_said(
    qtbot: QtBot, tmp_path: Path, bus_address: str, file_manager: FileManager
) -> None:
    layout = {f"day {i:02}": ["x.jpg"] for i in range(MOST_FOLDERS + 2)}
    layout[f"day {MOST_FOLDERS + 1:02}"].append("y.jpg")
    not_photos(tmp_path, layout)
    dialog, opened = _dialog(qtbot, bus_address)
    qtbot.mouseClick(dialog.show_in_folder, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(file_manager.shown) == MOST_FOLDERS)
    qtbot.wait(300)
    assert len(file_manager.shown) == MOST_FOLDERS
    assert [uris[0].split("/")[-2] for uris in file_manager.shown] == [
        f"day%20{i:02}" for i in range(MOST_FOLDERS)
    ]
    assert dialog.outcome.isVisible()
    assert dialog.outcome.toPlainText() == (
        "Opened the first 10 folders of 12: 3 files selected in 2 other folders not shown. "
        "Select fewer to see them"
    )
    assert opened == []


def _appending_program(bin_dir: Path, name: str) -> Path:
    """A program called `name` that adds its arguments to a file, one a line, each start's
    after a line '--': in one write, so two started side by side never interleave their lines
    (two writes each gave '--', '--', then both starts' lines, in one fresh-clone run)."""
    bin_dir.mkdir()
    program = bin_dir / name
    said = bin_dir / f"{name}.args"
    program.write_text(
        f'#!/bin/sh\nstart=$(echo --; printf "%s\\n" "$@")\nprintf "%s\\n" "$start" >> "{said}"\n'
    )
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return said


def test_macos_reveals_each_folders_first_file(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = not_photos(tmp_path / "pics", {"card A": ["a1.jpg", "a2.jpg"], "b": ["b1.jpg"]})
    said = _appending_program(tmp_path / "bin", "open")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    dialog, opened = _dialog(qtbot, None)
    dialog.shower.platform = "darwin"
    qtbot.mouseClick(dialog.show_in_folder, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: said.exists() and said.read_text().count("--") == 2)
    qtbot.wait(200)
    # Started side by side, they may write in either order.
    starts = said.read_text(encoding="utf-8").split("--\n")[1:]
    assert sorted(starts) == sorted([f"-R\n{files[0]}\n", f"-R\n{files[2]}\n"])
    assert opened == []
