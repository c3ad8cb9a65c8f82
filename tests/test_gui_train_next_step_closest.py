"""The Train page's next step is the tag closest to being learnable. A default tag short of
answers went first whatever it lacked: 'animal' accepted on one photo and a new tag 'beach day'
added to 2, the page said "“animal” needs 4 more yes and 5 more no answers" (nine answers) while
the Review tab, on 'beach day', said to add it to 3 more photos: two next steps (polish31). Now
the fewest answers missing go first; on a tie, the tag answered last (the one being worked on)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core import labels
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import settle, train_page
from tests.switch_helpers import synthetic_library


def _answer(ids: list[int], tag: str, decision: labels.Action) -> None:
    with open_library(default_home()) as lib:
        labels.apply_edits(lib.db, labels.decision_edits(ids, tag, decision))


def test_the_next_step_is_the_tag_closest_to_learnable(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 20)
    _answer(ids[:1], "animal", "add")
    _answer(ids[1:3], "beach day", "add")
    window, page = train_page(qtbot, tmp_path)
    said = page.summary.text()
    assert "Nothing new to learn yet: add “beach day” to 3 more photos." in said
    assert "“animal” needs 4 more yes and 5 more no answers" in page.why.text()  # all, there

    # A tie (3 photos each): the tag answered last, the one being worked on, goes first.
    _answer(ids[3:5], "picnic", "add")
    page.reload()
    settle(qtbot, window)
    assert "add “picnic” to 3 more photos" in page.summary.text()
    _answer(ids[5:6], "beach day", "reject")  # back on 'beach day': a "no" counts no photo
    page.reload()
    settle(qtbot, window)
    assert "add “beach day” to 3 more photos" in page.summary.text()

    # Closer still wins over the one answered last: 'animal' 2 answers short.
    _answer(ids[6:9], "animal", "add")
    _answer(ids[9:15], "animal", "reject")
    _answer(ids[15:16], "picnic", "reject")
    page.reload()
    settle(qtbot, window)
    assert "“animal” needs 1 more yes answers" in page.summary.text()
