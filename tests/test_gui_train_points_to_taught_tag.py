"""After Apply, the Train page's next step was a default tag short of answers, not the tag just
taught: with 'kitchen things' taught and one "no" given on the default tag 'kitchen' in
passing, it said "'kitchen' needs 5 more yes and 4 more no answers" (polish28), nine answers on
a tag the user was not teaching. The tag just taught comes first now: its review queue (a link
to it), the review loop that improves it, until the user answers anything else."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from phototagger.core.labels import label_paths
from phototagger.gui.retrain_train import REVIEW
from tests.gui_helpers import applied, open_window, settle
from tests.retrain_helpers import label_faces, library_from


def test_after_apply_the_next_step_is_the_taught_tag_s_queue(
    qtbot, engine, template: Path, tmp_path: Path
) -> None:
    lib, pics = library_from(template)
    label_faces(lib, pics, positives=6, negatives=12)  # 'face' taught, with enough "no"
    label_paths(lib.db, [str(pics / "coffee.jpg")], reject=["animal"])  # one "no" in passing
    lib.close()
    window = open_window(qtbot, engine, tmp_path)
    qtbot.keyClick(window.grid, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    page = window.retrain.train_page
    settle(qtbot, window)
    said = applied(qtbot, window)
    assert not page.train_button.isEnabled() and "Nothing new to learn yet" in said
    assert (
        f"<a href='{REVIEW}face'>review “face”</a> in the Review tab, the tag you just "
        "taught: answer the photos it asks about, yes or no, then train again" in said
    ), said
    assert "'animal' needs" not in said

    # An answer given since: the step follows what the user does now, the default tag.
    coffee = window.db.execute(
        "SELECT id FROM photos WHERE path = ?", [str(pics / "coffee.jpg")]
    ).fetchone()[0]
    window.decide([coffee], "cup", "reject")
    settle(qtbot, window)
    page.reload()
    settle(qtbot, window)
    said = page.summary.text()
    assert REVIEW not in said
    assert "'animal' needs 5 more yes and 4 more no answers" in said, said
