"""Reviewing a tag the active model has no output for (one never trained, or one the version
rolled back to lacks) says why on the page, with the Yes/No buttons off, and puts no traceback
in the log: a domain error is an answer, not a bug."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library


def test_an_unknown_tag_is_said_without_a_traceback(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 10)
    window = open_window(qtbot, None, tmp_path)
    window._show_retrain("review")
    page = window.retrain.review_page
    with caplog.at_level(logging.INFO):
        page.load("zebra crossing")
        settle(qtbot, window)
    # A name no photo and no answer has is no tag: "The model has not learned 'zebra crossing'
    # yet" read as a tag taught and waiting for training.
    assert page.question.text() == (
        "There is no tag called “zebra crossing”; to make it a new tag, label a few photos with "
        "it and train"
    )
    assert not page.yes.isEnabled() and not page.no.isEnabled()
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert all(r.exc_info is None for r in caplog.records)
    # Taught on one photo: a tag of the user's, which the model has not learned yet.
    window.decide([window.model.photo(0).id], "zebra crossing", "add")  # type: ignore[union-attr]
    settle(qtbot, window)
    page.load("zebra crossing")
    settle(qtbot, window)
    assert page.question.text().startswith(
        "The model has not learned “zebra crossing” yet: 1 photo has it;"
    )


def test_a_tag_renamed_or_a_group_is_said_with_its_quotes(qtbot: QtBot, tmp_path: Path) -> None:
    # "monkeys" renamed to "animals/primates" in Manage Tags, the Review tab still on monkeys:
    # "… it was renamed or merged into 'animals/primates" (the closing quote cut), and a group
    # asked for: "Animals' is a group, …" (the opening one cut). Every quote is kept now.
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 10)
    window = open_window(qtbot, None, tmp_path)
    ids = [window.model.photo(row).id for row in range(3)]  # type: ignore[union-attr]
    window.decide(ids, "monkeys", "add")
    settle(qtbot, window)
    window.tools.ask_text = lambda *_: "animals/primates"
    window.tools.ask_rename("monkeys")
    settle(qtbot, window)
    window._show_retrain("review")
    page = window.retrain.review_page

    page.load("monkeys")
    settle(qtbot, window)
    assert page.question.text() == (
        "There is no tag “monkeys” any more: it was renamed or merged into “animals/primates”"
    )
    page.load("animals")
    settle(qtbot, window)
    assert page.question.text().startswith("“animals” is a group, not a tag the model learns")
