"""Find Duplicates finds a photographer's edited exports of a photo, and still not another
photo of the same subject.

A photographer's library holds the JPEG exported after straightening the horizon by 3° (cropped
to fill) and opening the exposure by half a stop, a black-and-white version, and the picture
mirrored. Their embeddings agree with the original's (on 20 det-photos' edits, cosine 0.86 to
0.98 straightened, 0.92 to 0.99 mirrored, 0.72 to 0.90 black-and-white), but the pixel check
(core/same_picture.py) compared the pictures only upright and unmirrored: `duplicates` found
none of 20 det-photos' copies straightened by 3° and none mirrored (benchmarks/similar.py
--edits 20). It now also compares the mirrored picture, the original straightened by 1° to 3°
either way, and equalized tones. Another photo of a horse (a different picture) stays apart.

Real det-photos scanned with the real model into a real library; the core function the app's
Find Duplicates calls, and the CLI's `duplicates --json`.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageOps

from phototagger.cli import main
from phototagger.core.library import open_library
from phototagger.core.similar import find_duplicates
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from tests.scan_helpers import run_scan
from tests.test_similar_figure_means_something import det_photos

HORSE = "n02374451_11795_horse.jpg"
OTHER_HORSE = "n02374451_12230_horse.jpg"  # another photo of det-photos' horse category


def _exported(img: Image.Image, degrees: float, stops: float) -> Image.Image:
    """Straightened by `degrees` and cropped to fill (4 % of each side: more than 3° needs), the
    exposure changed by `stops` (linear light, highlights clipped)."""
    w, h = img.size
    turned = img.rotate(degrees, resample=Image.Resampling.BICUBIC)
    turned = turned.crop((w // 25, h // 25, w - w // 25, h - h // 25))
    linear = (np.asarray(turned, np.float32) / 255.0) ** 2.2 * 2.0**stops
    return Image.fromarray((np.clip(linear, 0, 1) ** (1 / 2.2) * 255).round().astype(np.uint8))


def _library(pics: Path, *names: str) -> dict[str, Path]:
    """HORSE, OTHER_HORSE and the edits `names` of HORSE, in a new folder `pics`."""
    pics.mkdir()
    files = {
        "original": Path(shutil.copy(det_photos() / HORSE, pics / "horse.jpg")),
        "other horse": Path(shutil.copy(det_photos() / OTHER_HORSE, pics / "other-horse.jpg")),
    }
    with Image.open(files["original"]) as opened:
        img = opened.convert("RGB")
    edits = {
        "straightened, +0.5 EV": _exported(img, -3.0, 0.5),
        "black-and-white": ImageOps.grayscale(img),
        "mirrored": ImageOps.mirror(img),
    }
    for name in names:
        files[name] = pics / f"horse {name}.jpg"
        edits[name].save(files[name], quality=90)
    return files


def _groups(
    pics: Path, files: dict[str, Path], engine, capsys: pytest.CaptureFixture[str]
) -> list[list[str]]:
    """Find Duplicates' groups of the library of `pics` (the names in `files`), the same from
    the thumbnails, from the files and from `duplicates --json`."""
    with open_library(default_home()) as library:
        run_scan(library, [pics], engine)
        names = {
            get_photo_by_path(library.db, str(path)).id: name  # type: ignore[union-attr]
            for name, path in files.items()
        }
        groups = find_duplicates(library.db, thumbnails=library.thumbnails_dir)
        from_files = find_duplicates(library.db)  # no thumbnails at hand: the files are read
    found = [sorted(names[i] for i in g.photo_ids) for g in groups]
    assert [sorted(names[i] for i in g.photo_ids) for g in from_files] == found
    assert main(["duplicates", "--json"]) == 0
    by_path = {str(path): name for name, path in files.items()}
    listed = json.loads(capsys.readouterr().out)
    assert [sorted(by_path[p] for p in g["paths"]) for g in listed] == found
    return found


def test_a_straightened_brighter_export_and_a_black_and_white_one_join_their_original(
    engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edits = ("straightened, +0.5 EV", "black-and-white")
    files = _library(tmp_path / "pics", *edits)
    found = _groups(tmp_path / "pics", files, engine, capsys)
    assert found == [sorted(["original", *edits])]  # the other horse in no group


def test_a_mirrored_copy_joins_its_original(
    engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = _library(tmp_path / "pics", "mirrored")
    found = _groups(tmp_path / "pics", files, engine, capsys)
    assert found == [["mirrored", "original"]]
