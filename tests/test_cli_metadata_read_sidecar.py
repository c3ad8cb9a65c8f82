"""`metadata read photo.jpg.xmp` (the sidecar named itself) read the sidecar as a photo and
reported it as its own sidecar. A sidecar is read as its photo's, or alone, with a note."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from tests.cli_helpers import run
from tests.keyword_readers import exiv2_set, write_sidecar_tags


def _photo(path: Path) -> Path:
    Image.new("RGB", (32, 32)).save(path)
    exiv2_set(path, "set Xmp.xmp.Rating 4")
    return path


def test_a_sidecar_named_is_read_as_its_photos(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = _photo(tmp_path / "p.jpg")
    sidecar = tmp_path / "p.jpg.xmp"
    write_sidecar_tags(sidecar, ["Places/Oslo"])
    code, out, err = run(capsys, "metadata", "read", "--json", str(sidecar))
    meta = json.loads(out)
    assert code == 0 and (meta["path"], meta["sidecar"]) == (str(photo), str(sidecar))
    assert meta["keywords"] == ["Places/Oslo"] and meta["rating"] == 4  # the photo's own too
    assert err == "phototagger: note: p.jpg.xmp is the sidecar of p.jpg: read with the photo\n"
    # Lightroom's name, photo.xmp, finds its photo too; the text output names both once.
    lightroom = tmp_path / "q.xmp"
    write_sidecar_tags(lightroom, ["holiday"])
    photo_q = _photo(tmp_path / "q.jpg")
    code, out, _ = run(capsys, "metadata", "read", str(lightroom))
    assert code == 0 and out.splitlines()[:3] == [
        str(photo_q),
        f"  sidecar: {lightroom}",
        "  keywords: holiday",
    ]


def test_a_sidecar_without_its_photo_is_read_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sidecar = tmp_path / "gone.jpg.xmp"
    write_sidecar_tags(sidecar, ["holiday"])
    code, out, err = run(capsys, "metadata", "read", "--json", str(sidecar))
    meta = json.loads(out)
    assert code == 0 and (meta["path"], meta["sidecar"]) == (str(sidecar), None)
    assert meta["keywords"] == ["holiday"] and list(meta["fields"]) == ["sidecar"]
    assert "gone.jpg.xmp is a sidecar, and no photo of it is next to it" in err
    code, out, _ = run(capsys, "metadata", "read", str(sidecar))
    assert code == 0 and "sidecar:" not in out and "keywords: holiday" in out
