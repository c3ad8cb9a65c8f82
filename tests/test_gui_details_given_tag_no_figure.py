"""A tag the user gave read as a 0 % suggestion: once the model had scored the photo again (the
file changed, a rescan), a keyword the file carries showed the model's score as its big figure
and bar ("beach 0%", "from the file's keywords · model 0%"), and so did a tag added here ("car
0%", "you added it"), sorted above the user's other tags. The user's own tag now reads as one:
no figure and no bar, as a tag added here always showed before the model scored it, with the
model's score on its small source line ("you added it · model 0%"), listed with the user's own
tags by name (first, since preview41). A real det-photo whose keywords exiv2 wrote, scanned
twice by the real model into a real library; the real window offscreen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.cli_helpers import given_tags_rescored
from tests.gui_helpers import click_photo, open_window, settle


def _texts(row: Any) -> list[str]:
    return [label.text() for label in row.findChildren(QLabel) if label.text()]


def test_a_tag_the_user_gave_shows_no_model_figure(
    engine: Any,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # digiKam's or Lightroom's keywords 'beach' and 'Zoo', 'car' added; rated in digiKam
    # afterwards: the file changed, the rescan scores the photo again, the user's rows too.
    given_tags_rescored(engine, tmp_path / "pics", monkeypatch, capsys)

    window = open_window(qtbot, engine, tmp_path)
    settle(qtbot, window)
    click_photo(qtbot, window, "zebra.jpg")
    rows = window.details.tags.rows
    by_name = {row.entry.name: row for row in rows}
    beach, car = by_name["beach"], by_name["car"]
    for row, said in ((beach, "from the file's keywords"), (car, "you added it")):
        source = row.entry.source
        # The model's score, small, on the source line; the model does score these tags.
        assert source.startswith(f"{said} · model ") and source.endswith("%"), source
        assert row.entry.confidence is None and row.bar is None
        # Nothing but the name and the source line: no '0%' beside the name.
        assert sorted(_texts(row)) == sorted([row.entry.name, source])
    # The user's own tags first by name, then the model's suggestions (by confidence), as the
    # grid's caption lists them (preview41: the user's own came last here, first there).
    names = [row.entry.name for row in rows]
    suggested = [row.entry.name for row in rows if row.entry.state is None]
    assert suggested and names[3:] == suggested
    assert names[:3] == ["beach", "car", "Zoo"]
