"""The Model dock keeps its width when training reports and its results arrive: the lines that
name a tag (the preview's caption, the progress line) wrap instead of widening the dock, which
used to grow from 340 to 515 pixels and push the grid from four columns to three."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.jobs import Progress
from phototagger.core.library import open_library
from phototagger.core.retrain import TrainingResult
from phototagger.core.version_diff import TagChange
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library

LONG_TAG = "grandma's garden in the late afternoon"


def test_results_and_progress_do_not_widen_the_dock(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 20)
    window = open_window(qtbot, None, tmp_path)
    window.resize(1280, 800)
    window.commands.train.trigger()
    settle(qtbot, window)
    dock, panel, page = window.retrain_dock, window.retrain, window.retrain.train_page
    width = dock.width()
    assert width < 400  # the dock's own width, not the text's

    # The progress line of a long job names the tag being fitted.
    page.progress_text.show()
    page._progress(Progress("training", 3, 9, detail=f"fit {LONG_TAG}, epoch 12/40, loss 0.213"))
    assert panel.minimumSizeHint().width() <= width

    change = TagChange(LONG_TAG, 0, 14, added=14, removed=3, added_ids=ids[:14])
    learned = {LONG_TAG: {"how": "examples", "label": "from your examples"}}
    result = TrainingResult(
        "v2", "v1", [], True, f"learned {LONG_TAG}", {"learned": learned}, 1.0, [change]
    )
    page.show_result(result)
    settle(qtbot, window)
    caption = page.changes.caption
    assert caption.text().startswith(f"“{LONG_TAG}”: 14 photos newly tagged, 3 untagged")
    assert panel.minimumSizeHint().width() <= width
    qtbot.wait(50)  # the dock would take its new minimum on the next layout pass
    assert dock.width() == width
    # Wrapped, the whole caption is still shown: as tall as its text needs at this width.
    qtbot.waitUntil(lambda: caption.height() >= caption.heightForWidth(caption.width()))
