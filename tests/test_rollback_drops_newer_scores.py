"""After a rollback to a version that has no output for a tag the user taught the newer one,
the user's tag stays with no figure: the details panel and `phototagger tags` showed
"you added it · 95%", the newer version's score. Rolling forward again brings its figure back."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core import labels
from phototagger.core.library import open_library
from phototagger.core.model.activation import activate_version
from phototagger.paths import default_home
from phototagger.store.photos import get_photo
from phototagger.store.tags import tags_of_photo
from tests.cli_helpers import run
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library
from tests.taught_tags import taught


def _critter(photo: int) -> tuple[float | None, str | None, str | None]:
    with open_library(default_home()) as lib:
        row = {t.name: t for t in tags_of_photo(lib.db, photo)}["critter"]
        return row.confidence, row.model_version, row.state


def _taught_and_added() -> tuple[int, float]:
    """The user added "critter" to a photo; v2, which learned it, is active: (photo, v2's
    score of it there)."""
    with open_library(default_home()) as lib:
        photo = synthetic_library(lib.db, 4)[0]
        labels.apply_edits(lib.db, labels.decision_edits([photo], "critter", "add"))
        taught(lib, "critter", {"tabby": 1.0, "espresso": 1.0, "Persian cat": 1.0})
    score, version, state = _critter(photo)
    assert version == "v2" and score is not None and state == "added"
    return photo, score


@pytest.mark.parametrize("switch", ["activate", "cli"])
def test_a_rollback_leaves_no_score_of_the_newer_version(capsys, switch: str) -> None:
    photo, v2_score = _taught_and_added()
    if switch == "cli":
        assert run(capsys, "models", "use", "v1")[0] == 0
    else:
        with open_library(default_home()) as lib:
            activate_version(lib, "v1")
    assert _critter(photo) == (None, None, "added")  # the user's tag stays, with no figure
    with open_library(default_home()) as lib:
        found = get_photo(lib.db, photo)
        assert found is not None
        path = found.path
    out = run(capsys, "tags", path)[1]
    line = next(x for x in out.splitlines() if x.split()[0] == "critter")
    assert line.split()[1] == "-", line
    # Forward again: v2's own figure is back.
    with open_library(default_home()) as lib:
        activate_version(lib, "v2")
    score, version, _ = _critter(photo)
    assert version == "v2" and score == pytest.approx(v2_score)


def test_the_details_panel_shows_no_figure_after_a_rollback(qtbot: QtBot, tmp_path: Path) -> None:
    photo, _ = _taught_and_added()
    with open_library(default_home()) as lib:
        activate_version(lib, "v1")
    window = open_window(qtbot, None, tmp_path)
    window.details.show_photos([photo], photo)
    settle(qtbot, window)
    row = {r.entry.name: r.entry for r in window.details.tags.rows}["critter"]
    assert row.confidence is None
    assert row.source == "you added it"
