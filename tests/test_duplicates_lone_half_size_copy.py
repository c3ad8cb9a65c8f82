"""Find Duplicates finds a photo's lone half-size copy, and still not another shot of the same
thing.

A photographer exports a rugby photo at half size for email (Pillow's default resize, JPEG
quality 80). The copy's embedding lost enough to score 0.76 with its original, under
DUPLICATE_COSINE, while Find Similar calls them "Almost identical": Find Duplicates listed no
group, since the join at JOIN_COSINE only merged groups already found. Now a photo in no group
is compared pixel for pixel with its best partners at JOIN_COSINE or more. Another rugby
photo of det-photos scores closer to the original (0.77) than its own copy does: it is checked
too, and stays apart.

Real det-photos scanned with the real model into a real library; the CLI's `duplicates --json`.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from phototagger.cli import main
from phototagger.core.library import open_library
from phototagger.core.similar import DUPLICATE_COSINE, JOIN_COSINE, find_duplicates, load_index
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from tests.scan_helpers import run_scan
from tests.test_similar_figure_means_something import det_photos

RUGBY = "n04118538_4281_rugby_ball.jpg"  # 500x333; its half-size q80 copy scores 0.76 with it
OTHER_RUGBY = "n04118538_8919_rugby_ball.jpg"  # another shot: 0.77 with RUGBY


def rugby_with_copy(pics: Path) -> tuple[Path, Path, Path]:
    """RUGBY, its half-size copy for email and OTHER_RUGBY, in a new folder `pics`."""
    pics.mkdir()
    original = Path(shutil.copy(det_photos() / RUGBY, pics / "rugby.jpg"))
    other = Path(shutil.copy(det_photos() / OTHER_RUGBY, pics / "rugby-other.jpg"))
    half = pics / "rugby-for-email.jpg"
    with Image.open(original) as img:
        img.convert("RGB").resize((img.width // 2, img.height // 2)).save(half, quality=80)
    return original, half, other


def test_a_lone_half_size_copy_is_found_and_another_shot_is_not(
    engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pics = tmp_path / "pics"
    original, half, other = rugby_with_copy(pics)
    with open_library(default_home()) as library:
        run_scan(library, [pics], engine)
        ids = {
            p: get_photo_by_path(library.db, str(p)).id  # type: ignore[union-attr]
            for p in (original, half, other)
        }
        index = load_index(library.db)
        row = {int(pid): r for r, pid in enumerate(index.ids.tolist())}
        vectors = index.vectors[[row[ids[p]] for p in (original, half, other)]].astype(np.float32)
        cosine = vectors @ vectors.T
        # The case: the copy is under the grouping cut, the other shot as close as the copy.
        assert JOIN_COSINE <= cosine[0, 1] < DUPLICATE_COSINE
        assert JOIN_COSINE <= cosine[0, 2] < DUPLICATE_COSINE
        groups = find_duplicates(library.db, thumbnails=library.thumbnails_dir)

    assert [g.photo_ids for g in groups] == [[ids[original], ids[half]]]
    assert not groups[0].exact

    assert main(["duplicates", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(g["keep"], sorted(g["paths"])) for g in listed] == [
        (str(original), sorted([str(original), str(half)]))
    ]
