"""A RAW sorted from one library folder into another (both added) and moved back beside its JPEG
is the pair's RAW again, its labels on the pair, whichever folders a rescan walks and in what
order. The match was made only inside one added folder: the rescan reported "1 missing" and
the RAW's old row kept its labels, missing, for good. Plain JPEGs moved between added folders
already kept their tags (matched by content when decoded); the last test holds that."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from phototagger.core.catalog import export_records
from phototagger.core.labels import label_paths
from phototagger.core.library import Library
from phototagger.core.names import os_path
from phototagger.core.photos_view import tags_of_photo
from phototagger.core.queries import library_counts
from phototagger.core.scan import ScanSummary
from phototagger.store.photos import get_photo_by_path
from tests import media_factory as mf
from tests import photo_factory as pf
from tests.scan_helpers import new_library, run_scan


def _library_of(lib: Library) -> dict[str, object]:
    """Each photo's file name -> its companions' names."""
    return {
        os.path.basename(os_path(r.path)): r.record["companions"] for r in export_records(lib.db)
    }


def _labels(lib: Library, path: Path) -> set[str]:
    photo = get_photo_by_path(lib.db, str(path))
    assert photo is not None
    return {t.name for t in tags_of_photo(lib.db, photo.id) if t.source == "user"}


def _sorted_away(lib: Library, tmp_path: Path, engine: Any, first: str = "Import") -> list[Path]:
    """Two added folders, scanned (`first` first): the camera's JPEG in Import, its RAW sorted
    into 2024 and labelled there. Returns [Import, 2024]."""
    imports, year = tmp_path / "Pictures" / "Import", tmp_path / "Pictures" / "2024"
    pf.real_photo(imports / "IMG_2001.JPG", "rocket")
    mf.raw_photo(year / "IMG_2001.DNG")
    run_scan(lib, [imports, year] if first == "Import" else [year, imports], engine)
    assert label_paths(lib.db, [str(year / "IMG_2001.DNG")], add=["launch"]).labelled
    return [imports, year]


def _assert_rejoined(lib: Library, imports: Path) -> None:
    """The RAW is the pair's again, its labels on the pair, nothing missing."""
    assert _library_of(lib) == {"IMG_2001.JPG": ["IMG_2001.DNG"]}
    assert library_counts(lib.db).by_status.get("missing", 0) == 0
    assert _labels(lib, imports / "IMG_2001.JPG") == {"launch"}


def _counts(summary: ScanSummary) -> tuple[int, int, int]:
    return summary.moved, summary.missing, summary.returned


@pytest.mark.parametrize("first", ["Import", "2024"])
def test_a_raw_moved_back_from_another_added_folder_rejoins_its_pair(
    engine, tmp_path: Path, first: str
) -> None:
    with new_library() as lib:
        roots = _sorted_away(lib, tmp_path, engine, first)
        imports, year = roots
        os.replace(year / "IMG_2001.DNG", imports / "IMG_2001.DNG")  # back beside its JPEG
        summary = run_scan(lib, roots if first == "Import" else roots[::-1], engine)

        # 2024 walked first has marked it missing before Import finds it: moved all the same.
        assert _counts(summary) == (1, 0, 0)
        _assert_rejoined(lib, imports)


def test_a_rescan_of_only_the_folder_it_came_back_to_finds_it(engine, tmp_path: Path) -> None:
    with new_library() as lib:
        imports, year = _sorted_away(lib, tmp_path, engine)
        os.replace(year / "IMG_2001.DNG", imports / "IMG_2001.DNG")
        # 2024 is not walked, but the RAW's file there is gone: it is the one beside the JPEG.
        assert _counts(run_scan(lib, [imports], engine)) == (1, 0, 0)
        _assert_rejoined(lib, imports)
        assert _counts(run_scan(lib, [year], engine)) == (0, 0, 0)  # nothing left to miss there


def test_a_raw_copied_back_stays_a_photo_until_the_original_is_deleted(
    engine, tmp_path: Path
) -> None:
    with new_library() as lib:
        imports, year = _sorted_away(lib, tmp_path, engine)
        # Copied back, not moved: the RAW in 2024 is still a photo of its own, with its labels.
        (imports / "IMG_2001.DNG").write_bytes((year / "IMG_2001.DNG").read_bytes())
        assert _counts(run_scan(lib, [imports, year], engine)) == (0, 0, 0)
        assert _library_of(lib) == {"IMG_2001.JPG": ["IMG_2001.DNG"], "IMG_2001.DNG": []}
        assert _labels(lib, year / "IMG_2001.DNG") == {"launch"}

        (year / "IMG_2001.DNG").unlink()  # the copy beside the JPEG is now the only one
        assert _counts(run_scan(lib, [imports, year], engine)) == (1, 0, 0)
        _assert_rejoined(lib, imports)


def test_a_rescan_of_only_the_folder_it_left_says_missing_until_its_new_folder_is_walked(
    engine, tmp_path: Path
) -> None:
    with new_library() as lib:
        imports, year = _sorted_away(lib, tmp_path, engine)
        os.replace(year / "IMG_2001.DNG", imports / "IMG_2001.DNG")
        # Gone from the only folder walked; where it went is not looked at: missing, labels kept.
        assert _counts(run_scan(lib, [year], engine)) == (0, 1, 0)
        assert _labels(lib, year / "IMG_2001.DNG") == {"launch"}

        assert _counts(run_scan(lib, [imports], engine)) == (0, 0, 1)  # back again
        _assert_rejoined(lib, imports)


@pytest.mark.parametrize(
    "scans",
    [["both"], ["both-reversed"], ["to"], ["from", "to"]],
    ids=["all-roots", "all-roots-reversed", "only-new-folder", "old-folder-then-new"],
)
def test_a_jpeg_moved_to_another_added_folder_keeps_its_labels(
    engine, tmp_path: Path, scans: list[str]
) -> None:
    """Already so before RAWs were matched across folders: a JPEG is decoded where it is found
    and matched by content with the photo whose file is gone, wherever that was."""
    old, new = tmp_path / "Pictures" / "Import", tmp_path / "Pictures" / "2024"
    new.mkdir(parents=True)
    pf.real_photo(old / "coffee.jpg", "coffee")
    roots = {"both": [old, new], "both-reversed": [new, old], "to": [new], "from": [old]}
    with new_library() as lib:
        run_scan(lib, [old, new], engine)
        assert label_paths(lib.db, [str(old / "coffee.jpg")], add=["espresso"]).labelled

        os.replace(old / "coffee.jpg", new / "coffee.jpg")
        moved = sum(run_scan(lib, roots[name], engine).moved for name in scans)

        assert moved == 1
        assert list(_library_of(lib)) == ["coffee.jpg"]
        assert library_counts(lib.db).by_status.get("missing", 0) == 0
        assert _labels(lib, new / "coffee.jpg") == {"espresso"}
