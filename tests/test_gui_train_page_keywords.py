"""Stock photos carry dozens of keywords each, read from their files as the user's tags: on
the Train page they named "'Massage' has 4, 'bois' has 4… and 31 more new tags" and filled the
Yes/No table above the one tag the user was teaching. The tags taught in the app now come
first, in bold, and the keywords are counted after them, greyed."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core import labels
from phototagger.core.errors import NothingToLearn
from phototagger.core.library import open_library
from phototagger.core.retrain import train_candidate
from phototagger.paths import default_home
from phototagger.store.connection import transaction
from phototagger.store.file_metadata import apply_file_keywords
from tests.gui_helpers import train_page
from tests.switch_helpers import synthetic_library

# As a stock shoot's files carry them: a few on most of its photos, most on one.
SHARED = ["Massage", "bois", "Neck Pain"]
SINGLE = [f"stock keyword {i:02d}" for i in range(34)]


def _stock_library() -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 40)
        with transaction(lib.db):
            for i, photo in enumerate(ids[:34]):
                shared = SHARED if i < 4 else []
                apply_file_keywords(lib.db, photo, [*shared, SINGLE[i]], [])
        labels.apply_edits(lib.db, labels.decision_edits(ids[36:39], "grandma", "add"))


def test_the_users_own_tag_leads_the_train_page(qtbot: QtBot, tmp_path: Path) -> None:
    _stock_library()
    window, page = train_page(qtbot, tmp_path)
    assert "Nothing new to learn yet: add “grandma” to 2 more photos." in page.summary.text()
    text = page.why.text()  # under Details, as `train` says it
    assert "“grandma” has 3 (add it to 2 more)" in text
    assert "and 37 tags from your files' keywords wait too" in text
    for keyword in [*SHARED, *SINGLE]:
        assert f"“{keyword}”" not in text and f"'{keyword}'" not in text
    # The table: the taught tag first, in bold; the keywords after it, greyed, each saying why.
    table = page.labels
    items = [table.item(row, 0) for row in range(table.rowCount())]
    assert all(items)
    first, fold, *names = [item for item in items if item is not None]
    assert first.text() == "grandma"
    # The keywords folded into one line under it (test_gui_train_keywords_folded.py).
    assert fold.text() == "▸ 37 tags from your files' keywords"
    assert first.font().bold()
    assert sorted(item.text() for item in names) == sorted([*SHARED, *SINGLE], key=str)
    assert [item.text() for item in names[:3]] == ["bois", "Massage", "Neck Pain"]
    for item in names:
        assert not item.font().bold()
        assert item.foreground().color() != first.foreground().color()
        assert "your files' keywords" in item.toolTip()


def test_train_names_the_users_tag_before_the_keywords(tmp_path: Path) -> None:
    _stock_library()
    with open_library(default_home()) as lib, pytest.raises(NothingToLearn) as raised:
        train_candidate(lib)
    message = str(raised.value)
    assert "'grandma' has 3" in message
    assert "37 tags from your files' keywords" in message
    assert "'Massage'" not in message


def test_a_keyword_on_a_known_tag_does_not_lead_the_train_page(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """After "monkeys" was taught and applied, the page led with "'food' needs 4 more yes and 5
    more no answers" ('food' a keyword read from a file) and never said nothing new had been
    answered."""
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 12)
        with transaction(lib.db):
            apply_file_keywords(lib.db, ids[0], ["food", "Adult"], [])
    window, page = train_page(qtbot, tmp_path)
    summary = page.summary.text()
    # Said once (left53): "which this training learns nothing from: …" over "Nothing new to
    # learn yet: accept, reject or add tags, then train" said it twice.
    assert "2 keywords read from your files" in summary and "learns nothing from" in summary
    assert "Nothing new to learn" not in summary, summary
    assert "<br>Next: accept, reject or add tags, then train." in summary, summary
    assert "“food”" not in page.summary.text()
    text = page.why.text()  # under Details
    assert text.startswith("No new decisions since v1 learned"), text
    assert "“food” needs" in text
    assert not page.train_button.isEnabled()
