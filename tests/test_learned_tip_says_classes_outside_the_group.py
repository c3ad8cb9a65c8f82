"""walk43: the Train page's "Learned" tooltip for "pooches" read "like WordNet 'dog' + your
examples' classes and their WordNet neighbours (5 classes)", as if 'dog' were 5 classes (it
holds 118): the 5 were the classes the tag weighs outside 'dog', its examples' and their WordNet
neighbours'. The record's words (the tooltip's "In the model's terms", `train --json`'s
counts.learned) now say so: "(5 classes outside 'dog')".

det-photos' fruit, 10 photos of five kinds said yes and 30 other photos no: learned like a
WordNet group of fruit widened by the classes its examples show and their neighbours."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.concepts import load_concepts
from phototagger.core.library import open_library
from phototagger.core.model.tagger import load_head
from phototagger.gui.quotes import curly_quotes
from phototagger.ml.trained_head import TrainedHead
from phototagger.paths import default_home
from tests.cli_helpers import det_photos_scanned, run
from tests.gui_helpers import trained_page
from tests.store_helpers import DET
from tests.test_few_photos_counts_confirmed_finds import OTHER, TAUGHT, _names

pytestmark = pytest.mark.skipif(not DET.is_dir(), reason="needs /work/shared/data/det-photos")

SAID = re.compile(
    r"^like WordNet '(?P<group>[^']+)' \+ your examples' classes and their WordNet neighbours "
    r"\((?P<n>\d+) class(es)? outside '(?P=group)'\)$"
)


def test_the_learned_tip_says_what_its_classes_are(
    qtbot: QtBot, engine: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    yes = [n for kind in TAUGHT for n in _names([kind], 2)]
    other = _names(OTHER, 2)[:30]
    pics = det_photos_scanned(engine, tmp_path / "pics", [*yes, *other], monkeypatch, capsys)
    assert run(capsys, "label", *(str(pics / f"{n}.jpg") for n in yes), "--add", "fruits")[0] == 0
    no = [str(pics / f"{n}.jpg") for n in other]
    assert run(capsys, "label", *no, "--reject", "fruits")[0] == 0

    page = trained_page(qtbot, tmp_path)
    assert page.result is not None
    label = page.result.counts["learned"]["fruits"]["label"]
    said = SAID.match(label)
    assert said, label  # the case: a WordNet group widened by its examples' neighbours
    # The count is of the classes it weighs outside the group, as the saved version has them.
    with open_library(default_home()) as lib:
        head = load_head(lib, page.result.version)
        assert isinstance(head, TrainedHead) and head.concepts is not None
        weights = head.concepts[:, head.tags.index("fruits")]
    index = load_concepts()
    group = index.members[:, index.names.index(said["group"])] > 0
    assert (weights[group] == 1.0).all()
    outside = int(((weights > 0) & ~group).sum())
    assert int(said["n"]) == outside and 0 < outside < int(group.sum()), (outside, label)
    # The tooltip of its Learned cell says the record's words.
    table = page.changes.table
    (row,) = [r for r in range(table.rowCount()) if table.item(r, 0).text() == "fruits"]  # type: ignore[union-attr]
    tip = table.item(row, 1).toolTip()  # type: ignore[union-attr]
    assert f"In the model's terms: {curly_quotes(label)}" in tip, tip
