"""On the command line: classify and scan a HEIC, a clip and a RAW; stats by format; export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import media_factory as mf
from tests.session_runtimes import sessions_tensorflow
from tests.test_cli_journey import run

__all__ = ["sessions_tensorflow"]


@pytest.mark.model
def test_classify_scan_stats_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sessions_tensorflow: object
) -> None:
    """(classify's and the scan's TensorFlow is the session's engine, not one loaded for each.)"""
    pics = tmp_path / "phone"
    heic = mf.heic_photo(pics / "IMG_0001.HEIC", "chelsea")
    clip = mf.photo_clip(pics / "IMG_0002.MP4", ("coffee",), seconds_each=3)
    raw = mf.raw_photo(pics / "DSC_0003.DNG")

    code, out, _ = run(capsys, "classify", "--json", str(heic), str(clip), str(raw))
    assert code == 0
    tags = {Path(r["path"]).name: {t["name"] for t in r["tags"]} for r in json.loads(out)["photos"]}
    assert "cat" in tags["IMG_0001.HEIC"] and "coffee" in tags["IMG_0002.MP4"]
    assert "computer" in tags["DSC_0003.DNG"]

    code, out, _ = run(capsys, "scan", "--quiet", str(pics))
    assert code == 0 and "3 tagged" in out
    code, out, _ = run(capsys, "stats")
    assert "photos: 3 (3 tagged)" in out and "formats: 1 HEIF; RAW: 1 DNG; clips: 1 MP4" in out
    code, out, _ = run(capsys, "export", "--json")
    kinds = {Path(r["path"]).name: (r["media_type"], r["format"]) for r in json.loads(out)}
    assert kinds == {
        "IMG_0001.HEIC": ("photo", "HEIF"),
        "IMG_0002.MP4": ("clip", "MP4"),
        "DSC_0003.DNG": ("raw", "DNG"),
    }
