"""The Train page's comparison of a tag whose held-out answers are all "no": F1 and AP have no
"yes" to measure there, and show "-" with a tooltip saying why, as the `train` table does
(tests/test_cli_train_table_all_no.py); a 0.00 read as a version that got everything wrong."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from phototagger.core.retrain import TrainingResult
from phototagger.core.validation import TagComparison
from phototagger.ml.metrics import TagMetrics
from tests.gui_helpers import open_window, settle


def _all_no(negatives: int) -> TagMetrics:
    return TagMetrics(0.0, 0.0, 0.0, 0.0, 0, negatives)


def test_a_tag_held_out_only_on_no_answers_shows_dashes(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, None, tmp_path)
    metrics = [
        TagComparison("animal", 6, _all_no(6), _all_no(6)),
        TagComparison("monkeys", 3, None, _all_no(3)),  # a new tag: nothing before it either
        TagComparison(
            "face", 5, TagMetrics(0.5, 1.0, 0.67, 0.6, 2, 3), TagMetrics(1, 1, 1, 1, 2, 3)
        ),
    ]
    page = window.retrain.train_page
    page.show_result(TrainingResult("v2", "v1", metrics, True, "learned monkeys"))
    settle(qtbot, window)

    def item(r: int, c: int) -> QTableWidgetItem:
        found = page.metrics.item(r, c)
        assert found is not None
        return found

    def row(r: int) -> list[str]:
        return [item(r, c).text() for c in range(page.metrics.columnCount())]

    assert row(0) == ["animal", "6", "-", "-"]
    assert row(1) == ["monkeys", "3", "-", "-"]
    assert row(2) == ["face", "5", "67 → 100", "60 → 100"]  # out of 100, v1 → v2
    why = item(0, 3).toolTip()
    assert "all 'no'" in why and "tested on 0 yes, 6 no" in why
    assert "all 'no'" not in item(2, 3).toolTip()


def test_figures_on_a_few_held_out_yes_answers_are_marked(qtbot: QtBot, tmp_path: Path) -> None:
    """F1 1.00 on one held-out yes read as a tag learned: such figures are in italics, with a
    line under the table and the tooltip saying why; the verdict is unchanged."""
    window = open_window(qtbot, None, tmp_path)
    page = window.retrain.train_page
    many = TagMetrics(0.9, 0.9, 0.9, 0.95, 12, 20)
    metrics = [
        TagComparison("monkeys", 9, None, TagMetrics(1, 1, 1, 1, 1, 8)),  # one yes held out
        TagComparison("dog", 32, many, many),
    ]
    page.show_result(TrainingResult("v2", "v1", metrics, True, "learned monkeys"))
    settle(qtbot, window)
    assert (
        not page.few_note.isHidden()
        and "fewer than 5 'yes' answers it was tested on" in page.few_note.text()
    )
    cells = [[page.metrics.item(r, c) for c in range(4)] for r in range(2)]
    assert [c.text() for c in cells[0] if c] == ["monkeys", "9", "new: 100", "new: 100"]
    assert all(c is not None and c.font().italic() for c in cells[0][2:])
    assert page.legend.text().endswith("New: a tag v1 does not have.")  # what "new: 100" means
    assert not any(c is not None and c.font().italic() for c in cells[1])
    assert "Tested on only 1 yes answer:" in cells[0][3].toolTip()  # type: ignore[union-attr]
    assert "tested on only" not in cells[1][3].toolTip().lower()  # type: ignore[union-attr]

    page.show_result(TrainingResult("v3", "v1", metrics[1:], True, ""))
    settle(qtbot, window)
    assert page.few_note.isHidden()
