"""Find Duplicates: moving a spare copy to the trash moves the user's work on it onto the copy
kept. The tags they added or confirmed on the copy, the keywords of its file and the tags they
rejected there were lost with it; now they go onto the kept copy, noting which copy they came
from, except where the kept copy has the opposite answer (its own stays, and the dialog says
so). The dialog and the trash question say what moves; Undo takes exactly it off again.

A real library scanned with the real model, real det-photos (the original and a recompressed
copy, a keyword written into the copy with exiv2), the real dialog offscreen.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt

from phototagger.core.library import open_library
from phototagger.core.states import TagState
from phototagger.core.trash import mark_trashed, restore_trashed
from phototagger.paths import default_home
from phototagger.store.carried import carried_onto
from phototagger.store.photos import get_photo_by_path
from phototagger.store.tags import (
    SavedTagRow,
    add_user_tag,
    reject_tag,
    restore_rows,
    tags_of_photo,
)
from tests.gui_helpers import open_window, settle, trash_in_folder
from tests.keyword_readers import exiv2_set
from tests.scan_helpers import run_scan
from tests.test_similar_figure_means_something import det_photos

ORIGINAL = "n01662784_2198_turtle.jpg"  # a 167 KB JPEG, 500x441
LAST_YEAR, LAST_WEEK = "2025-11-25T10:00:00+00:00", "2026-11-25T10:00:00+00:00"


def _rows(db, photo_id: int) -> dict[str, tuple[str | None, float | None]]:
    return {t.name: (t.state, t.confidence) for t in tags_of_photo(db, photo_id)}


def test_the_tags_given_a_copy_going_to_the_trash_move_to_the_copy_kept(
    qtbot, engine, tmp_path: Path
) -> None:
    pics = tmp_path / "pics"
    (pics / "edits").mkdir(parents=True)
    kept_path = Path(shutil.copy(det_photos() / ORIGINAL, pics / "IMG_0001.jpg"))
    copy_path = pics / "edits" / "IMG_0001-small.jpg"
    with Image.open(kept_path) as img:
        img.save(copy_path, quality=40)  # the same picture, smaller: the original is kept
    exiv2_set(copy_path, "add Iptc.Application2.Keywords String seashore")
    with open_library(default_home()) as library:
        run_scan(library, [pics], engine)
        db = library.db
        kept = get_photo_by_path(db, str(kept_path)).id  # type: ignore[union-attr]
        copy = get_photo_by_path(db, str(copy_path)).id  # type: ignore[union-attr]
        assert _rows(db, copy)["seashore"][0] == TagState.FILE
        # The model's suggestions on both copies: one confirmed on the copy, one rejected there.
        both = [
            name
            for name, (state, _) in _rows(db, copy).items()
            if state is None and _rows(db, kept).get(name, ("x",))[0] is None
        ]
        assert len(both) >= 2, both
        confirmed, rejected = both[0], both[1]
        add_user_tag(db, copy, confirmed)
        reject_tag(db, copy, rejected)
        add_user_tag(db, copy, "rock pool")
        # The user says "turtle" on the kept copy and rejected it on the copy: the kept one's stays.
        add_user_tag(db, kept, "turtle")
        reject_tag(db, copy, "turtle")
        kept_before = _rows(db, kept)
        copy_before = _rows(db, copy)

    window = open_window(qtbot, engine, tmp_path)
    trash_in_folder(window, tmp_path / "trash")
    asked: list[str] = []

    def confirm(_parent: object, _title: str, text: str) -> bool:
        asked.append(text)
        return True

    window.tools.confirm = confirm
    dialog = window.tools.open_duplicates()
    qtbot.waitUntil(lambda: bool(dialog.groups), timeout=20_000)
    assert dialog.groups[0].photo_ids == [kept, copy]
    assert dialog.unticked() == [copy] and dialog.onto() == {copy: kept}
    note = dialog.carry_note.text()
    assert dialog.carry_note.isVisibleTo(dialog)
    assert note.startswith("3 tags you added (") and "1 you rejected" in note, note
    assert "move to IMG_0001.jpg." in note
    for tag in (confirmed, rejected, "rock pool", "seashore"):
        assert f"“{tag}”" in note
    assert "“turtle”: IMG_0001.jpg keeps its own answer (it has it" in note
    assert "IMG_0001-small.jpg" in note

    dialog.trash_unticked()
    settle(qtbot, window)
    assert len(asked) == 1 and asked[0].endswith(note)
    assert not copy_path.exists()
    db = window.db
    after = _rows(db, kept)
    assert after[confirmed] == (TagState.ACCEPTED, kept_before[confirmed][1])  # its score kept
    assert after[rejected] == (TagState.REJECTED, kept_before[rejected][1])
    assert after["rock pool"][0] == TagState.ADDED
    assert after["seashore"][0] == TagState.ADDED  # a keyword of the copy's file, now the user's
    assert after["turtle"][0] == TagState.ADDED  # the kept copy's own answer
    assert {k: v for k, v in after.items() if k not in (confirmed, rejected)} == {
        **{k: v for k, v in kept_before.items() if k not in (confirmed, rejected)},
        "rock pool": after["rock pool"],
        "seashore": after["seashore"],
    }
    assert carried_onto(db, kept) == dict.fromkeys(
        sorted([confirmed, rejected, "rock pool", "seashore"]), str(copy_path)
    )

    # Undo brings the copy back with its own answers and takes the carried ones off the kept
    # copy, the model's suggestions there back as they were; redo carries them once again.
    window.undo_stack.undo()
    settle(qtbot, window)
    assert copy_path.exists()
    assert _rows(db, kept) == kept_before and _rows(db, copy) == copy_before
    assert carried_onto(db, kept) == {}
    window.undo_stack.redo()
    settle(qtbot, window)
    assert _rows(db, kept) == after and len(carried_onto(db, kept)) == 4
    window.undo_stack.undo()
    settle(qtbot, window)
    assert _rows(db, kept) == kept_before


def test_an_answer_changed_on_the_kept_copy_since_stays_when_the_copy_comes_back(
    qtbot, engine, tmp_path: Path
) -> None:
    """The user removes a carried tag from the kept copy after the trash, then undoes the
    trash: that answer is theirs now, and the copy's return does not bring it back."""
    pics = tmp_path / "pics"
    pics.mkdir()
    kept_path = Path(shutil.copy(det_photos() / ORIGINAL, pics / "turtle.jpg"))
    copy_path = pics / "turtle-q40.jpg"
    with Image.open(kept_path) as img:
        img.save(copy_path, quality=40)
    with open_library(default_home()) as library:
        run_scan(library, [pics], engine)
        copy = get_photo_by_path(library.db, str(copy_path)).id  # type: ignore[union-attr]
        kept = get_photo_by_path(library.db, str(kept_path)).id  # type: ignore[union-attr]
        add_user_tag(library.db, copy, "rock pool")
        add_user_tag(library.db, copy, "shell")
    window = open_window(qtbot, engine, tmp_path)
    trash_in_folder(window, tmp_path / "trash")
    dialog = window.tools.open_duplicates()
    qtbot.waitUntil(lambda: bool(dialog.groups), timeout=20_000)
    # Ticking both keeps both: nothing goes, nothing is said to move.
    dialog.photo_items()[1].setCheckState(0, Qt.CheckState.Checked)
    assert not dialog.carry_note.isVisibleTo(dialog) and dialog.onto() == {}
    dialog.photo_items()[1].setCheckState(0, Qt.CheckState.Unchecked)
    assert "2 tags you added (“rock pool”, “shell”) move to turtle.jpg." in (
        dialog.carry_note.text()
    )
    dialog.trash_unticked()
    settle(qtbot, window)
    db = window.db
    reject_tag(db, kept, "shell")  # the user's own answer on the kept copy since
    window.undo_stack.undo()
    settle(qtbot, window)
    rows = _rows(db, kept)
    assert "rock pool" not in rows and rows["shell"][0] == TagState.REJECTED
    assert _rows(db, copy)["shell"][0] == TagState.ADDED


