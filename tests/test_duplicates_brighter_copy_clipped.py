"""Find Duplicates missed a photographer's +1 EV export of a bright photo: a snowplow in the
snow made a stop brighter has 45 % of its pixels clipped white, and the pixel check, which
compares the two pictures at zero mean and unit spread and then on equalized tones, still
found the snow's texture in the original against a flat white in the copy (0.49 apart, 0.4 the
line), so the copy stayed alone. One photo is now also compared in the other's tones
(same_picture.tones_of: its brightest clipped as far as the other's), which brings the two to
0.09; objects pasted on the same photo still make another picture.

Real det-photos scanned with the real model into a real library; `duplicates --json`.
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
from phototagger.paths import default_home
from tests.scan_helpers import run_scan
from tests.test_similar_figure_means_something import det_photos

SNOWPLOW = "n04252225_12192_snowplow.jpg"


def _brighter(img: Image.Image, factor: float) -> Image.Image:
    """Brighter as a camera's exposure is: linear light times `factor`, clipped."""
    linear = (np.asarray(img, np.float32) / 255.0) ** 2.2 * factor
    return Image.fromarray((np.clip(linear, 0, 1) ** (1 / 2.2) * 255).round().astype(np.uint8))


def test_a_brighter_copy_with_clipped_highlights_joins_its_photo(
    engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pics = tmp_path / "pics"
    pics.mkdir()
    original = Path(shutil.copy(det_photos() / SNOWPLOW, pics / SNOWPLOW))
    with Image.open(original) as img:
        rgb = img.convert("RGB")
    brighter = pics / "snowplow +1 EV.jpg"
    _brighter(rgb, 2.0).save(brighter, quality=90)
    with Image.open(brighter) as img:
        assert np.mean(np.asarray(img.convert("L")) >= 250) > 0.3  # the snow clipped
    pasted = rgb.copy()
    side = rgb.width // 6
    with Image.open(det_photos() / "n02219486_8874_ant.jpg") as ant:
        pasted.paste(ant.convert("RGB").resize((side, side)), (rgb.width // 10, rgb.height // 3))
    with Image.open(det_photos() / "n07739125_3030_apple.jpg") as apple:
        pasted.paste(apple.convert("RGB").resize((side, side)), (rgb.width // 2, rgb.height // 4))
    _brighter(pasted, 2.0).save(pics / "snowplow with an ant and an apple.jpg", quality=90)
    for other in sorted(det_photos().glob("n04*.jpg"))[:12]:
        if other.name != SNOWPLOW:
            shutil.copy(other, pics / other.name)
    with open_library(default_home()) as library:
        run_scan(library, [pics], engine)

    assert main(["duplicates", "--json"]) == 0
    groups = [sorted(Path(p).name for p in g["paths"]) for g in json.loads(capsys.readouterr().out)]
    assert groups == [sorted([SNOWPLOW, brighter.name])]
