"""The Review tab follows the active model: after a version is applied or rolled back, the queue
shown is the new version's, not the previous one's photos and confidences."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.model.review import review_queue
from phototagger.paths import default_home
from tests.gui_helpers import JOB_TIMEOUT_MS, open_window, settle
from tests.switch_helpers import save_second_version, synthetic_library


def _queue(window) -> list[tuple[int, float]]:  # noqa: ANN001 - the MainWindow
    return [(i.photo_id, round(i.confidence, 4)) for i in window.retrain.review_page.items]


def test_the_review_queue_is_the_active_versions(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 60)
    version = save_second_version()  # suggests more than v1: other confidences, other photos
    window = open_window(qtbot, None, tmp_path)
    tag = "animal"
    window._show_retrain("review")
    window.retrain.review_page.load(tag)
    settle(qtbot, window)
    before = _queue(window)
    assert before

    for switch_to in (version, "v1"):  # applied, then rolled back
        versions = window.retrain.versions_page
        versions.select(switch_to)
        with qtbot.waitSignal(window.retrain.activated, timeout=JOB_TIMEOUT_MS):
            versions.activate_button.click()
        settle(qtbot, window)
        expected = [(i.photo_id, round(i.confidence, 4)) for i in review_queue(window.library, tag)]
        assert _queue(window) == expected
        assert window.retrain.review_page.tag == tag
    assert _queue(window) == before
