"""`phototagger scan ~/Pictures ~/Pictures/` (tab completion adds the slash) or `scan ~/Pictures
~/Pictures/2024` walked the same photos twice: '260 photos found: ... 256 unchanged' in a
library of 130. Each photo is counted once, and the folder inside another is not a second root."""

from __future__ import annotations

from pathlib import Path

from phototagger.core.folders import library_roots
from tests.photo_factory import real_photo
from tests.scan_helpers import never_load, new_library, run_scan


def test_a_folder_given_twice_or_inside_another_is_scanned_once(engine, tmp_path: Path) -> None:
    pics = tmp_path / "Pictures"
    real_photo(pics / "cat.jpg", "chelsea")
    real_photo(pics / "2024" / "coffee.jpg", "coffee")
    with new_library() as lib:
        roots = [pics / "2024", pics, Path(f"{pics}/"), pics / "2024" / "coffee.jpg"]
        first = run_scan(lib, roots, engine)
        assert (first.found, first.new, first.tagged) == (2, 2, 2)
        again = run_scan(lib, [pics, Path(f"{pics}/"), pics / "2024"], never_load)
        assert (again.found, again.unchanged, again.new) == (2, 2, 0)
        assert library_roots(lib.db) == [str(pics)]
