"""Find Similar says which photo is a mirrored and which a black-and-white copy, as Find
Duplicates does.

A photographer's apple photo, its mirrored copy and its black-and-white export: Find Duplicates
said "Almost identical (96 %) · mirrored" and "… · black-and-white" of them, but Find Similar on
the apple read only "Almost identical to apple.jpg (96 %)" in the grid's tooltip and the details
panel, and `similar` "96 %  Almost identical". Both now say it with the same words and the same
function (core/duplicate_copies.how_edited, core/similar.with_edit): "Almost identical to
apple.jpg (96 %) · mirrored", `similar` "96 %  Almost identical · mirrored" (`--json` "edit").
The half-size copy says nothing more, and neither does another photo of fruit.

Real det-photos scanned with the real model into a real library; `similar --json` and its text,
and the real main window's grid offscreen after Find Similar.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from phototagger.cli import main
from phototagger.core.duplicate_copies import BLACK_AND_WHITE, MIRRORED
from phototagger.core.library import open_library
from phototagger.gui.grid_model import LikenessRole
from phototagger.paths import default_home
from tests.gui_helpers import click_photo, open_window, settle, shown_names
from tests.scan_helpers import run_scan
from tests.test_duplicates_say_mirrored_and_black_and_white import APPLE, _copies
from tests.test_similar_figure_means_something import det_photos


def test_find_similar_says_mirrored_and_black_and_white(
    qtbot, engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pics = tmp_path / "pics"
    pics.mkdir()
    apple = _copies(pics, APPLE)
    for other in sorted(det_photos().glob("n07*.jpg"))[:12]:  # fruit and food among them
        if other.name != APPLE:
            shutil.copy(other, pics / other.name)
    with open_library(default_home()) as library:
        run_scan(library, [pics], engine)

    assert main(["similar", "--json", str(apple["original"])]) == 0
    said = {Path(r["path"]): r["edit"] for r in json.loads(capsys.readouterr().out)}
    assert said[apple["mirrored"]] == MIRRORED
    assert said[apple["bw"]] == BLACK_AND_WHITE
    assert said[apple["small"]] == ""
    others = [edit for path, edit in said.items() if path not in apple.values()]
    assert others and not any(others)

    assert main(["similar", str(apple["original"])]) == 0
    lines = capsys.readouterr().out.splitlines()
    line = next(row for row in lines if row.endswith(str(apple["bw"])))
    assert f"Almost identical · {BLACK_AND_WHITE}  " in line, lines

    window = open_window(qtbot, engine, tmp_path)
    click_photo(qtbot, window, APPLE)
    window.tools.show_similar()
    settle(qtbot, window)
    names = shown_names(window)
    assert names[0] == APPLE
    texts = {
        name: window.model.data(window.model.index(row), LikenessRole)
        for row, name in enumerate(names)
    }
    assert texts[apple["mirrored"].name].endswith(f" %) · {MIRRORED}"), texts
    assert texts[apple["bw"].name].endswith(f" %) · {BLACK_AND_WHITE}"), texts
    assert texts[apple["small"].name].endswith(" %)"), texts
