"""A photographer keeps digiKam beside phototagger (polish37): a keyword added or removed there,
in a photo's sidecar, was read by the next scan in silence. The scan said "0 changed, 2
unchanged" (a sidecar is no photo), yet a tag had come or gone, a tag of the user's own among
them (one phototagger wrote, taken out in digiKam, is the user's removal). `phototagger scan`
and the app's status bar now say what the files' keywords did: "from your files' keywords: 1
tag added and 1 taken off on 1 photo"; nothing where they changed no tag."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli_helpers import run
from tests.gui_helpers import open_window, scan
from tests.keyword_readers import EMPTY_SIDECAR, exiftool_set
from tests.store_helpers import DET

_NAMES = ("n02084071_1365_dog", "n01443537_2625_goldfish")


def _photos(folder: Path) -> Path:
    """Two det-photos (no keywords of their own), the dog with a digiKam sidecar: 'Places/Lisbon'.
    The sidecar."""
    folder.mkdir()
    for name in _NAMES:
        shutil.copy(DET / f"{name}.jpg", folder)
    sidecar = folder / f"{_NAMES[0]}.jpg.xmp"
    sidecar.write_text(EMPTY_SIDECAR)
    exiftool_set(sidecar, "-XMP-digiKam:TagsList=Places/Lisbon", "-XMP-dc:Subject=Lisbon")
    return sidecar


def _digikam_moves_it_to_porto(sidecar: Path) -> None:
    exiftool_set(
        sidecar,
        "-XMP-digiKam:TagsList=Places/Porto",
        "-XMP-dc:Subject=Porto",
    )


def test_the_scan_says_what_keywords_edited_elsewhere_did(
    engine: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sidecar = _photos(tmp_path / "pics")
    monkeypatch.setattr(
        "phototagger.commands.library.tagger_loader", lambda library, args: lambda: engine
    )
    code, out, _ = run(capsys, "scan", "--quiet", str(tmp_path / "pics"))
    assert code == 0 and "\nfrom your files' keywords: 1 tag added on 1 photo\n" in out, out

    _digikam_moves_it_to_porto(sidecar)
    code, out, _ = run(capsys, "scan", "--quiet", str(tmp_path / "pics"))
    assert code == 0 and "0 changed, 2 unchanged" in out
    assert "\nfrom your files' keywords: 1 tag added and 1 taken off on 1 photo\n" in out, out
    assert run(capsys, "tags", str(tmp_path / "pics" / f"{_NAMES[0]}.jpg"))[1].count("Places/") == 1

    code, out, _ = run(capsys, "scan", "--quiet", str(tmp_path / "pics"))
    assert code == 0 and "keywords" not in out  # nothing changed: nothing said


def test_a_keyword_on_several_photos_is_one_tag_as_stats_counts_it(
    engine: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """walk55: 395 ImageNet samples whose files held keywords: the scan said "107 tags added on 6
    photos" (each keyword on each photo), `stats` then "104 tags on 6 photos" (different tags,
    as polish34 made it say). One keyword on both photos is one tag added on 2 photos in both."""
    sidecar = _photos(tmp_path / "pics")
    other = tmp_path / "pics" / f"{_NAMES[1]}.jpg.xmp"
    shutil.copy(sidecar, other)
    monkeypatch.setattr(
        "phototagger.commands.library.tagger_loader", lambda library, args: lambda: engine
    )
    code, out, _ = run(capsys, "scan", "--quiet", str(tmp_path / "pics"))
    assert code == 0 and "\nfrom your files' keywords: 1 tag added on 2 photos\n" in out, out
    code, out, _ = run(capsys, "stats")
    assert code == 0 and "from your files' keywords: 1 tag on 2 photos, read by the scan" in out

    _digikam_moves_it_to_porto(sidecar)
    _digikam_moves_it_to_porto(other)
    code, out, _ = run(capsys, "scan", "--quiet", str(tmp_path / "pics"))
    assert "\nfrom your files' keywords: 1 tag added and 1 taken off on 2 photos\n" in out, out


def test_the_app_says_it_too(qtbot, engine, tmp_path: Path) -> None:  # noqa: ANN001
    sidecar = _photos(tmp_path / "pics")
    window = open_window(qtbot, engine, tmp_path)
    scan(qtbot, window, tmp_path / "pics")
    _digikam_moves_it_to_porto(sidecar)
    scan(qtbot, window, tmp_path / "pics")
    said = window.status.currentMessage()
    assert said.startswith(
        "Scan finished: 2 photos found, 0 new, 0 tagged, "
        "from your files' keywords: 1 tag added and 1 taken off on 1 photo"
    ), said
