"""Find Duplicates says which copy is mirrored and which black-and-white.

A photographer's disk holds an apple photo, its mirrored copy (a phone's mirrored selfie, a
layout's flip) and its black-and-white export. Find Duplicates grouped both with the original
and called them "Almost identical (96 %)" and "(86 %)", like the resized copy beside them: a
user seeing a flipped or grey photo offered for the trash saw no word of why it was there.
Each now says what it is: "Almost identical (96 %) · mirrored", "… · black-and-white"; the
resized copy says nothing more, and neither does a grey copy of a photo that is grey itself.

Real det-photos scanned with the real model into a real library; `duplicates --json` and its
text, and the real Find Duplicates dialog offscreen.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageOps

from phototagger.cli import main
from phototagger.core.duplicate_copies import BLACK_AND_WHITE, MIRRORED
from phototagger.core.library import open_library
from phototagger.gui.duplicates_dialog import LIKENESS
from phototagger.paths import default_home
from tests.gui_helpers import open_window
from tests.scan_helpers import run_scan
from tests.test_similar_figure_means_something import det_photos

APPLE = "n07739125_3030_apple.jpg"  # red and green
GREY = "n04392985_5224_tape_player.jpg"  # grey itself


def _copies(pics: Path, name: str) -> dict[str, Path]:
    original = Path(shutil.copy2(det_photos() / name, pics / name))
    stem = original.stem
    made = {"original": original}
    with Image.open(original) as img:
        rgb = img.convert("RGB")
        w, h = rgb.size
        made["mirrored"] = pics / f"{stem}-mirror.jpg"
        ImageOps.mirror(rgb).save(made["mirrored"], quality=90)
        made["bw"] = pics / f"{stem}-bw.jpg"
        ImageOps.grayscale(rgb).convert("RGB").save(made["bw"], quality=90)
        made["small"] = pics / f"{stem}-web.jpg"
        rgb.resize((w // 2, h // 2)).save(made["small"], quality=80)
    return made


def test_mirrored_and_black_and_white_copies_say_so(
    qtbot, engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pics = tmp_path / "pics"
    pics.mkdir()
    apple, grey = _copies(pics, APPLE), _copies(pics, GREY)
    for other in sorted(det_photos().glob("n02*.jpg"))[:12]:
        shutil.copy(other, pics / other.name)
    with open_library(default_home()) as library:
        run_scan(library, [pics], engine)

    assert main(["duplicates", "--json"]) == 0
    groups = {Path(g["keep"]): g for g in json.loads(capsys.readouterr().out)}
    said = {Path(c["path"]): c["edit"] for g in groups.values() for c in g["copies"] if "edit" in c}
    assert apple["original"] in groups
    assert said[apple["mirrored"]] == MIRRORED
    assert said[apple["bw"]] == BLACK_AND_WHITE
    assert said[apple["small"]] == ""
    assert said[grey["mirrored"]] == MIRRORED
    assert said.get(grey["bw"], "") == ""  # the photo is grey itself: nothing to tell

    assert main(["duplicates"]) == 0
    text = capsys.readouterr().out
    line = next(row for row in text.splitlines() if row.endswith(str(apple["bw"])))
    assert line.split()[:2] == ["Almost", "identical"]
    assert f" %) · {BLACK_AND_WHITE}  " in line, line

    window = open_window(qtbot, engine, tmp_path)
    dialog = window.tools.open_duplicates()
    qtbot.waitUntil(lambda: bool(dialog.groups), timeout=20_000)
    rows = {os.path.basename(i.text(0)): i.text(LIKENESS) for i in dialog.photo_items()}
    assert rows[apple["mirrored"].name].endswith(" %) · mirrored"), rows
    assert rows[apple["bw"].name].endswith(" %) · black-and-white"), rows
    assert rows[apple["small"].name].endswith(" %)"), rows
