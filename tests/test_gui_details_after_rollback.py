"""After a rollback to a version that does not have a tag, the details panel does not call the
score the user's row kept from the newer version "model 52%", nor shows it: a switch now drops
such scores (tests/test_rollback_drops_newer_scores.py); a library switched before keeps them."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core import labels
from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.tags import write_model_tags_many
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library


def test_a_score_from_another_version_names_it(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        photo, other, tagged = synthetic_library(lib.db, 3)  # tagged by v1, the built-in tagger
        write_model_tags_many(lib.db, ["animal"], [(tagged, [0.8], [0])], "v1")
        # v2 had learned "monkeys" and suggested it (0.52); the user said no to it on one
        # photo and yes on the other. v1, active again, has no such tag: the rows keep v2's.
        write_model_tags_many(
            lib.db, ["monkeys"], [(photo, [0.52], [0]), (other, [0.9], [0])], "v2"
        )
        labels.apply_edits(lib.db, labels.decision_edits([photo], "monkeys", "reject"))
        labels.apply_edits(lib.db, labels.decision_edits([other], "monkeys", "accept"))
    window = open_window(qtbot, None, tmp_path)

    def source(photo_id: int, tag: str) -> str:
        window.details.show_photos([photo_id], photo_id)
        settle(qtbot, window)
        entry = {r.entry.name: r.entry for r in window.details.tags.rows}[tag]
        return entry.source + ("" if entry.confidence is None else f" [{entry.confidence:.0%}]")

    assert source(photo, "monkeys") == "you rejected it"
    assert source(other, "monkeys") == "you accepted it"
    # A score of the version that tagged the photo is the model's, as before.
    window.decide([tagged], "animal", "reject")
    settle(qtbot, window)
    assert source(tagged, "animal") == "you rejected it · model 80% [80%]"
