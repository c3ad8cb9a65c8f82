"""Find Similar says "Almost identical" only of the same picture.

A photographer's walk: Find Similar on a photo of a cornet showed another photo of a cornet (a
different picture of the same kind of thing) as "Almost identical · 82 %", while Find Duplicates
rightly did not group the two (its pixel check said they are other pictures). "Almost identical"
promises a copy: a user who trusts it deletes the wrong photo. Now a pair above the cut whose
pixels are not one picture reads "Very similar" at 77 % at the most, after the real copies, and
the copy still reads "Almost identical" (`similar`, its --json, and the grid's words alike).

Real det-photos (the two cornets that read 82 % among all 1,000 of them) and a real half-size
copy, scanned with the real model into a real library.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PIL import Image

from phototagger.cli import main
from phototagger.core.library import open_library
from phototagger.core.similar import ALMOST_IDENTICAL, similar_index
from phototagger.gui.grid_model import LikenessRole
from phototagger.paths import default_home
from tests.gui_helpers import click_photo, open_window, settle, shown_names
from tests.scan_helpers import run_scan
from tests.test_similar_figure_means_something import det_photos

CORNET = "n03110669_35490_trumpet.jpg"
OTHER_CORNET = "n03110669_8565_trumpet.jpg"  # another picture of a cornet
OTHERS = 30  # a library with a spread of its own (core/similar.py _FEW_PHOTOS)


def test_almost_identical_is_said_of_the_copy_not_of_another_cornet(
    qtbot, engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pics = tmp_path / "pics"
    pics.mkdir()
    cornet = Path(shutil.copy2(det_photos() / CORNET, pics / CORNET))
    other = Path(shutil.copy2(det_photos() / OTHER_CORNET, pics / OTHER_CORNET))
    copy = pics / "cornet-web.jpg"
    with Image.open(cornet) as img:
        img.convert("RGB").resize((img.width // 2, img.height // 2)).save(copy, quality=80)
    for photo in sorted(det_photos().glob("n04*.jpg"))[:OTHERS]:  # no cornet among them
        shutil.copy(photo, pics / photo.name)
    with open_library(default_home()) as library:
        run_scan(library, [pics], engine)
        scale = similar_index(library.db).scale

    assert main(["similar", "--json", str(cornet)]) == 0
    rows = json.loads(capsys.readouterr().out)
    said = {Path(row["path"]): row for row in rows}
    # Both read "Almost identical" by their embeddings alone: the other cornet too.
    assert scale.percent(said[other]["score"]) >= ALMOST_IDENTICAL
    assert scale.percent(said[copy]["score"]) >= ALMOST_IDENTICAL
    assert said[copy]["likeness"] == "Almost identical"
    assert said[copy]["percent"] >= ALMOST_IDENTICAL
    assert said[other]["likeness"] == "Very similar"
    assert said[other]["percent"] == ALMOST_IDENTICAL - 1
    # The copy first, and the figures still go down the list.
    assert [Path(row["path"]) for row in rows[:2]] == [copy, other]
    assert [row["percent"] for row in rows] == sorted((r["percent"] for r in rows), reverse=True)

    assert main(["similar", str(cornet)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [str(said[copy]["percent"]), "%", "Almost", "identical", str(copy)]
    assert lines[1].split() == [str(ALMOST_IDENTICAL - 1), "%", "Very", "similar", str(other)]

    # Find Duplicates agrees: the copy is the cornet's, the other cornet is no one's.
    assert main(["duplicates", "--json"]) == 0
    groups = [set(map(Path, group["paths"])) for group in json.loads(capsys.readouterr().out)]
    assert {cornet, copy} in groups
    assert not any(other in group for group in groups)

    # The grid says what `similar` says.
    window = open_window(qtbot, engine, tmp_path)
    click_photo(qtbot, window, CORNET)
    window.tools.show_similar()
    settle(qtbot, window)
    names = shown_names(window)
    assert names[:3] == [CORNET, copy.name, OTHER_CORNET]
    texts = [window.model.data(window.model.index(row), LikenessRole) for row in (1, 2)]
    assert texts == [
        f"Almost identical to {CORNET} ({said[copy]['percent']} %)",
        f"Very similar to {CORNET} ({ALMOST_IDENTICAL - 1} %)",
    ]
