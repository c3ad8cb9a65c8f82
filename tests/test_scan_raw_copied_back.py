"""A RAW copied back beside its JPEG (to edit it there, as darktable users do) while the one
sorted into another folder stays: the next scan of the JPEG's folder makes it the pair's RAW and
the pair takes the decisions given to the far RAW, where it has none of its own on a tag. The far
RAW stays a photo of its own with its decisions. The pair used to show none of them until the
far RAW was deleted and both folders rescanned."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from phototagger.core.catalog import export_records
from phototagger.core.labels import label_paths
from phototagger.core.library import Library
from phototagger.core.names import os_path
from phototagger.core.photos_view import tags_of_photo
from phototagger.core.scan import ScanSummary
from phototagger.store.photos import get_photo_by_path
from tests import media_factory as mf
from tests import photo_factory as pf
from tests.scan_helpers import new_library, run_scan


def _decisions(lib: Library, path: Path) -> dict[str, str]:
    photo = get_photo_by_path(lib.db, str(path))
    assert photo is not None
    return {t.name: str(t.state) for t in tags_of_photo(lib.db, photo.id) if t.source == "user"}


def _library_of(lib: Library) -> dict[str, object]:
    return {
        os.path.basename(os_path(r.path)): r.record["companions"] for r in export_records(lib.db)
    }


def _counts(summary: ScanSummary) -> tuple[int, int, int, int]:
    return summary.new, summary.moved, summary.missing, summary.returned


def test_a_raw_copied_back_brings_its_decisions_to_the_pair(engine: Any, tmp_path: Path) -> None:
    imports, year = tmp_path / "Pictures" / "Import", tmp_path / "Pictures" / "2024"
    jpeg, far = imports / "IMG_2001.JPG", year / "IMG_2001.DNG"
    pf.real_photo(jpeg, "rocket")
    mf.raw_photo(far)  # sorted away: a photo of its own
    # Cameras reuse names: IMG_0007.DNG in 2024 is another picture than the one beside
    # Import's IMG_0007.JPG (same name and size, other bytes).
    pf.real_photo(imports / "IMG_0007.JPG", "coffee")
    mf.raw_photo(year / "IMG_0007.DNG")
    with new_library() as lib:
        run_scan(lib, [imports, year], engine)
        assert label_paths(lib.db, [str(far)], add=["launch", "sky"]).labelled
        assert label_paths(lib.db, [str(jpeg)], reject=["sky"]).labelled  # the pair's own say
        assert label_paths(lib.db, [str(year / "IMG_0007.DNG")], add=["desk"]).labelled

        (imports / "IMG_2001.DNG").write_bytes(far.read_bytes())  # copied back, not moved
        mf.raw_without_preview(imports / "IMG_0007.DNG")
        summary = run_scan(lib, [imports], engine)  # only the folder it came back to

        assert _counts(summary) == (0, 0, 0, 0)
        assert _library_of(lib) == {
            "IMG_0007.DNG": [],
            "IMG_0007.JPG": ["IMG_0007.DNG"],
            "IMG_2001.DNG": [],
            "IMG_2001.JPG": ["IMG_2001.DNG"],
        }
        assert _decisions(lib, jpeg) == {"launch": "added", "sky": "rejected"}
        assert _decisions(lib, far) == {"launch": "added", "sky": "added"}  # as it was
        assert _decisions(lib, imports / "IMG_0007.JPG") == {}  # another picture's: not taken

        # Taken once, when the copy joined the pair: the pair's own decisions since then hold.
        assert label_paths(lib.db, [str(jpeg)], remove=["launch"]).labelled
        run_scan(lib, [imports, year], engine)
        assert "launch" not in _decisions(lib, jpeg)
        assert _decisions(lib, far) == {"launch": "added", "sky": "added"}
