"""After Apply, the Train page's next step was a default tag short of answers, not the tag just
taught: with 'kitchen things' taught and one "no" given on the default tag 'kitchen' in
passing, it said "'kitchen' needs 5 more yes and 4 more no answers" (polish28), nine answers on
a tag the user was not teaching. The tag just taught comes first now: its review queue (a link
to it), the review loop that improves it, until the user answers anything else."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.labels import label_paths
from phototagger.gui.main_window import MainWindow
from phototagger.gui.retrain_train import REVIEW
from tests.gui_helpers import applied, open_window, settle
from tests.retrain_helpers import label_faces, library_from


def face_taught(
    qtbot: QtBot, engine: object, template: Path, tmp_path: Path
) -> tuple[MainWindow, Path, str]:
    """'face' taught (6 yes, 12 no) and one "no" to the default tag 'animal' in passing; the
    window on it, its Train page's run applied: (the window, the photos, what the page says)."""
    lib, pics = library_from(template)
    label_faces(lib, pics, positives=6, negatives=12)  # 'face' taught, with enough "no"
    label_paths(lib.db, [str(pics / "coffee.jpg")], reject=["animal"])  # one "no" in passing
    lib.close()
    window = open_window(qtbot, engine, tmp_path)
    qtbot.keyClick(window.grid, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    return window, pics, applied(qtbot, window)


def test_after_apply_the_next_step_is_the_taught_tag_s_queue(
    qtbot, engine, template: Path, tmp_path: Path
) -> None:
    window, pics, said = face_taught(qtbot, engine, template, tmp_path)
    page = window.retrain.train_page
    assert not page.train_button.isEnabled() and "Nothing new to learn yet" in said
    assert (
        f"<a href='{REVIEW}face'>review “face”</a> in the Review tab, the tag you just "
        "taught: answer the photos it asks about, yes or no, then train again" in said
    ), said
    assert "'animal' needs" not in said

    # An answer given since: the step follows what the user does now, the tag just answered
    # ('cup', 5 photos short, is nearer learnable than 'animal', 9 answers short:
    # test_gui_train_next_step_closest.py).
    coffee = window.db.execute(
        "SELECT id FROM photos WHERE path = ?", [str(pics / "coffee.jpg")]
    ).fetchone()[0]
    window.decide([coffee], "cup", "reject")
    settle(qtbot, window)
    page.reload()
    settle(qtbot, window)
    said = page.summary.text()
    assert REVIEW not in said
    assert "add “cup” to 5 more photos" in said, said
