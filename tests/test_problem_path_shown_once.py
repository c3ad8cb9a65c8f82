"""A photo whose keywords could not be written was listed under its path with a message that
began with the same path again (`phototagger problems`, File ▸ Problems). The message now says
what is wrong only; problems recorded before are shown the same way. A sidecar's path, another
file, stays in its message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from phototagger.core.library import open_library
from phototagger.gui.problems_dialog import ProblemsDialog
from phototagger.paths import default_home
from phototagger.store.problems import record_problem
from tests.cli_helpers import run
from tests.store_helpers import add_photo

# With the way out (a tester: the message said what went wrong and not what to do).
READ_ONLY = (
    "the file is read-only; its keywords were not written. Make it writable, or write them to "
    "sidecars instead (Settings ▸ Keywords in files, or `metadata write` without --embed)"
)
# The same in the app, which has no --embed (File ▸ Problems).
READ_ONLY_IN_APP = (
    "the file is read-only; its keywords were not written. Make it writable, or write them to "
    "sidecars instead (File ▸ Settings ▸ Keywords in files ▸ Write to: XMP sidecar files)"
)


def _read_only_photo(folder: Path) -> Path:
    folder.mkdir()
    photo = folder / "a.jpg"
    Image.new("RGB", (16, 16)).save(photo)
    with open_library(default_home()) as library:
        add_photo(library.db, str(photo))
    photo.chmod(0o444)
    return photo


def test_a_write_problem_names_its_path_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = _read_only_photo(tmp_path / "pics")
    assert run(capsys, "label", str(photo), "--add", "pets")[0] == 0
    assert run(capsys, "metadata", "write", "--embed", "--quiet", str(photo))[0] == 1
    code, out, _ = run(capsys, "problems")
    assert code == 0 and out.splitlines()[1:] == [f"  {photo}", f"    {READ_ONLY}"]
    code, out, _ = run(capsys, "problems", "--json")
    assert [(p["path"], p["message"]) for p in json.loads(out)] == [(str(photo), READ_ONLY)]


def test_problems_recorded_before_show_the_path_once(tmp_path: Path, qtbot) -> None:
    photo, other = str(tmp_path / "a.jpg"), str(tmp_path / "b.jpg")
    with open_library(default_home()) as library:
        record_problem(library.db, photo, "keywords-write", f"{photo}: {READ_ONLY}")
        sidecar_message = f"{other}.xmp: cannot read its metadata (Failed to read input data)"
        record_problem(library.db, other, "keywords", sidecar_message)
        dialog = ProblemsDialog(library.db)
        qtbot.addWidget(dialog)
        items = [
            (dialog.table.item(r, 0), dialog.table.item(r, 1))
            for r in range(dialog.table.rowCount())
        ]
        rows = [(a.text(), b.text()) for a, b in items if a is not None and b is not None]
    assert rows == [("a.jpg", READ_ONLY_IN_APP), ("b.jpg", sidecar_message)]
