"""A 100-megapixel photo from a medium-format camera is tagged; a decompression bomb is not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from phototagger.cli import main
from tests.photo_factory import bomb_png

pytestmark = pytest.mark.model  # runs the real network: full tier only


def test_a_100_megapixel_photo_is_classified_and_a_bomb_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "medium-format.jpg"
    Image.new("RGB", (12000, 8400), (90, 120, 200)).save(big, quality=50)
    bomb = bomb_png(tmp_path / "bomb.png")
    default_limit = Image.MAX_IMAGE_PIXELS
    try:
        code = main(["classify", "--json", str(big), str(bomb)])
    finally:
        Image.MAX_IMAGE_PIXELS = default_limit
    photos = json.loads(capsys.readouterr().out)["photos"]
    assert code == 1
    assert photos[0]["error"] is None
    assert photos[1]["error"]["code"] == "TOO_LARGE"
