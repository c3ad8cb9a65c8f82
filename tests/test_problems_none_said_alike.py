"""With nothing listed, `phototagger problems` said "0 problems" where File ▸ Problems said
"Every file found could be read." Both now say the dialog's words (walk48)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.cli_helpers import run
from tests.gui_helpers import open_window
from tests.scan_helpers import two_photos, walk_only


def test_nothing_listed_is_said_alike_by_the_command_line_and_the_app(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    walk_only(two_photos(tmp_path / "pics"))
    code, out, err = run(capsys, "problems")
    assert (code, out, err) == (0, "", "Every file found could be read.\n")
    assert run(capsys, "problems", "--json")[1].strip() == "[]"
    window = open_window(qtbot, None, tmp_path)
    dialog = window.open_problems()
    qtbot.waitExposed(dialog)
    assert dialog.listed_paths() == []
    assert dialog.summary.text() == err.strip()
    dialog.close()
