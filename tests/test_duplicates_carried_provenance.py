"""A tag Find Duplicates carried from a copy moved to the trash onto the copy kept says where it
came from in the details panel: it read "you added it" like one added on the kept photo itself,
so the user could not tell why a tag they never gave this photo was there.

A real library scanned with the real model, a real det-photo and a recompressed copy, the real
window offscreen.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.trash import mark_trashed
from phototagger.gui.elided_label import ElidedLabel
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from phototagger.store.tags import add_user_tag
from tests.gui_helpers import click_photo, open_window, settle
from tests.scan_helpers import run_scan
from tests.test_duplicates_carry_tags import ORIGINAL
from tests.test_similar_figure_means_something import det_photos


def _source_line(window, tag: str) -> str:  # noqa: ANN001 - MainWindow
    row = next(r for r in window.details.tags.rows if r.entry.name == tag)
    labels = row.findChildren(ElidedLabel)
    assert any(label.full_text() == tag for label in labels)
    return next(label.full_text() for label in labels if label.full_text() != tag)


def test_a_carried_tag_says_which_copy_it_came_from(qtbot: QtBot, engine, tmp_path: Path) -> None:
    pics = tmp_path / "pics"
    (pics / "edits").mkdir(parents=True)
    kept_path = Path(shutil.copy(det_photos() / ORIGINAL, pics / "IMG_0001.jpg"))
    copy_path = pics / "edits" / "IMG_0002-small.jpg"
    with Image.open(kept_path) as img:
        img.save(copy_path, quality=40)
    with open_library(default_home()) as library:
        run_scan(library, [pics], engine)
        db = library.db
        kept = get_photo_by_path(db, str(kept_path)).id  # type: ignore[union-attr]
        copy = get_photo_by_path(db, str(copy_path)).id  # type: ignore[union-attr]
        add_user_tag(db, copy, "rock pool")
        add_user_tag(db, kept, "beach")
        # What Find Duplicates' trash does: the file goes, its tags onto the kept copy.
        (tmp_path / "trash").mkdir()
        copy_path.rename(tmp_path / "trash" / copy_path.name)
        mark_trashed(db, [copy], {copy: kept})

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
