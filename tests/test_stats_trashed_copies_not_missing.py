"""A spare copy Find Duplicates moved to the trash was counted by `stats` among the missing,
"files gone, their tags kept", as if a drive were unplugged, though the user had trashed it on
purpose through phototagger. `stats` now says it apart ("1 you moved to the trash"), `--json`
counts it (trashed, of by_status's missing), and a file gone from the disk is still missing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests import photo_factory as pf
from tests.cli_helpers import run
from tests.gui_helpers import open_window, row_of, scan, settle, trash_in_folder


def _photos_line(capsys: pytest.CaptureFixture[str]) -> str:
    code, out, _ = run(capsys, "stats")
    assert code == 0
    return next(line for line in out.splitlines() if line.startswith("photos:"))


def test_a_trashed_copy_is_not_a_missing_file(
    qtbot, engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card = tmp_path / "card"
    pf.real_photo(card / "zoo.jpg", "chelsea")
    shutil.copyfile(card / "zoo.jpg", card / "zoo copy.jpg")  # the same picture twice
    pf.real_photo(card / "coffee.jpg", "coffee")
    pf.real_photo(card / "rocket.jpg", "rocket")
    window = open_window(qtbot, engine, tmp_path)
    trash_in_folder(window, tmp_path / "trash")
    scan(qtbot, window, card)

    # Find Duplicates keeps zoo.jpg and moves the copy to the trash.
    copy, kept = (window.model.photo_id(row_of(window, n)) for n in ("zoo copy.jpg", "zoo.jpg"))
    assert window.tools.move_photos_to_trash([copy], onto={copy: kept})
    settle(qtbot, window)
    # And a file deleted in the file manager, found gone by the next scan.
    (card / "rocket.jpg").unlink()
    scan(qtbot, window, card)

    line = _photos_line(capsys)
    assert line.endswith(
        "; 1 more missing (files gone, their tags kept)"
        "; 1 you moved to the trash (its tags kept, should you restore it)"
    ), line
    code, out, _ = run(capsys, "stats", "--json")
    stats = json.loads(out)
    assert (stats["by_status"]["missing"], stats["trashed"]) == (2, 1)

    # Undo brings the copy back: no longer trashed, nor missing.
    window.undo_stack.undo()
    settle(qtbot, window)
    assert _photos_line(capsys).endswith("; 1 more missing (files gone, their tags kept)")
    code, out, _ = run(capsys, "stats", "--json")
    assert json.loads(out)["trashed"] == 0
