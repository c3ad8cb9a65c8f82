"""polish35: three answers given in the Review tab, trained and applied (v6), two of them taken
back with Ctrl+Z: the Train page said "0 corrections since model v6." over an enabled Train
New Model, not why there was anything to train. It says the answers on the tag changed since
the model learned them now."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.store.photos import all_photos
from tests.gui_helpers import applied, open_window, settle
from tests.retrain_helpers import label_faces, library_from


def test_answers_taken_back_after_training_are_said(
    qtbot: QtBot, engine: object, template: Path, tmp_path: Path
) -> None:
    lib, pics = library_from(template)
    label_faces(lib, pics, positives=6, negatives=6)
    ids = {p.path: p.id for p in all_photos(lib.db)}
    lib.close()
    window = open_window(qtbot, engine, tmp_path)
    window.decide([ids[str(pics / "face006.jpg")]], "face", "add")
    settle(qtbot, window)
    window._show_retrain("train")
    page = window.retrain.train_page
    said = applied(qtbot, window)
    assert said.startswith("<b>0 corrections</b> since model <b>v2</b>."), said
    assert "changed since" not in said

    window.undo_stack.undo()  # the answer v2 learned from, taken back
    settle(qtbot, window)
    page.reload()
    settle(qtbot, window)
    said = page.summary.text()
    assert page.train_button.isEnabled()
    assert said.startswith(
        "<b>0 corrections</b> since model <b>v2</b>. Your answers on “face” changed since model "
        "v2 learned them (some taken back, or their photos left the library): train to learn "
        "them as they are now."
    ), said
