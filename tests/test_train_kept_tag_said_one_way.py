"""walk52: the keyword tags a run kept as the default tagger has them, short of answers, were
said three ways on the Train page: "Not scored: food, drink, flower, kept as they were (a
correction needs 5 yes and 5 no answers)" on a first training, "(tested on fewer than 5 yes
answers)" on the next (the run kept them as its parent had, so its own records said nothing of
them and the page fell back to how they were tested), and "Food, drink, flower, kept as they
were" where no scores were shown. Now one way: "Not scored: …, kept as … (a correction needs 5
yes and 5 no answers)", the reason the parent's record gives where the run carried it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.test_train_table_leaves_out_kept_tags import (
    LEFT_OUT,
    _food_on_a_held_out_patch,
    _trained_on_the_page,
)

SAID = "Not scored: " + LEFT_OUT.removeprefix("not listed: ") + "."


def test_a_tag_kept_again_is_said_as_the_first_time(
    qtbot: QtBot, engine: object, template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _food_on_a_held_out_patch(template)
    code, _, err = run(capsys, "train")  # v2, made active: food kept as v1 had it
    assert code == 0, err
    with open_library(default_home()) as lib:
        pics = Path(
            lib.db.execute("SELECT path FROM photos WHERE path LIKE '%face006%'").fetchone()[0]
        )
        label_paths(lib.db, [str(pics)], add=["face"])  # one more answer: a run to make
    page = _trained_on_the_page(qtbot, engine, tmp_path)
    assert page.result is not None and page.result.parent == "v2"
    assert page.kept_note.text() == SAID
