"""File ▸ Problems lists what the user can still act on. A damaged file the user deleted, a
folder that is back (the drive plugged in again) and a folder taken out of the library stayed
in the list for good after the next scan: the photo left the grid, its problem did not."""

from __future__ import annotations

import shutil
from pathlib import Path

from phototagger.core.folders import remove_folder
from phototagger.core.scan import scan
from phototagger.store.problems import list_problems
from tests import photo_factory as pf
from tests.scan_helpers import never_load, new_library


def _problems(lib) -> list[str]:
    return [p.path for p in list_problems(lib.db)]


def test_a_deleted_damaged_file_leaves_the_problems(tmp_path: Path) -> None:
    bad = pf.corrupt_jpeg(tmp_path / "pics" / "bad.jpg")
    with new_library() as lib:
        scan(lib, [str(tmp_path / "pics")], never_load)
        assert _problems(lib) == [str(bad)]
        bad.unlink()  # the user throws the broken file away
        summary = scan(lib, [str(tmp_path / "pics")], never_load)
        assert summary.missing == 1
        assert _problems(lib) == []


def test_a_folder_back_again_leaves_the_problems(tmp_path: Path) -> None:
    pics = tmp_path / "card"
    pf.corrupt_jpeg(pics / "bad.jpg")
    with new_library() as lib:
        scan(lib, [str(pics)], never_load)
        shutil.move(pics, tmp_path / "elsewhere")  # the card is out
        scan(lib, [str(pics)], never_load)
        assert str(pics) in _problems(lib)  # "this folder does not exist"
        shutil.move(tmp_path / "elsewhere", pics)  # and back
        scan(lib, [str(pics)], never_load)
        assert _problems(lib) == [str(pics / "bad.jpg")]  # still damaged: still listed


def test_a_removed_folder_leaves_the_problems(tmp_path: Path) -> None:
    pf.corrupt_jpeg(tmp_path / "old" / "bad.jpg")
    kept = pf.corrupt_jpeg(tmp_path / "new" / "bad.jpg")
    with new_library() as lib:
        scan(lib, [str(tmp_path / "old"), str(tmp_path / "new")], never_load)
        assert len(_problems(lib)) == 2
        remove_folder(lib.db, str(tmp_path / "old"))
        assert _problems(lib) == [str(kept)]
