"""After Apply, a tag taught with yes answers and too few "no" (core/no_answers.py: fewer than
CALIBRATE_MIN) lost its warning with the result, and the Train page said only "Nothing new to
learn yet: accept, reject or add tags, then train", with no pointer to what to do. It now names
the next step, the tag's review queue (a link that opens the Review tab on it), until the tag
has enough "no" answers to be told apart."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt

from phototagger.core.tag_learning import CALIBRATE_MIN
from phototagger.gui.retrain_train import REVIEW
from tests.gui_helpers import JOB_TIMEOUT_MS, applied, open_window, settle
from tests.retrain_helpers import label_faces, library_from


def test_after_apply_the_train_page_points_to_the_review_queue(
    qtbot, engine, template: Path, tmp_path: Path
) -> None:
    lib, pics = library_from(template)
    label_faces(lib, pics, positives=6, negatives=2)  # taught with 2 "no" answers
    lib.close()
    window = open_window(qtbot, engine, tmp_path)
    qtbot.keyClick(window.grid, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    page = window.retrain.train_page
    settle(qtbot, window)
    assert page.train_button.isEnabled()
    with qtbot.waitSignal(page.trained, timeout=JOB_TIMEOUT_MS):
        qtbot.mouseClick(page.train_button, Qt.MouseButton.LeftButton)
    # Warned before Apply, as before: of its few "no", or (on no photo besides its yes
    # answers) that it goes on none, said in place of the warning (kwspread37).
    assert page.result is not None
    if page.result.counts["few_photos"].get("face", {}).get("others") == 0:
        assert page.few_photos_note.isVisibleTo(page) and "“face” goes on no photo" in (
            page.few_photos_note.text()
        )
        assert "face:" not in page.few_no_note.text()
    else:
        assert page.few_no_note.isVisibleTo(page)
    said = applied(qtbot, window)
    assert not page.train_button.isEnabled() and "Nothing new to learn yet" in said
    # The next step, by the tag's name, with how many "no" answers it has and needs.
    assert "review “face”</a> in the Review tab: answer the photos it asks about" in said, said
    assert f"it has 2 “no” answers; {CALIBRATE_MIN} are needed" in said
    assert "accept, reject or add tags" not in said
    # Its link opens the Review tab on the tag's queue, which takes the keys.
    links = re.findall(r"href='([^']+)'", said)
    (link,) = [link for link in links if link.startswith(REVIEW)]
    page.summary.linkActivated.emit(link)
    settle(qtbot, window)
    review = window.retrain.review_page
    assert window.retrain.currentWidget() is review
    assert review.tag == "face" and review.items, review.question.text()
    assert review.list.hasFocus()
    # Answered no on photos it should not have: something new to learn, and no pointer.
    for _ in range(CALIBRATE_MIN - 2):
        qtbot.keyClick(review.list, Qt.Key.Key_R)
    settle(qtbot, window)
    page.reload()
    settle(qtbot, window)
    assert page.train_button.isEnabled()
    assert REVIEW not in page.summary.text()
