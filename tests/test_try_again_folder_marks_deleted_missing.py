"""File ▸ Problems ▸ Try Again on a whole folder (one listed because it could not be opened, or
was not there: a card taken out) walked it whole and found its photos again, but left those
deleted from it meanwhile in the grid, as if still there, until the next scan. It now marks them
missing, as a scan of that folder would, and leaves every other folder to the next scan."""

from __future__ import annotations

import shutil
from pathlib import Path

from phototagger.core.scan import scan
from phototagger.core.states import PhotoStatus
from phototagger.core.try_again import READABLE, try_again
from phototagger.store.photos import get_photo_by_path
from phototagger.store.problems import get_problem
from tests.photo_factory import headless_copy
from tests.scan_helpers import never_load, new_library

DET = Path("/work/shared/data/det-photos")
SOURCES = sorted(DET.glob("*.jpg"))[300:304]


def test_try_again_on_a_folder_marks_the_photos_deleted_from_it_missing(tmp_path: Path) -> None:
    card, other = tmp_path / "card", tmp_path / "other"
    card.mkdir()
    other.mkdir()
    # Photos that cannot be read: none is tagged, so no model is needed.
    kept = headless_copy(SOURCES[0], card / "IMG_1.jpg")
    deleted = headless_copy(SOURCES[1], card / "IMG_2.jpg")
    in_sub = headless_copy(SOURCES[2], card / "DCIM" / "IMG_3.jpg")
    elsewhere = headless_copy(SOURCES[3], other / "IMG_4.jpg")
    with new_library() as lib:
        db = lib.db
        scan(lib, [str(card), str(other)], never_load)
        away = tmp_path / "card-away"
        card.rename(away)  # the card taken out: the folder is listed as not there
        scan(lib, [str(card)], never_load)
        assert get_problem(db, str(card)) is not None
        away.rename(card)  # put back, two of its photos deleted meanwhile
        deleted.unlink()
        in_sub.unlink()
        elsewhere.unlink()  # in another folder: the next scan's

        summary = scan(lib, [str(card)], never_load, exactly=True)

        def status(path: Path) -> str | None:
            photo = get_photo_by_path(db, str(path))
            return None if photo is None else photo.status

        assert summary.missing == 2
        assert status(deleted) == status(in_sub) == PhotoStatus.MISSING
        assert status(kept) == PhotoStatus.PROBLEM
        assert status(elsewhere) == PhotoStatus.PROBLEM  # not looked at
        assert get_problem(db, str(card)) is None
        assert get_problem(db, str(deleted)) is None
        assert get_problem(db, str(kept)) is not None


def test_try_again_chosen_folder_through_the_problems_list(tmp_path: Path) -> None:
    """The same through Try Again itself: the folder can be opened now, and the photo deleted
    from it is missing (its tags kept, should it come back), not left in the grid."""
    card = tmp_path / "card"
    card.mkdir()
    kept = headless_copy(SOURCES[0], card / "IMG_1.jpg")
    deleted = headless_copy(SOURCES[1], card / "IMG_2.jpg")
    with new_library() as lib:
        scan(lib, [str(card)], never_load)
        away = Path(shutil.move(card, tmp_path / "card-away"))
        scan(lib, [str(card)], never_load)
        shutil.move(away, card)
        deleted.unlink()

        tried = try_again(lib, [str(card)], never_load, None)

        assert [(t.name, t.outcome) for t in tried.files] == [("card", READABLE)]
        photo = get_photo_by_path(lib.db, str(deleted))
        assert photo is not None and photo.status == PhotoStatus.MISSING
        still = get_photo_by_path(lib.db, str(kept))
        assert still is not None and still.status == PhotoStatus.PROBLEM
