"""The Model dock's Review tab follows a tag renamed or merged in Manage Tags, as the sidebar's
selection does. It kept the old name: qa24 renamed 'monkeys' to 'animals/primates' and the
Review tab still showed and asked for 'monkeys', then said "… it was renamed or merged into
'animals/primates'"."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library


def test_review_tab_follows_a_renamed_then_merged_tag(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 10)
    window = open_window(qtbot, None, tmp_path)
    ids = [window.model.photo(row).id for row in range(2)]  # type: ignore[union-attr]
    window.decide(ids[:1], "monkey", "add")  # a tag the model scores
    window.decide(ids[1:], "animals/apes", "add")
    settle(qtbot, window)
    window._show_retrain("review")
    page = window.retrain.review_page
    page.load("monkey")
    settle(qtbot, window)
    assert page.question.text().startswith("Does this photo show <b>monkey</b>? ")
    queue = [page.list.item(row).text() for row in range(page.list.count())]
    assert queue

    window.tools.ask_text = lambda *_: "animals/primates"
    window.tools.ask_rename("monkey")
    settle(qtbot, window)
    # The tag and its queue under the new name (the model scores it as it did monkey).
    assert (page.tag, page.tag_box.currentText()) == ("animals/primates", "animals/primates")
    assert page.question.text().startswith("Does this photo show <b>animals/primates</b>? ")
    assert [page.list.item(row).text() for row in range(page.list.count())] == queue

    window.tools.merge_into("animals/primates", "animals/apes")
    settle(qtbot, window)
    assert (page.tag, page.tag_box.currentText()) == ("animals/apes", "animals/apes")
    assert "renamed or merged" not in page.question.text()
