"""File ▸ Problems ▸ Try Again read the chosen files again by rescanning their whole library
folders: for 3 files in a folder of thousands it walked and stat'ed every one of them, read and
tagged any other photo changed there since the scan, and its progress counted files the user had
not chosen. It now reads exactly the chosen files (with the RAW beside a JPEG, and its sidecar):
a mended one can be read now, a deleted one is no longer there, and the other files of the
folder, changed or new, wait for the next scan."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from phototagger.core.jobs import Progress
from phototagger.core.scan import scan
from phototagger.core.try_again import GONE, READABLE, STILL, try_again
from phototagger.store.media import media_of
from phototagger.store.photos import get_photo_by_path
from phototagger.store.problems import get_problem
from phototagger.store.tags import add_user_tag, decisions_on
from tests import media_factory as mf
from tests.exiftool_process import exiftool
from tests.photo_factory import headless_copy
from tests.scan_helpers import never_load, new_library, run_scan, walk_only

DET = Path("/work/shared/data/det-photos")
SOURCES = sorted(DET.glob("*.jpg"))[200:213]


def test_try_again_reads_the_chosen_files_and_no_other(engine, tmp_path: Path) -> None:
    card = tmp_path / "card"
    card.mkdir()
    good = [card / f"DSC_{n}.jpg" for n in range(8)]
    for source, dest in zip(SOURCES[:8], good, strict=True):
        shutil.copyfile(source, dest)
    mended = headless_copy(SOURCES[8], card / "IMG_11.jpg")
    mf.raw_photo(card / "IMG_11.DNG")  # shot RAW+JPEG: the pair is one photo
    still = headless_copy(SOURCES[9], card / "IMG_12.jpg")
    deleted = headless_copy(SOURCES[10], card / "IMG_13.jpg")
    dropped = headless_copy(SOURCES[11], card / "IMG_14.jpg")  # its RAW is kept, below
    raw = mf.raw_photo(card / "IMG_14.DNG")
    with new_library() as lib:
        run_scan(lib, [card], engine)
        db = lib.db
        assert all(get_problem(db, str(p)) is not None for p in (mended, still, deleted))
        pair = get_photo_by_path(db, str(mended))
        assert pair is not None and media_of(db, [pair.id])[pair.id].companions == ("IMG_11.DNG",)

        kept = get_photo_by_path(db, str(dropped))
        assert kept is not None
        add_user_tag(db, kept.id, "Holidays")

        # Since the scan: one photo mended, one deleted, the JPEG of a pair deleted (its RAW
        # kept), and beside them, one photo edited elsewhere and one copied in: those two are
        # the next scan's, not Try Again's.
        shutil.copyfile(SOURCES[8], mended)
        deleted.unlink()
        dropped.unlink()
        # ... and its RAW given a keyword in digiKam.
        keyword = ["-XMP-digiKam:TagsList=Trips/Iceland"]
        exiftool("-q", "-o", str(raw) + ".xmp", *keyword, capture=False)
        edited = get_photo_by_path(db, str(good[0]))
        assert edited is not None
        shutil.copyfile(SOURCES[12], good[0])
        os.utime(good[0], (edited.mtime + 60, edited.mtime + 60))  # type: ignore[operator]
        copied_in = shutil.copyfile(SOURCES[12], card / "DSC_new.jpg")

        said: list[Progress] = []
        chosen = [str(mended), str(still), str(deleted), str(dropped)]
        tried = try_again(lib, chosen, lambda: engine, None, progress=said.append)

        assert [(t.path, t.outcome) for t in tried.files] == [
            (str(mended), READABLE),
            (str(still), STILL),
            (str(deleted), GONE),
            (str(dropped), GONE),
        ]
        assert tried.summary() == (
            "IMG_11.jpg can be read now, IMG_13.jpg and IMG_14.jpg are no longer there; "
            "IMG_12.jpg still cannot be read (File ▸ Problems)"
        )
        # The RAW its JPEG left is a photo of its own, with the pair's decisions.
        alone = get_photo_by_path(db, str(raw))
        assert alone is not None and alone.status == "tagged"
        assert decisions_on(db, "Holidays").get(alone.id) == "added"
        assert alone.id in decisions_on(db, "Trips/Iceland")  # its sidecar read
        now = get_photo_by_path(db, str(mended))
        assert now is not None and now.status == "tagged" and now.id == pair.id
        assert media_of(db, [now.id])[now.id].companions == ("IMG_11.DNG",)  # still a pair
        assert get_problem(db, str(mended)) is None and get_problem(db, str(deleted)) is None
        # The edited photo is as the scan left it, the new one unknown.
        assert get_photo_by_path(db, str(good[0])) == edited
        assert get_photo_by_path(db, str(copied_in)) is None
        # The progress spoke of the chosen files only: three found (two JPEGs and the RAW),
        # three read.
        walked = [p for p in said if p.phase == "looking for photos"]
        assert walked[-1].done == walked[-1].total == 3
        tagging = [p for p in said if p.phase == "tagging"]
        assert tagging and {p.total for p in tagging} == {3}

        # The next scan finds them both.
        summary = run_scan(lib, [card], engine)
        assert (summary.new, summary.changed) == (1, 1)
        assert get_photo_by_path(db, str(copied_in)) is not None


def test_try_again_leaves_the_photos_a_stopped_scan_left_waiting(tmp_path: Path) -> None:
    """Try Again tagged every photo a stopped scan had left waiting, anywhere in the library,
    loading the model for them, though the user chose only files that still cannot be read."""
    card = tmp_path / "card"
    card.mkdir()
    waiting = Path(shutil.copyfile(SOURCES[0], card / "DSC_1.jpg"))
    broken = headless_copy(SOURCES[1], card / "IMG_12.jpg")
    deleted = headless_copy(SOURCES[2], card / "IMG_13.jpg")
    walk_only(card)  # the scan stopped before it tagged any: all three are waiting
    deleted.unlink()
    with new_library() as lib:
        before = get_photo_by_path(lib.db, str(waiting))
        said: list[Progress] = []
        tried = try_again(lib, [str(broken), str(deleted)], never_load, None, progress=said.append)
        assert [(t.name, t.outcome) for t in tried.files] == [
            ("IMG_12.jpg", STILL),
            ("IMG_13.jpg", GONE),
        ]
        assert get_problem(lib.db, str(broken)) is not None
        assert get_photo_by_path(lib.db, str(waiting)) == before  # still waiting, untouched
        assert [p.total for p in said if p.phase == "tagging"][-1] == 1


def test_try_again_on_a_library_folder_whose_drive_is_unplugged(tmp_path: Path) -> None:
    """Try Again on a library folder listed because it no longer existed (its drive unplugged)
    took it off the list as if deleted ("card is no longer there"); it is still wrong."""
    card = tmp_path / "card"
    card.mkdir()
    with new_library() as lib:
        scan(lib, [str(card)], never_load)
        card.rmdir()  # the card taken out
        scan(lib, [str(card)], never_load)
        problem = get_problem(lib.db, str(card))
        assert problem is not None and "does not exist" in problem.message

        tried = try_again(lib, [str(card)], never_load, None)

        assert [(t.name, t.outcome, t.why) for t in tried.files] == [
            ("card", STILL, problem.message)
        ]
        still = get_problem(lib.db, str(card))  # still listed, as the scan lists it
        assert still is not None and (still.code, still.message) == (problem.code, problem.message)
