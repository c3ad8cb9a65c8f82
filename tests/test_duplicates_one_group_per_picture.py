"""Find Duplicates shows each picture's copies as one group, whatever mix of byte copies and near
copies it has, and never joins two pictures.

A small det-photo P, its byte copy P2, a half-size copy H and a quality 35 re-save Q: the two
re-encoded copies lose the same detail, so their embeddings agree with each other (0.92) far
better than with the original's (0.72 and 0.74, under DUPLICATE_COSINE). Find Duplicates gave an
"identical copies" group {P, P2} and a separate near-duplicate group {Q, H}, and trashing the
spares of both kept two files of one picture. Beside them, two shots of a panda eating bamboo
(the closest two different photos of det-photos), each with the same three copies, stay two
groups.

Real det-photos scanned with the real model into a real library; the CLI's `duplicates --json`
and the real dialog offscreen.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from phototagger.cli import main
from phototagger.core.duplicate_copies import IDENTICAL_FILE
from phototagger.core.library import open_library
from phototagger.core.similar import (
    DUPLICATE_COSINE,
    find_duplicates,
    likeness_words,
    load_index,
    pair_likeness,
)
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from tests.gui_helpers import open_window
from tests.scan_helpers import run_scan
from tests.test_similar_figure_means_something import det_photos

SMALL_PHOTO = "n03770439_9010_miniskirt.jpg"  # 357x500, 2 of its copies agree best together
PANDAS = ("n02510455_12383_giant_panda.jpg", "n02510455_7939_giant_panda.jpg")  # cosine 0.855
DAY = 86_400.0


def _copies(pics: Path, name: str, *, byte_copy_older: bool = False) -> dict[str, Path]:
    """P, its byte copy P2, a half-size copy H and a quality 35 re-save Q, in `pics`/stem/."""
    folder = pics / Path(name).stem
    folder.mkdir(parents=True)
    files = {
        "P": Path(shutil.copy(det_photos() / name, folder / "P.jpg")),
        "P2": Path(shutil.copy(det_photos() / name, folder / "P2.jpg")),
    }
    with Image.open(files["P"]) as img:
        rgb = img.convert("RGB")
    files["H"] = folder / "H.jpg"
    rgb.resize((rgb.width // 2, rgb.height // 2)).save(files["H"])
    files["Q"] = folder / "Q.jpg"
    rgb.save(files["Q"], quality=35)
    for days, key in enumerate(("P2", "P", "H", "Q") if byte_copy_older else ("P", "P2", "H", "Q")):
        when = 1_700_000_000.0 - (40 - days) * DAY
        os.utime(files[key], (when, when))
    return files


def _ids(library, files: dict[str, Path]) -> dict[str, int]:
    return {k: get_photo_by_path(library.db, str(p)).id for k, p in files.items()}  # type: ignore[union-attr]


def _cosine(index, a: int, b: int) -> float:
    rows = {int(pid): row for row, pid in enumerate(index.ids.tolist())}
    va, vb = index.vectors[rows[a]], index.vectors[rows[b]]
    return float(va.astype(np.float32) @ vb.astype(np.float32))


def test_byte_copies_and_near_copies_of_one_picture_are_one_group(
    engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pics = tmp_path / "pics"
    small = _copies(pics, SMALL_PHOTO)
    pandas = [_copies(pics, name) for name in PANDAS]
    with open_library(default_home()) as library:
        run_scan(library, [pics], engine)
        ids = _ids(library, small)
        panda_ids = [_ids(library, files) for files in pandas]
        index = load_index(library.db)
        # The case: each re-encoded copy is under the threshold with the original, over it
        # with the other copy.
        assert _cosine(index, ids["P"], ids["Q"]) < DUPLICATE_COSINE
        assert _cosine(index, ids["P"], ids["H"]) < DUPLICATE_COSINE
        assert _cosine(index, ids["Q"], ids["H"]) >= DUPLICATE_COSINE
        groups = find_duplicates(library.db, thumbnails=library.thumbnails_dir)

    expected = [set(ids.values())] + [set(p.values()) for p in panda_ids]
    assert sorted(map(set, (g.photo_ids for g in groups)), key=min) == sorted(expected, key=min)
    mixed = next(g for g in groups if ids["P"] in g.photo_ids)
    assert mixed.photo_ids[:2] == [ids["P"], ids["P2"]]  # the original, older than its copy
    assert not mixed.exact

    assert main(["duplicates", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 3
    group = next(g for g in listed if str(small["P"]) in g["paths"])
    assert group["keep"] == str(small["P"]) == group["paths"][0]
    assert sorted(group["paths"]) == sorted(str(p) for p in small.values())
    assert group["exact"] is False and group["why"]
    copies = {Path(c["path"]).name: c for c in group["copies"]}
    assert set(copies) == {"P2.jpg", "H.jpg", "Q.jpg"}
    assert copies["P2.jpg"]["likeness"] == IDENTICAL_FILE and copies["P2.jpg"]["percent"] == 100
    for name, key in (("H.jpg", "H"), ("Q.jpg", "Q")):
        figure = index.scale.percent(_cosine(index, ids["P"], ids[key]))
        assert copies[name]["percent"] == min(99, figure)
        assert copies[name]["likeness"] == likeness_words(copies[name]["percent"])
    for files in pandas:  # each panda's own copies, apart from the other shot's
        panda = next(g for g in listed if str(files["P"]) in g["paths"])
        assert sorted(panda["paths"]) == sorted(str(p) for p in files.values())


def test_the_dialog_measures_each_copy_against_the_copy_it_keeps(
    qtbot, engine, tmp_path: Path
) -> None:
    """The byte copy older on disk is kept: the original reads "Identical file" against it, and
    the re-encoded copies their figure against it, not against each other."""
    pics = tmp_path / "pics"
    small = _copies(pics, SMALL_PHOTO, byte_copy_older=True)
    with open_library(default_home()) as library:
        run_scan(library, [pics], engine)
        ids = _ids(library, small)
        index = load_index(library.db)
    window = open_window(qtbot, engine, tmp_path)
    dialog = window.tools.open_duplicates()
    qtbot.waitUntil(lambda: bool(dialog.groups), timeout=20_000)
    assert dialog.tree.topLevelItemCount() == 1
    rows = {Path(i.text(0)).name: i.text(3) for i in dialog.photo_items()}
    assert set(rows) == {"P.jpg", "P2.jpg", "H.jpg", "Q.jpg"}
    assert rows["P2.jpg"] == "Best copy"
    assert rows["P.jpg"] == IDENTICAL_FILE
    for name, key in (("H.jpg", "H"), ("Q.jpg", "Q")):
        # Both the same picture as the kept copy: from "Very similar" up, "Almost identical"
        # (the half-size copy's figure reads 77 %, shown 78 %: core/similar.py pair_likeness).
        figure = index.scale.percent(_cosine(index, ids["P2"], ids[key]))
        shown, words = pair_likeness(figure, False, True)
        assert rows[name] == f"{words} ({shown} %)", rows
