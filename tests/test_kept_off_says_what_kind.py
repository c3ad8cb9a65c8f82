"""walk52: "monkeys", taught in the app from 10 primates of ImageNet's sample photos, was "Kept
off coucal (...)" and "Kept off red fox (you said no to one)" on the Train page and in `train`'s
output (both say core/kept_off.kept_off_words). A user need not know a coucal is a bird, and the
"no" was to a grey fox the tagger reads as a red fox. Now the kind is said in the words the app
tags with, from the shipped WordNet closure ("coucal (a kind of bird; ...)"; core/kind_words.py),
and a "no" kind is "a photo the tagger reads as one"."""

from __future__ import annotations

import re
from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core import wordnet
from phototagger.core.kept_off import KEPT_OFF, REJECTED, UNSHOWN
from phototagger.core.kind_words import kind_note
from phototagger.core.retrain import TrainingResult
from phototagger.ml.vocabulary import load_vocabulary
from tests.gui_helpers import shown_result

MONKEYS = {
    "label": "like WordNet 'primate'",
    KEPT_OFF: [{"kind": "red fox", "why": REJECTED}, {"kind": "coucal", "why": UNSHOWN}],
}


def test_the_train_page_says_what_kind_a_kept_off_class_is(qtbot: QtBot, tmp_path: Path) -> None:
    result = TrainingResult("v2", "v1", [], True, "", {"learned": {"monkeys": MONKEYS}}, 1.0, [])
    view = shown_result(qtbot, tmp_path, result).changes
    rows = range(view.table.rowCount())
    row = next(r for r in rows if (c := view.table.item(r, 0)) and c.text() == "monkeys")
    view.table.selectRow(row)
    said = (
        "Kept off red fox (you said no to a photo the tagger reads as one); coucal (a kind of "
        "bird; none of your yes photos is one: if it belongs, say yes to one in the review "
        "queue to let that kind in)."
    )
    assert said in view.caption.text()
    cell = view.table.item(row, 1)
    assert cell is not None and said in cell.toolTip()


def test_each_kind_is_a_wordnet_group_above_the_class_named_like_a_builtin_tag() -> None:
    data, classes = wordnet.closure()
    builtin = {tag.name for tag in load_vocabulary().tags}
    noted = 0
    for cls, chain in zip(classes, data["ancestors"], strict=True):
        note = kind_note(cls["name"])
        if note is None:
            continue
        noted += 1
        kind = note.removeprefix("a kind of ")
        assert kind in builtin and kind in {data["synsets"][w][0] for w in chain}, cls
        # Never where the name says it already ('red fox', 'school bus').
        assert not re.search(rf"\b{re.escape(kind)}\b", cls["name"], re.IGNORECASE), cls
    assert kind_note("red fox") is None and kind_note("school bus") is None
    assert kind_note("guenon") == "a kind of monkey" and kind_note("indri") == "a kind of animal"
    assert noted > 400
