"""q39 (issue 8: a Train page and `train` that say truly what a version does): "holiday Crete",
said yes on every photo of Crete and no on every photo of WhatsApp, stays on its 16 yes answers
(nothing but the folder tells them apart; tag_learning.folder_answers), and its note says so. Yet
in the same breath `train` said "new tags the model learned: holiday Crete, monkeys", "holiday
Crete: like your examples" and "against v1: ...; learned holiday Crete, monkeys; ...", `train
--json`'s summary "learned holiday Crete, monkeys", and the Train page "Learned holiday Crete,
monkeys." with "like your examples" in its Learned column. Such a tag was not learned to
spread: it is said once, in its note; "monkeys", learned like 'primate', is still said learned."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from phototagger.gui.retrain_changes import STAYS_CELL
from tests.cli_helpers import run
from tests.gui_helpers import trained_page
from tests.store_helpers import DET
from tests.test_review_own_tag_high_score_not_missed import taught_by_folders

pytestmark = pytest.mark.skipif(not DET.is_dir(), reason="needs /work/shared/data/det-photos")

__all__ = ["taught_by_folders"]  # the fixture, used by name

STAYS = "holiday Crete stays on the 16 photos you said yes to: your yes answers are the whole of"


def _text(item: QTableWidgetItem | None) -> str:
    assert item is not None
    return item.text()


def _learned_clause(summary: str) -> str:
    """The summary's 'learned …' part ('' if none)."""
    return next((p for p in summary.split("; ") if p.startswith("learned ")), "")


def test_a_tag_that_stays_on_its_yes_answers_is_not_called_learned(
    taught_by_folders: object, tmp_path: Path, capsys: pytest.CaptureFixture, qtbot: QtBot
) -> None:
    code, out, _ = run(capsys, "train", "--json", "--no-activate")
    assert code == 0
    record = json.loads(out)
    assert [t["tag"] for t in record["own_photos"]] == ["holiday Crete"], record["own_photos"]
    assert sorted(record["counts"]["new_tags"]) == ["holiday Crete", "monkeys"]
    assert _learned_clause(record["summary"]) == "learned monkeys", record["summary"]
    assert "holiday Crete" not in record["summary"], record["summary"]

    code, out, _ = run(capsys, "train", "--no-activate")
    assert code == 0
    lines = out.splitlines()
    assert "new tags the model learned: monkeys" in lines, out
    assert "  monkeys: like 'primate'" in lines, out
    verdict = next(line for line in lines if line.startswith("against v1: "))
    assert "; learned monkeys" in verdict and "holiday Crete" not in verdict, verdict
    # Said once, in its note (and named in the table of scores, its figures).
    said = [line for line in lines if "holiday Crete" in line and not re.match(r"holiday", line)]
    assert len(said) == 1 and said[0].startswith(f"note: {STAYS}"), said

    page = trained_page(qtbot, tmp_path)
    verdict = page.verdict.text()
    assert "Learned monkeys." in verdict and "holiday Crete" not in verdict, verdict
    assert STAYS in page.few_no_note.text(), page.few_no_note.text()
    table = page.changes.table
    rows = [[_text(table.item(r, c)) for c in (0, 1)] for r in range(table.rowCount())]
    cells = dict(rows)
    assert cells["holiday Crete"] == STAYS_CELL and cells["monkeys"] == "like “primate”", cells
    row = [name for name, _ in rows].index("holiday Crete")
    table.clearSelection()
    table.selectRow(row)
    caption = page.changes.caption.text()
    assert caption.startswith("“holiday Crete”") and "Learned" not in caption, caption
