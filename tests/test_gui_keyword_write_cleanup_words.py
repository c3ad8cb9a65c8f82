"""A write to sidecars that also took phototagger's old keywords out of a photo it had written
into before (embed37) said so in the status bar after the app's "Keywords ": "Keywords the old
keywords phototagger wrote into 1 photo before ... taken out of it", and for a read-only photo
"Keywords 1 photo still holds old keywords ...". Such a line is a sentence of its own now."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.metadata.settings import load_settings, save_settings
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.gui_helpers import open_window, write_keywords
from tests.test_keyword_write_tells_of_left_copies import _tagged_photo


def test_a_write_that_only_cleans_the_photo_says_so_in_a_sentence(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = _tagged_photo(tmp_path / "pics")  # 'harbour', keywords to be written into it
    assert run(capsys, "metadata", "write", "--embed", str(photo))[0] == 0
    assert run(capsys, "tag", "rename", "harbour", "port")[0] == 0
    with open_library(default_home()) as library:
        settings = load_settings(library.db)
        save_settings(library.db, replace(settings, target="sidecar"))
    photo.chmod(0o444)  # the photo cannot be cleaned: its sidecar is written all the same
    window = open_window(qtbot, None, tmp_path)
    window.grid.selectAll()
    said = write_keywords(qtbot, window)
    assert said.startswith("Keywords written into 1 new sidecar file"), said
    assert "1 photo still holds old keywords phototagger wrote into it" in said, said
    # Again, the sidecar up to date: only the photo left as it was is news.
    said = write_keywords(qtbot, window)
    assert said.startswith("1 photo still holds old keywords phototagger wrote into it"), said
    # Writable again: the write only cleans the photo.
    photo.chmod(0o644)
    said = write_keywords(qtbot, window)
    assert said.startswith("The old keywords phototagger wrote into 1 photo before"), said
