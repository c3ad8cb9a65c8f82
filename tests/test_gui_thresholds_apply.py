"""A threshold changed in Settings re-tags the library at once (from cached embeddings), and each
control starts from the value the tag uses now."""

from __future__ import annotations

from pathlib import Path

from phototagger.core.thresholds import model_thresholds
from tests.gui_helpers import JOB_TIMEOUT_MS, open_window, prescanned, settle, states


def test_threshold_change_applies_at_once(qtbot, engine, tmp_path: Path) -> None:
    pics = prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    assert "cat" in states(window, pics / "chelsea.jpg")
    own = model_thresholds(window.library)["cat"]
    dialog = window.open_settings()
    assert 0 < own < 0.99 and dialog.threshold("cat") == round(own, 2)
    dialog.set_threshold("cat", 0.99)
    with qtbot.waitSignal(window.jobs.idle, timeout=JOB_TIMEOUT_MS):
        dialog.accept()
    settle(qtbot, window)
    assert "cat" not in states(window, pics / "chelsea.jpg")  # no longer sure enough
    assert "tags changed with the new thresholds" in window.status.currentMessage()
    assert window.sidebar.tag_count("cat") is None

    again = window.open_settings()
    assert again.threshold("cat") == 0.99
    again.set_threshold("cat", round(own, 2))  # back to the model's own: no override kept
    with qtbot.waitSignal(window.jobs.idle, timeout=JOB_TIMEOUT_MS):
        again.accept()
    settle(qtbot, window)
    assert "cat" in states(window, pics / "chelsea.jpg")
