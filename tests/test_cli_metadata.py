"""`phototagger metadata read|write` as a user types them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from phototagger.cli import main
from tests.keyword_readers import digikam_tags, exiftool_keywords, exiv2_set


def test_read_shows_what_the_file_says(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    photo = tmp_path / "p.jpg"
    Image.new("RGB", (32, 32)).save(photo)
    digikam_tags(photo, ["Places/Paris", "holiday"])
    exiv2_set(photo, "set Xmp.xmp.Rating 5", "set Xmp.xmp.Label Red")
    assert main(["metadata", "read", str(photo), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["keywords"] == ["Places/Paris", "holiday"]
    assert (out["rating"], out["color"], out["sidecar"]) == (5, "red", None)
    assert out["fields"]["embedded"]["Xmp.digiKam.TagsList"] == ["Places/Paris", "holiday"]


def test_read_of_a_missing_or_unreadable_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["metadata", "read", str(tmp_path / "nope.jpg")]) == 3
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"not a photo at all")
    assert main(["metadata", "read", str(bad)]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "nope.jpg: no such file" in err[0] and "bad.jpg" in err[1]


def test_write_of_paths_outside_the_library_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["metadata", "write", str(tmp_path), "--json"]) == 3  # nothing written
    captured = capsys.readouterr()
    assert captured.err == f"phototagger: no photos in {tmp_path}\n"  # none to scan either
    assert json.loads(captured.out)["photos"] == 0


def test_scan_label_write_journey(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.cli_helpers import scan_with
    from tests.photo_factory import real_photo

    photo = real_photo(tmp_path / "cat.jpg", "chelsea")
    digikam_tags(photo, ["Pets/Chelsea"])
    assert scan_with(engine, tmp_path, monkeypatch, capsys) == 0
    assert main(["tags", str(photo), "--json"]) == 0
    tags = {t["name"]: t["state"] for t in json.loads(capsys.readouterr().out)["tags"]}
    assert tags["Pets/Chelsea"] == "from file"
    assert main(["label", str(photo), "--add", "Animals/Cat"]) == 0
    assert main(["metadata", "write", "--naming", "photo.xmp", "--quiet"]) == 0
    sidecar = tmp_path / "cat.xmp"
    fields = exiftool_keywords(sidecar)
    assert sorted(fields["Xmp.digiKam.TagsList"]) == ["Animals/Cat", "Pets/Chelsea"]
    assert sorted(fields["Xmp.lr.hierarchicalSubject"]) == ["Animals|Cat", "Pets|Chelsea"]
    # Animals above Cat, as Lightroom exports it; digiKam's Chelsea stays without its Pets.
    assert sorted(fields["Xmp.dc.subject"]) == ["Animals", "Cat", "Chelsea"]
