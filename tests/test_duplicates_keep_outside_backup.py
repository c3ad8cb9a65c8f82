"""Find Duplicates kept a photographer's backup copy and offered the photo they work on for the
trash: Pictures/Photos/bird.jpg and its backup Pictures/Backup/bird.jpg, copied keeping the
file's date (cp -p, rsync -a, a file manager's copy), tie on every rule of the keep order but
the path, and "Backup" sorts before "Photos": `duplicates` said "keeping bird.jpg: its folder
comes first" of the backup. The copy outside a backup folder is kept now, and it says why.

Real det-photos scanned with the real model into a real library; `duplicates --json` and its
text, which show what the Find Duplicates dialog shows.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from phototagger.cli import main
from phototagger.core.duplicate_keep import backup_folder
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.scan_helpers import run_scan
from tests.test_similar_figure_means_something import det_photos

PHOTO = "n02219486_8874_ant.jpg"


def test_the_photo_outside_the_backup_folder_is_kept(
    engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pics = tmp_path / "Pictures"
    for folder in ("Photos", "Backup 2026"):
        (pics / folder).mkdir(parents=True)
    photo = Path(shutil.copy2(det_photos() / PHOTO, pics / "Photos" / PHOTO))
    backup = Path(shutil.copy2(photo, pics / "Backup 2026" / PHOTO))  # the same bytes and date
    for other in sorted(det_photos().glob("n04*.jpg"))[:12]:
        shutil.copy(other, pics / "Photos" / other.name)
    with open_library(default_home()) as library:
        run_scan(library, [pics], engine)

    assert main(["duplicates", "--json"]) == 0
    (group,) = json.loads(capsys.readouterr().out)
    assert group["keep"] == str(photo)
    assert [c["path"] for c in group["copies"]] == [str(backup)]
    assert group["why"] == "the other is in a backup folder (Backup 2026)"

    assert main(["duplicates"]) == 0
    heading = capsys.readouterr().out.splitlines()[0]
    assert heading.endswith(f"keeping {PHOTO}: the other is in a backup folder (Backup 2026):")


@pytest.mark.parametrize(
    ("folder", "said"),
    [
        ("/home/ann/Pictures/Backups/2019", "Backups"),
        ("/home/ann/Pictures/iPhone backup", "iPhone backup"),
        ("C:\\Users\\ann\\Backup\\Photos", "Backup"),
        ("/home/ann/Pictures/Photos", ""),
    ],
)
def test_a_backup_folder_is_told_by_its_name(folder: str, said: str) -> None:
    assert backup_folder(folder) == said
