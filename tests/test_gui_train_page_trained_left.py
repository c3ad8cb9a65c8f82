"""A version trained and neither applied nor discarded before the app closed: reopened, the
Train page said only '10 corrections since model v1' beside Train New Model, as if nothing had
been trained (found teaching 'monkeys' from 10 photos); a second run made it over as v3, and
Versions listed both. The page now names the version trained on these very answers, and its
link shows it under Versions, selected, to make active or discard. An answer since leaves the
version behind: then nothing is said."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core import labels
from phototagger.core.library import open_library
from phototagger.core.retrain import train_candidate
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library


def test_a_version_trained_and_left_is_named(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 60)
        labels.apply_edits(lib.db, labels.decision_edits(ids[:10], "monkeys", "add"))
        labels.apply_edits(lib.db, labels.decision_edits(ids[10:40], "monkeys", "reject"))
        version = train_candidate(lib).version  # then the app closed, nothing decided
    window = open_window(qtbot, None, tmp_path)
    window._show_retrain("train")
    panel = window.retrain
    page = panel.train_page
    page.reload()
    settle(qtbot, window)
    text = page.summary.text()
    assert f"<b>Model {version}</b> was trained on them and neither applied nor discarded" in text
    assert f"<a href='{version}'>" in text
    page.summary.linkActivated.emit(version)  # the link clicked
    settle(qtbot, window)
    assert panel.currentWidget() is panel.versions_page
    selected = panel.versions_page.selected()
    assert selected is not None and selected.version == version
    assert panel.versions_page.activate_button.isEnabled()

    # One more answer: the version no longer holds every answer; training again is the way.
    window.decide([ids[50]], "monkeys", "reject")
    page.reload()
    settle(qtbot, window)
    assert "neither applied" not in page.summary.text()
    assert page.train_button.isEnabled()
