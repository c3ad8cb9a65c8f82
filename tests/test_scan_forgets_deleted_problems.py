"""A bad file the user deleted stayed in `phototagger problems` (and the problem count of
`stats` and the app) after every rescan: 'zero.jpg EMPTY: the file is empty ... re-copy it', for
a file no longer there. A rescan of its folder drops it; a bad file still there stays."""

from __future__ import annotations

from pathlib import Path

from phototagger.store.problems import list_problems
from tests.photo_factory import empty_file, real_photo, text_as_jpg, truncated_jpeg
from tests.scan_helpers import never_load, new_library, run_scan


def test_a_deleted_bad_file_is_no_longer_a_problem(engine, tmp_path: Path) -> None:
    pics = tmp_path / "Pictures"
    real_photo(pics / "cat.jpg", "chelsea")
    empty = empty_file(pics / "bad" / "zero.jpg")
    fake = text_as_jpg(pics / "bad" / "notes.jpg")
    kept = truncated_jpeg(pics / "broken.jpg")
    with new_library() as lib:
        assert run_scan(lib, [pics], engine).problems == 3
        empty.unlink()
        fake.unlink()
        assert run_scan(lib, [pics], never_load).missing == 2
        assert [p.path for p in list_problems(lib.db)] == [str(kept)]
        # A scan of another folder leaves this one's problems alone.
        other = tmp_path / "Other"
        real_photo(other / "cup.jpg", "coffee")
        run_scan(lib, [other], engine)
        assert [p.path for p in list_problems(lib.db)] == [str(kept)]


def test_a_folder_that_was_missing_and_is_back_is_no_problem(tmp_path: Path) -> None:
    """'scan /media/card' before the card was mounted recorded 'this folder does not exist (was
    a drive unplugged?)'; scanned again once it is there, the problem stayed."""
    card = tmp_path / "card"
    with new_library() as lib:
        assert run_scan(lib, [card], never_load).problems == 1
        assert [p.code for p in list_problems(lib.db)] == ["MISSING_FOLDER"]
        card.mkdir()
        assert run_scan(lib, [card], never_load).problems == 0
        assert list_problems(lib.db) == []
