"""walk41 (ImageNet sample photos, "kitchen things" taught): the Train page's table of what
applying a version changes listed, under the one tag taught, a row for each keyword read from
the files that the run kept as the default tagger has it for want of answers: "food, as it was,
0, 0, unchanged", "drink …", "flower …", "sport …". Noise: the run did not touch them. They are
named in one line under the table ("4 other tags unchanged: food, …"), and `train` says them in
that one line too, not a line each ("food: the default tagger as it was: a correction needs …")
under "kept as they were", which says it already. read42: those named under the scores with
why, or in `train`'s "kept as they were: …" line, are not named again in that line: each
once."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.learned_words import unchanged_words
from phototagger.core.retrain import TrainingResult
from phototagger.core.version_diff import TagChange
from tests.cli_helpers import run
from tests.gui_helpers import JOB_TIMEOUT_MS, open_window, settle

DET = Path("/work/shared/data/det-photos")
KITCHEN = ["frying_pan", "ladle", "spatula", "strainer", "toaster", "waffle_iron", "corkscrew"]
ANIMALS = ["giant_panda", "lion", "tiger", "zebra", "elephant", "koala_bear", "camel"]
# Keywords read from the files, each a tag the default tagger has, on one photo: 1 yes, 0 no.
KEYWORDS = {"pizza": "food", "wine_bottle": "drink", "flower_pot": "flower", "golf_ball": "sport"}
OTHERS = ["stove", "microwave", "dog", "domestic_cat", "bicycle", "guitar"]


def _first(kind: str) -> str:
    return sorted(DET.glob(f"n*_{kind}.jpg"))[0].stem


def _library(
    marked_det_photos: Callable[[Mapping[str, Sequence[str]]], Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Real photos scanned with the real engine, keywords in four files, "kitchen things" taught
    on seven kitchen photos and rejected on seven animals."""
    marks = {_first(k): [f"set Xmp.dc.subject {word}"] for k, word in KEYWORDS.items()}
    names = [_first(k) for k in [*KITCHEN, *ANIMALS, *OTHERS]]
    pics = marked_det_photos({**marks, **{n: [] for n in names}})
    yes = [str(pics / f"{_first(k)}.jpg") for k in KITCHEN]
    no = [str(pics / f"{_first(k)}.jpg") for k in ANIMALS]
    assert run(capsys, "label", *yes, "--add", "kitchen things")[0] == 0
    assert run(capsys, "label", *no, "--reject", "kitchen things")[0] == 0


@pytest.mark.model  # scans with the real network: full tier only
def test_tags_the_run_did_not_touch_are_one_line_under_the_table(
    qtbot: QtBot,
    engine: object,
    marked_det_photos: Callable[[Mapping[str, Sequence[str]]], Path],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    _library(marked_det_photos, capsys)
    window = open_window(qtbot, engine, tmp_path)
    qtbot.keyClick(window.grid, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    page = window.retrain.train_page
    settle(qtbot, window)
    with qtbot.waitSignal(page.trained, timeout=JOB_TIMEOUT_MS) as trained:
        qtbot.mouseClick(page.train_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    result = trained.args[0]
    learned = result.counts["learned"]
    kept = sorted(t for t in learned if t != "kitchen things")
    assert kept == sorted(KEYWORDS.values()), learned  # kept for want of answers, each
    table = page.changes.table
    rows = [table.item(r, 0).text() for r in range(table.rowCount())]  # type: ignore[union-attr]
    assert rows == ["kitchen things"], rows
    # read42: named under the scores with why ("Not scored: drink, food, …, kept as they were
    # (…)"), not again in the line of tags unchanged under this table ("4 other tags
    # unchanged: food, …" said them a second time).
    line = page.changes.unchanged
    assert not line.isVisible() and not line.text(), line.text()
    note = page.kept_note.text()
    assert all(note.count(tag) == 1 for tag in kept), note
    window.close()

    code, out, _ = run(capsys, "train", "--no-activate")
    assert code == 0
    assert "the default tagger as it was" not in out, out  # no line a tag, said once above
    # Each named once, in the line that says why ("kept as they were: … 'food' needs …"):
    # not again in "4 other tags unchanged: …", nor in "not listed: …" under the table.
    naming = [line for line in out.splitlines() if any(tag in line for tag in kept)]
    assert len(naming) == 1 and naming[0].startswith("kept as they were: "), out
    assert all(f"'{tag}' needs" in naming[0] for tag in kept), out


SHORT = "the default tagger as it was: a correction needs 5 yes and 5 no answers"
TRIED = "the default tagger as it was: no correction told your answers apart better"


def test_only_tags_left_alone_are_folded() -> None:
    learned = {
        "kitchen things": {"how": "concept", "label": "like WordNet 'vessel'"},
        "food": {"how": "kept", "label": SHORT},
        "drink": {"how": "kept", "label": SHORT},  # kept, yet a photo moves: a row
        "animal": {"how": "kept", "label": TRIED},  # answered, tried: a row with its reason
    }
    changes = [TagChange("drink", 3, 4, added=1, added_ids=[7])]
    result = TrainingResult("v2", "v1", [], True, "", {"learned": learned}, 1.0, changes)
    assert result.untouched() == ["food"]
    assert unchanged_words(result.untouched()) == "1 other tag unchanged: food"
    # `train --deep` moves every tag a little (its changes are estimated on a sample): none
    # is said to be unchanged.
    deep = {"learned": learned, "sampled_changes": {"photos": 64, "changes": []}}
    assert TrainingResult("v2", "v1", [], True, "", deep, 1.0, []).untouched() == []
