"""A pair of photos reads the same figure and words however many photos the library holds.

A user's half-size copy of a cat photo read "Almost identical (93 %)" in `phototagger
duplicates` and `similar` in a library of 249 photos, and "(97 %)" once 30 more photos were
scanned (runtime34): the figure was the cosine of the photos' projections on the library's 256
main axes, all of a small library's own directions and fewer of a larger one's, which raises a
copy's cosine (the axes dropped are where the copy differs from its original). The figure is
now the cosine of the full embeddings, on a scale measured on them.

Real det-photos scanned with the real model into a real library, 202 photos then 282 (past 256);
the CLI's `similar --json` and `duplicates --json`, which show what the app's grid and Find
Duplicates dialog show.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PIL import Image

from phototagger.cli import main
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.scan_helpers import run_scan
from tests.test_similar_figure_means_something import det_photos

CAT = "n02121808_1421_domestic_cat.jpg"
FIRST, MORE = 200, 80  # other det-photos: 202 photos with the pair, then 282


def _figures(capsys: pytest.CaptureFixture[str], original: Path, copy: Path) -> tuple:
    """(percent, words) of the copy in `similar` of the original and in `duplicates`."""
    assert main(["similar", str(original), "--json", "--limit", "5"]) == 0
    shown = {row["path"]: row for row in json.loads(capsys.readouterr().out)}
    assert main(["duplicates", "--json"]) == 0
    groups = json.loads(capsys.readouterr().out)
    (group,) = [g for g in groups if str(original) in g["paths"]]
    (found,) = [c for c in group["copies"] if c["path"] == str(copy)]
    similar = shown[str(copy)]
    return (similar["percent"], similar["likeness"]), (found["percent"], found["likeness"])


def test_a_copy_reads_the_same_after_more_photos_are_scanned(
    engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pics, more = tmp_path / "pics", tmp_path / "more"
    pics.mkdir()
    more.mkdir()
    original = Path(shutil.copy(det_photos() / CAT, pics / "cat.jpg"))
    copy = pics / "cat-half.jpg"
    with Image.open(original) as img:
        img.convert("RGB").resize((img.width // 2, img.height // 2)).save(copy, quality=85)
    others = [p for p in sorted(det_photos().glob("*.jpg")) if p.name != CAT][::3]
    for path in others[:FIRST]:
        shutil.copy(path, pics / path.name)
    for path in others[FIRST : FIRST + MORE]:
        shutil.copy(path, more / path.name)

    with open_library(default_home()) as library:
        run_scan(library, [pics], engine, batch_size=32)  # as `phototagger scan` does
    small = _figures(capsys, original, copy)
    with open_library(default_home()) as library:
        run_scan(library, [more], engine, batch_size=32)  # as `phototagger scan` does
    large = _figures(capsys, original, copy)

    # Before: (93, 'Almost identical') in both, then 97.
    assert large == small
    (percent, words), in_duplicates = small
    assert in_duplicates == (percent, words)  # Find Duplicates says what Find Similar says
    assert words == "Almost identical"
