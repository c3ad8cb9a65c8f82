"""After a threshold was changed in Settings the status bar said "Settings saved; 4 photos
re-tagged with the new thresholds": every photo is scored again, so it counted them all, whether
or not any tag changed. It now says how many photos' tags changed, counted while re-tagging, in
the words a switch of model version uses (core/model/activation.py changed_words)."""

from __future__ import annotations

from pathlib import Path

from phototagger.core.thresholds import model_thresholds
from tests.gui_helpers import JOB_TIMEOUT_MS, open_window, prescanned, settle
from tests.switch_helpers import shown_tags


def _save_threshold(qtbot, window, tag: str, value: float) -> None:
    dialog = window.open_settings()
    dialog.set_threshold(tag, value)
    with qtbot.waitSignal(window.jobs.idle, timeout=JOB_TIMEOUT_MS):
        dialog.accept()
    settle(qtbot, window)


def test_the_status_line_counts_the_photos_whose_tags_changed(
    qtbot, engine, tmp_path: Path
) -> None:
    prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    own = model_thresholds(window.library)["cat"]
    before = shown_tags(window.db)
    with_cat = [p for p, tags in before.items() if "cat" in tags]
    assert with_cat and len(with_cat) < len(before)  # chelsea, not the other three

    _save_threshold(qtbot, window, "cat", 0.99)  # above every photo's score for 'cat'
    after = shown_tags(window.db)
    changed = [p for p in before if before[p] != after[p]]
    assert changed == with_cat
    assert window.status.currentMessage() == (
        f"Settings saved; {len(changed)} photo's tags changed with the new thresholds"
        if len(changed) == 1
        else f"Settings saved; {len(changed)} photos' tags changed with the new thresholds"
    )

    # Lowered a little, still above every photo's score: the library is re-tagged, no tag moves.
    _save_threshold(qtbot, window, "cat", 0.98)
    assert shown_tags(window.db) == after
    assert window.status.currentMessage() == (
        "Settings saved; no photo's tags changed with the new thresholds"
    )

    _save_threshold(qtbot, window, "cat", round(own, 2))  # back: 'cat' is suggested again
    assert shown_tags(window.db) == before
    assert window.status.currentMessage().startswith(f"Settings saved; {len(with_cat)} photo")
