"""polish28, teaching 'boats' after 'kitchen things' had been retrained: the Train page said
"Model v10 (from v9): not judged against v9 yet: the scores below were measured, but v9 had
learned from 8 of the answers kept out of training to test this one (kitchen things), so they
cannot show which is better.<br>Learned boats; answers given from now on can." The last words
belong to the sentence about v9 ("… cannot show which is better; answers given from now on
can"): the page moves that sentence into its verdict and left them behind, after "Learned
boats", where "can" said nothing. They are one part of the summary now, and stay with it."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.retrain import TrainingResult
from phototagger.core.validation import TagComparison, verdict
from phototagger.ml.metrics import TagMetrics
from tests.gui_helpers import settle, two_versions

KITCHEN = TagMetrics(0.0, 0.0, 0.0, 0.0, 0, 1)  # one "no" kept out: nothing to rank


def test_the_old_version_learned_from_the_test_in_one_sentence(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window, _ = two_versions(qtbot, tmp_path, 4)  # any window: the page shows what it is given
    page = window.retrain.train_page
    boats = TagComparison("boats", 2, None, TagMetrics(1.0, 1.0, 1.0, 1.0, 2, 0))
    kitchen = TagComparison("kitchen", 1, KITCHEN, KITCHEN)
    for metrics in ([kitchen, boats], [boats]):  # "not judged yet", "new tags only"
        ok, summary = verdict(metrics, "v9", {"kitchen things": 8})
        assert "cannot show which is better (answers you give from now on can)" in summary
        page.show_result(TrainingResult("v10", "v9", metrics, ok, summary, {}))
        settle(qtbot, window)
        text = page.verdict.text()
        assert text.endswith("<br>Learned boats."), text
        assert text.count("answers you give from now on can") == (metrics[0] is kitchen), text


def test_nothing_left_to_say_leaves_no_empty_line(qtbot: QtBot, tmp_path: Path) -> None:
    """'boats' answered no on 10 photos and trained again (polish28): the summary said only
    why nothing was compared, which the verdict took, and the page ended the verdict with a
    line break and an empty line under it, above the scores."""
    window, _ = two_versions(qtbot, tmp_path, 4)
    page = window.retrain.train_page
    kitchen = TagComparison("kitchen", 1, KITCHEN, KITCHEN)
    ok, summary = verdict([kitchen], "v11", {"boats": 10})
    page.show_result(TrainingResult("v12", "v11", [kitchen], ok, summary, {}))
    settle(qtbot, window)
    text = page.verdict.text()
    assert text.endswith("(answers you give from now on can)."), text
