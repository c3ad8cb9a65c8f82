"""`phototagger scan` alone, to look at the library again after Lightroom renamed a folder and
moved photos, and an external drive came back (polish34, day 2), said only "the following
arguments are required: DIR": the user had to remember every folder added. It scans the
library's folders again, as the app's Rescan does, and says which; a folder gone (a drive
unplugged) is a problem as when named. A library with no folder says how to add one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli_helpers import run

DET = Path("/work/shared/data/det-photos")


def test_scan_alone_scans_the_librarys_folders_again(
    scans_with_engine: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pictures, drive = tmp_path / "Pictures", tmp_path / "usb" / "Archive 2019"
    photos = sorted(DET.glob("*.jpg"))[:3]
    (pictures / "Summer in Greece").mkdir(parents=True)
    drive.mkdir(parents=True)
    for n, src in enumerate(photos[:2]):
        shutil.copy(src, pictures / "Summer in Greece" / f"IMG_{1000 + n}.JPG")
    shutil.copy(photos[2], drive / "P1010001.JPG")
    assert run(capsys, "scan", "--quiet", str(pictures), str(drive))[0] == 0

    # Lightroom renames the folder; the drive is unplugged.
    (pictures / "Summer in Greece").rename(pictures / "Greece 2024")
    drive.rename(tmp_path / "away")
    code, out, err = run(capsys, "scan")
    # Before: exit 2, "the following arguments are required: DIR".
    assert code == 1, err
    assert f"scanning the library's folders again: {pictures}, {drive}\n" in err
    assert f"phototagger: {drive}: no such folder (recorded as a problem)" in err
    assert out.startswith("2 files found: 0 new, 0 changed, 0 unchanged, 2 moved"), out

    (tmp_path / "away").rename(drive)
    code, out, err = run(capsys, "scan", "--quiet")
    assert (code, err) == (0, ""), err
    assert out.startswith("3 photos found: 0 new, 0 changed, 3 unchanged"), out


def test_scan_alone_in_a_library_without_folders_says_how_to_add_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "scan")
    assert (code, out) == (2, "")
    assert "give the folders of photos to scan (phototagger scan DIR)" in err, err


def test_scan_of_a_folder_already_in_the_library_says_so(
    scans_with_engine: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'scan Pictures/Phone' after 'scan Pictures' said only "2 photos found: 0 new, 0 changed,
    2 unchanged", as if its photos had been missed (polish36); the app's Add Folder says the
    folder is already in the library and was rescanned. So does `scan` now; a new folder is
    not said to be one."""
    pictures = tmp_path / "Pictures"
    phone = pictures / "Phone"
    phone.mkdir(parents=True)
    for n, src in enumerate(sorted(DET.glob("*.jpg"))[:2]):
        shutil.copy(src, phone / f"IMG_{1000 + n}.JPG")
    code, _, err = run(capsys, "scan", str(pictures))
    assert code == 0 and "already in the library" not in err, err

    code, out, err = run(capsys, "scan", str(phone))
    assert code == 0
    assert f"phototagger: note: {phone} is already in the library (in {pictures}): " in err, err
    assert out.startswith("2 photos found: 0 new, 0 changed, 2 unchanged"), out
    code, _, err = run(capsys, "scan", str(pictures))
    assert f"phototagger: note: {pictures} is already in the library: scanned again" in err, err
