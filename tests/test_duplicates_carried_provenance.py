"""A tag Find Duplicates carried from a copy moved to the trash onto the copy kept says where it
came from in the details panel: it read "you added it" like one added on the kept photo itself,
so the user could not tell why a tag they never gave this photo was there.

A real library scanned with the real model, a real det-photo and a recompressed copy, the real
window offscreen.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from phototagger.core.duplicate_carry import carried_from
from phototagger.core.library import open_library
from phototagger.core.states import PhotoStatus, TagState
from phototagger.core.trash import mark_trashed
from phototagger.gui.elided_label import ElidedLabel
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from phototagger.store.tags import add_user_tag
from tests.gui_helpers import click_photo, open_window, settle
from tests.scan_helpers import run_scan
from tests.store_helpers import tag_states
from tests.test_duplicates_carry_tags import ORIGINAL
from tests.test_similar_figure_means_something import det_photos


def _source_line(window, tag: str) -> str:  # noqa: ANN001 - MainWindow
    row = next(r for r in window.details.tags.rows if r.entry.name == tag)
    labels = row.findChildren(ElidedLabel)
    assert any(label.full_text() == tag for label in labels)
    source = next(label.full_text() for label in labels if label.full_text() != tag)
    # The copy it came from has a line of its own under the tag (its full text in the tooltip).
    return source + (f" · {row.origin_label.toolTip()}" if row.origin_label else "")


def _two_copies(library, tmp_path: Path, engine) -> tuple[int, int, Path]:  # noqa: ANN001
    """The original and a recompressed copy under tmp_path/pics, scanned; the copy tagged
    "rock pool"."""
    pics = tmp_path / "pics"
    (pics / "edits").mkdir(parents=True)
    kept_path = Path(shutil.copy(det_photos() / ORIGINAL, pics / "IMG_0001.jpg"))
    copy_path = pics / "edits" / "IMG_0002-small.jpg"
    with Image.open(kept_path) as img:
        img.save(copy_path, quality=40)
    run_scan(library, [pics], engine)
    kept = get_photo_by_path(library.db, str(kept_path)).id  # type: ignore[union-attr]
    copy = get_photo_by_path(library.db, str(copy_path)).id  # type: ignore[union-attr]
    add_user_tag(library.db, copy, "rock pool")
    return kept, copy, copy_path


def _trash(db, copy: int, kept: int, copy_path: Path, trash: Path) -> Path:  # noqa: ANN001
    """What Find Duplicates' trash does: the file goes, its tags onto the kept copy."""
    trash.mkdir()
    copy_path.rename(trash / copy_path.name)
    mark_trashed(db, [copy], {copy: kept})
    return trash / copy_path.name


def test_a_carried_tag_says_which_copy_it_came_from(qtbot: QtBot, engine, tmp_path: Path) -> None:
    with open_library(default_home()) as library:
        kept, copy, copy_path = _two_copies(library, tmp_path, engine)
        add_user_tag(library.db, kept, "beach")
        _trash(library.db, copy, kept, copy_path, tmp_path / "trash")

    window = open_window(qtbot, engine, tmp_path)
    click_photo(qtbot, window, "IMG_0001.jpg")
    assert window.details.photo_ids == [kept]
    assert _source_line(window, "rock pool") == (
        "you added it · from IMG_0002-small.jpg (moved to the trash)"
    )
    assert _source_line(window, "beach") == "you added it"  # given here: nothing more

    # Once the user decides on it themselves, the tag is theirs on this photo.
    window.decide([kept], "rock pool", "reject")
    settle(qtbot, window)
    assert _source_line(window, "rock pool") == "you rejected it"


@pytest.mark.parametrize("back_to", ["edits", "restored"])
def test_a_copy_restored_from_the_trash_outside_the_app_takes_its_tags_back(
    engine, tmp_path: Path, back_to: str
) -> None:
    """The copy restored from the system trash (to where it was, or elsewhere) and found by the
    next scan has its own tags again; what was carried from it goes off the kept copy, as Undo
    does: the kept copy was left with a tag the user had given only the copy, counted twice."""
    pics = tmp_path / "pics"
    with open_library(default_home()) as library:
        db = library.db
        kept, copy, copy_path = _two_copies(library, tmp_path, engine)
        kept_before, copy_before = tag_states(db, kept), tag_states(db, copy)
        trashed = _trash(db, copy, kept, copy_path, tmp_path / "trash")
        assert tag_states(db, kept)["rock pool"] == TagState.ADDED
        run_scan(library, [pics], engine)  # still in the trash: nothing changes
        assert tag_states(db, kept)["rock pool"] == TagState.ADDED

        back = pics / back_to / copy_path.name
        back.parent.mkdir(exist_ok=True)
        trashed.rename(back)  # the file manager's Restore
        run_scan(library, [pics], engine)
        returned = get_photo_by_path(db, str(back))
        assert returned is not None and returned.id == copy
        assert returned.status == PhotoStatus.TAGGED
        assert tag_states(db, copy) == copy_before
        assert tag_states(db, kept) == kept_before
        assert carried_from(db, kept) == {}
