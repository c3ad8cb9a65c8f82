"""A name that cannot be a tag, typed in the add field or the Reject a Tag dialog ('animals//dog',
a pasted name holding a tab): the app refuses it with the message `phototagger label` gives, as
a message, not an exception, and writes nothing. It had written the tag (or offered to, beside
a lookalike)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QInputDialog, QWidget
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.gui_helpers import click_photo, open_window, settle, shown_names
from tests.modal_helpers import answer_next_modal
from tests.switch_helpers import synthetic_library

BAD_NAMES = ["animals//dog", "/dog", "cat\tdog", "sofa\x07", "Place|Garden"]


def _cli_says(capsys: pytest.CaptureFixture[str], name: str) -> str:
    """What `phototagger label PHOTO --add NAME` says of the name (its one line, unprefixed)."""
    code, _, err = run(capsys, "label", "/synthetic/000000.jpg", "--add", name)
    assert code != 0 and err.startswith("phototagger: ")
    return err.removeprefix("phototagger: ").rstrip("\n")


def _close(dialog: QWidget) -> None:
    dialog.close()


def _said(qtbot: QtBot, window, act: Callable[[], object]) -> str:  # noqa: ANN001
    """What the app says (in a message, closed once read) when `act` is done."""
    said = answer_next_modal(_close)
    act()
    qtbot.waitUntil(lambda: bool(said), timeout=3000)
    settle(qtbot, window)
    assert window.status.currentMessage() == said[0]
    return said[0]


def test_a_name_that_cannot_be_a_tag_is_refused_as_the_cli_refuses_it(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 3)
    window = open_window(qtbot, None, tmp_path)
    click_photo(qtbot, window, shown_names(window)[0])
    tags_before = set(window.overview.all_tag_names)
    rows_before = {r.entry.name: r.entry.state for r in window.details.tags.rows}
    field = window.details.add_field

    for name in BAD_NAMES:
        field.setText(name)
        assert _said(qtbot, window, field.returnPressed.emit) == _cli_says(capsys, name)
        assert field.text() == name  # left to be corrected

        window.commands.reject_named.trigger()
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue(name)
        dialog.accept()  # checked once OK's click has returned; the refusal comes over it
        assert _said(qtbot, window, lambda: None) == _cli_says(capsys, name)
        assert dialog.isVisible() and dialog.textValue() == name  # left to be corrected
        dialog.reject()

    assert window.undo_stack.count() == 0  # nothing was written
    window.refresh()
    settle(qtbot, window)
    assert set(window.overview.all_tag_names) == tags_before
    assert {r.entry.name: r.entry.state for r in window.details.tags.rows} == rows_before
