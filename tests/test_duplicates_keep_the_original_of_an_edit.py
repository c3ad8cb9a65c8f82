"""Find Duplicates kept a photographer's edited export over its original because the export was
the larger file: a burrito photo (an 11 KB JPEG) and its warmer and black-and-white exports,
saved at quality 92 at the same size (22 and 19 KB), tie on every rule of the keep order
before "the larger, less compressed file", and that rule assumes the same picture: `duplicates`
said "keeping burrito-warm.jpg: it is the larger, less compressed file" and offered the
original for the trash. Of copies that differ by an edit (core/duplicate_copies.py
differs_by_edit: other tones, a black-and-white, a crop, a mirror) the file size says nothing;
the original is kept now, the older file. A copy of the same picture saved again at a higher
quality is still kept over a more compressed one (the larger file). An original kept over a
smaller edited export is "the older file, and the larger" (walk60: a bus photo three times the
size of its black-and-white export read "(between edited copies the file size says nothing)", as
if its size were against it).

Real det-photos scanned with the real model into a real library; `duplicates --json`.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageOps

from phototagger.cli import main
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.scan_helpers import run_scan
from tests.test_similar_figure_means_something import det_photos

BURRITO = "n07880968_2944_burrito.jpg"  # 11 KB: a quality-92 export of it is larger
WAFFLE = "n04542943_5799_waffle_iron.jpg"  # small too: saved again at 95 it is larger
BUS = "n02924116_31580_bus.jpg"  # its black-and-white export at quality 60 is far smaller
TAKEN = 1_700_000_000  # the originals' file date; the exports are made later


def _warmer(img: Image.Image) -> Image.Image:
    """About 1,000 K warmer (red up, blue down in linear light), as an editor's slider does."""
    linear = (np.asarray(img, np.float32) / 255.0) ** 2.2 * np.array([1.12, 1.0, 0.86])
    return Image.fromarray((np.clip(linear, 0, 1) ** (1 / 2.2) * 255).round().astype(np.uint8))


def test_the_original_is_kept_over_a_larger_edited_export(
    engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pics = tmp_path / "Pictures"
    (pics / "Photos").mkdir(parents=True)
    (pics / "Exports").mkdir()
    original = Path(shutil.copy(det_photos() / BURRITO, pics / "Photos" / BURRITO))
    waffle = Path(shutil.copy(det_photos() / WAFFLE, pics / "Photos" / WAFFLE))
    os.utime(original, (TAKEN, TAKEN))
    os.utime(waffle, (TAKEN, TAKEN))
    bus = Path(shutil.copy(det_photos() / BUS, pics / "Photos" / BUS))
    os.utime(bus, (TAKEN, TAKEN))
    bus_bw = pics / "Exports" / "bus-bw.jpg"
    with Image.open(bus) as img:
        ImageOps.grayscale(img.convert("RGB")).convert("RGB").save(bus_bw, quality=60)
    os.utime(bus_bw, (TAKEN + 86_400, TAKEN + 86_400))
    assert bus.stat().st_size > 2 * bus_bw.stat().st_size
    with Image.open(original) as img:
        rgb = img.convert("RGB")
    warm = pics / "Exports" / "burrito-warm.jpg"
    _warmer(rgb).save(warm, quality=92)
    bw = pics / "Exports" / "burrito-bw.jpg"
    ImageOps.grayscale(rgb).convert("RGB").save(bw, quality=92)
    with Image.open(waffle) as img:
        resaved = pics / "Photos" / "waffle-iron-resaved.jpg"
        img.convert("RGB").save(resaved, quality=95)  # the same picture, less compressed
    for path in (warm, bw, resaved):
        os.utime(path, (TAKEN + 86_400, TAKEN + 86_400))
    assert warm.stat().st_size > original.stat().st_size < bw.stat().st_size
    assert resaved.stat().st_size > waffle.stat().st_size
    for other in sorted(det_photos().glob("n02*.jpg"))[:12]:
        shutil.copy(other, pics / "Photos" / other.name)
    with open_library(default_home()) as library:
        run_scan(library, [pics], engine)

    assert main(["duplicates", "--json"]) == 0
    groups = json.loads(capsys.readouterr().out)
    burrito = next(g for g in groups if str(original) in g["paths"])
    assert burrito["keep"] == str(original)
    assert sorted(c["path"] for c in burrito["copies"]) == sorted([str(warm), str(bw)])
    assert burrito["why"] == (
        "it is the older file (between edited copies the file size says nothing)"
    )
    # The same picture saved again at 95: the less compressed file is kept, as before.
    plain = next(g for g in groups if str(waffle) in g["paths"])
    assert plain["keep"] == str(resaved)
    assert plain["why"] == "it is the larger, less compressed file"
    # The original kept over its smaller black-and-white export: older, and larger too.
    coach = next(g for g in groups if str(bus) in g["paths"])
    assert coach["keep"] == str(bus) and coach["why"] == "it is the older file, and the larger"
