"""Tags ▸ Write Keywords to Files on a photo the model had tagged ("furniture 68 %", nothing
accepted) said "Keywords written into 0 photos, 1 already up to date": the photographer was told
the file carried its tags, when nothing was written because only the user's own tags are (the
model's suggestions once accepted). `metadata write` counted 53 such photos of 72 as "already up
to date". Both now tell them apart: "Nothing written: this photo has no tags of yours yet..."
in the status bar, "1 already up to date, 2 without tags of yours" on the command line, with a
note saying how to write them (accept them, or --include-suggestions)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.core.metadata.settings import load_settings, save_settings
from phototagger.paths import default_home
from phototagger.store.tags import write_model_tags
from tests.cli_helpers import run
from tests.gui_helpers import click_photo, open_window, write_keywords
from tests.store_helpers import det_photos_added


def _library(folder: Path) -> list[Path]:
    """Three det-photos the model tagged; the first one also has a tag of the user's."""
    with open_library(default_home()) as library:
        added = det_photos_added(library.db, folder, 3)
        for pid, _ in added:
            write_model_tags(library.db, pid, {"furniture": 0.68}, ["furniture"], "v1")
        label_paths(library.db, [str(added[0][1])], add=["Home/Kitchen"])
    return [photo for _, photo in added]


def test_the_cli_tells_photos_without_tags_from_those_up_to_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photos = _library(tmp_path / "pics")
    assert run(capsys, "metadata", "write", "--quiet")[0] == 0
    code, out, err = run(capsys, "metadata", "write", "--quiet")
    assert code == 0
    assert out.startswith(
        "3 photos: written into 0 photos, 1 already up to date, 2 without tags of yours;"
    ), out
    # What to do about them, where only the app said it (walk50).
    assert err.splitlines() == [
        "phototagger: note: 2 photos have no tags of yours: the model's suggestions are "
        "written once you accept them (phototagger label PATH --add TAG, or A in the app), "
        "or as suggestions with --include-suggestions"
    ], err
    code, out, _ = run(capsys, "metadata", "write", "--json", "--quiet")
    assert (json.loads(out)["unchanged"], json.loads(out)["no_tags"]) == (1, 2)
    assert [p.name for p in photos if Path(f"{p}.xmp").exists()] == [photos[0].name]


def test_the_status_bar_says_nothing_was_written_and_why(qtbot: QtBot, tmp_path: Path) -> None:
    photos = _library(tmp_path / "pics")
    with open_library(default_home()) as library:
        settings = load_settings(library.db)
        save_settings(library.db, replace(settings, enabled=True, asked=True))
    window = open_window(qtbot, None, tmp_path)
    click_photo(qtbot, window, photos[1].name)
    assert write_keywords(qtbot, window) == (
        "Nothing written: this photo has no tags of yours yet. Accept the model's "
        "suggestions (A) or add tags (T), then write them"
    )
    assert not Path(f"{photos[1]}.xmp").exists()
