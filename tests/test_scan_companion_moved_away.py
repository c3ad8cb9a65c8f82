"""A camera's RAW moved away from its JPEG (sorted into another folder, or deleted) is no longer
the JPEG's companion after a rescan: seen under X, the JPEG kept its "RAW+JPEG" badge and export
listed the DNG beside it though the folder no longer held it."""

from __future__ import annotations

import os
from pathlib import Path

from phototagger.core.catalog import export_records
from phototagger.core.names import os_path
from tests import media_factory as mf
from tests import photo_factory as pf
from tests.scan_helpers import new_library, run_scan


def _companions(lib) -> dict[str, object]:
    return {
        os.path.basename(os_path(r.path)): r.record["companions"] for r in export_records(lib.db)
    }


def test_a_raw_moved_away_leaves_its_jpeg_alone(engine, tmp_path: Path) -> None:
    trip = tmp_path / "Camera" / "trip"
    pf.real_photo(trip / "IMG_2001.JPG", "rocket")
    mf.raw_photo(trip / "IMG_2001.DNG")
    pf.real_photo(trip / "IMG_2002.JPG", "coffee")
    mf.raw_photo(trip / "IMG_2002.DNG")
    with new_library() as lib:
        run_scan(lib, [tmp_path], engine)
        assert _companions(lib)["IMG_2001.JPG"] == ["IMG_2001.DNG"]

        (tmp_path / "Camera" / "raws").mkdir()
        os.replace(trip / "IMG_2001.DNG", tmp_path / "Camera" / "raws" / "IMG_2001.DNG")
        (trip / "IMG_2002.DNG").unlink()
        run_scan(lib, [tmp_path], engine)

        found = _companions(lib)
        assert found["IMG_2001.JPG"] == []
        assert found["IMG_2002.JPG"] == []
        assert found["IMG_2001.DNG"] == []  # now a photo of its own, in raws/

        pf.real_photo(trip / "IMG_2003.JPG", "chelsea")
        mf.raw_photo(trip / "IMG_2003.DNG")
        run_scan(lib, [tmp_path], engine)
        best = tmp_path / "Camera" / "best"
        best.mkdir()
        os.replace(trip / "IMG_2003.JPG", best / "IMG_2003.JPG")  # the JPEG moved, not its RAW
        assert run_scan(lib, [tmp_path], engine).moved == 1
        found = _companions(lib)
        assert found["IMG_2003.JPG"] == []
        assert found["IMG_2003.DNG"] == []  # left behind: a photo of its own

        mf.raw_photo(trip / "IMG_2002.DNG")  # copied back beside its JPEG: a pair again
        run_scan(lib, [tmp_path], engine)
        assert _companions(lib)["IMG_2002.JPG"] == ["IMG_2002.DNG"]

        for name in ("IMG_2002.JPG", "IMG_2002.DNG"):  # the pair moved together stays a pair
            os.replace(trip / name, best / name)
        assert run_scan(lib, [tmp_path], engine).moved == 1
        assert _companions(lib)["IMG_2002.JPG"] == ["IMG_2002.DNG"]