def test_of_copies_answering_differently_the_latest_answer_goes_and_comes_back_off(
    engine, tmp_path: Path
) -> None:
    """Two copies going: the user added "heron" on one last year and rejected it on the other
    last week; the kept copy gets the rejection, from the second copy. Restoring the copies
    (core/trash, as Undo does) leaves the kept copy as it was."""
    pics = tmp_path / "pics"
    pics.mkdir()
    kept_path = Path(shutil.copy(det_photos() / ORIGINAL, pics / "turtle.jpg"))
    with Image.open(kept_path) as img:
        img.save(pics / "turtle-q60.jpg", quality=60)
        img.save(pics / "turtle-q40.jpg", quality=40)
    with open_library(default_home()) as library:
        run_scan(library, [pics], engine)
        db = library.db
        kept, older, newer = (
            get_photo_by_path(db, str(pics / name)).id  # type: ignore[union-attr]
            for name in ("turtle.jpg", "turtle-q60.jpg", "turtle-q40.jpg")
        )
        restore_rows(
            db,
            {
                (older, "heron"): SavedTagRow(
                    None, None, TagState.ADDED, "2025-06-01T10:00:00+00:00"
                ),
                (newer, "heron"): SavedTagRow(
                    None, None, TagState.REJECTED, "2026-11-25T10:00:00+00:00"
                ),
            },
        )
        before = _rows(db, kept)
        statuses = mark_trashed(db, [older, newer], {older: kept, newer: kept})
        assert _rows(db, kept)["heron"] == (TagState.REJECTED, None)
        assert carried_onto(db, kept) == {"heron": str(pics / "turtle-q40.jpg")}
        restore_trashed(db, statuses)
        assert _rows(db, kept) == before and carried_onto(db, kept) == {}
        assert _rows(db, older)["heron"][0] == TagState.ADDED
