"""Moving photos on disk keeps them: a photo whose keywords were written into it, and two
identical copies moved together (a folder renamed in the file manager, then File > Rescan)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from phototagger.core.labels import label_paths
from phototagger.core.metadata.job import write_keywords
from phototagger.core.metadata.write import WriteOptions
from phototagger.core.scan import scan
from phototagger.store.photos import get_photo_by_path
from phototagger.store.tags import tags_of_photo
from tests.photo_factory import real_photo
from tests.scan_helpers import never_load, new_library, run_scan
from tests.store_helpers import tag_states


def _photo(lib, path: Path):  # noqa: ANN202 - a store Photo
    photo = get_photo_by_path(lib.db, str(path))
    assert photo is not None, f"{path.name} is not in the library"
    return photo


def test_a_photo_with_keywords_written_into_it_is_recognised_when_moved(
    engine, tmp_path: Path
) -> None:
    pics = tmp_path / "Zoo"
    path = real_photo(pics / "chelsea.jpg", "chelsea")
    with new_library() as lib:
        run_scan(lib, [tmp_path], engine)
        label_paths(lib.db, [str(path)], add=["Bauernhof"], reject=["dog"])
        original = _photo(lib, path)
        written = write_keywords(lib.db, [original.id], WriteOptions(target="embed"))
        assert written.written == 1
        moved = tmp_path / "Tierpark Zoo" / "chelsea.jpg"
        os.renames(pics, moved.parent)

        summary = scan(lib, [str(tmp_path)], never_load)  # a move needs no tagging

        assert (summary.moved, summary.new, summary.missing) == (1, 0, 0)
        photo = _photo(lib, moved)
        assert photo.id == original.id
        states = tag_states(lib.db, photo.id)
        assert states["dog"] == "rejected" and states["Bauernhof"] == "added"
        assert get_photo_by_path(lib.db, str(path)) is None


def test_identical_copies_moved_together_stay_two_photos(engine, tmp_path: Path) -> None:
    pics = tmp_path / "Zoo"
    first = real_photo(pics / "a.jpg", "chelsea")
    copy = pics / "copy of a.jpg"
    shutil.copyfile(first, copy)
    with new_library() as lib:
        run_scan(lib, [tmp_path], engine)
        label_paths(lib.db, [str(first)], add=["mine"])
        label_paths(lib.db, [str(copy)], add=["the copy"])
        ids = {_photo(lib, first).id, _photo(lib, copy).id}
        renamed = tmp_path / "Tierpark"
        os.rename(pics, renamed)

        summary = scan(lib, [str(tmp_path)], never_load)

        assert (summary.found, summary.moved, summary.missing) == (2, 2, 0)
        now = [_photo(lib, renamed / "a.jpg"), _photo(lib, renamed / "copy of a.jpg")]
        assert {p.id for p in now} == ids
        assert all(p.status == "tagged" for p in now)
        mine = {t.name for p in now for t in tags_of_photo(lib.db, p.id) if t.state == "added"}
        assert mine == {"mine", "the copy"}
