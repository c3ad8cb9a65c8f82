"""Problems ▸ Try Again on a copy a keyword write left behind, once it could be removed, said
".IMG_1.jpg.k3j9x_0a.phototagger-tmp is no longer there", as of a file someone else deleted: it
was Try Again that removed it. It now says it was removed."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from phototagger.core.try_again import try_again
from tests.scan_helpers import never_load, new_library, two_photos, walk_only
from tests.test_scan_tells_of_left_copies import _left_copy


def test_try_again_says_the_copy_was_removed(tmp_path: Path) -> None:
    pics = two_photos(tmp_path / "pics")
    copy = _left_copy(sorted(pics.glob("*.jpg"))[0])
    # Immutable (which stops root too): the scan cannot remove it, and lists it.
    made = subprocess.run(["chattr", "+i", str(copy)], capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip("chattr +i is not available here: the copy would be removed")
    try:
        assert walk_only(pics).left_copies.keys() == {str(copy)}
        with new_library() as lib:
            tried = try_again(lib, [str(copy)], never_load, None)
        assert tried.summary().startswith(f"{copy.name} still could not be removed: ")
    finally:
        subprocess.run(["chattr", "-i", str(copy)], check=True)
    with new_library() as lib:
        tried = try_again(lib, [str(copy)], never_load, None)
        assert tried.summary() == f"{copy.name} was removed"
        assert [t.name for t in tried.fixed] == [copy.name]
    assert not copy.exists()
