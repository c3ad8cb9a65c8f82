"""A title or caption digiKam or Lightroom gave a photo (dc:title, dc:description; IPTC's Object
Name and Caption) was kept in phototagger's writes but never shown: the details panel said the
file's name, folder, size and stars, not "Sunset at Nice". It now shows each on a line of its
own, cut with '…' in a narrow panel (whole in the tooltip), a sidecar's over the photo's, and a
library read before (schema 26) reads them on its next scan. Real det-photos whose XMP and IPTC
exiv2 wrote, scanned by the real model into a real library; the real window offscreen."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home
from tests.cli_helpers import run, scan_with
from tests.gui_helpers import click_photo, open_window, settle
from tests.keyword_readers import exiv2_set
from tests.store_helpers import DET

LONG = (
    "Sunset over the old harbour wall at Nice, the last evening of the summer trip, with the "
    "whole family on the pier and the ferry leaving for Corsica"
)
SIDECAR = """<?xml version="1.0" encoding="UTF-8"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">The zebra, as digiKam named it</rdf:li>
   </rdf:Alt></dc:title>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
"""


def _texts(window: MainWindow) -> tuple[str, str]:
    details = window.details
    return (
        details.file_title.full_text() if details.file_title.isVisible() else "",
        details.file_caption.full_text() if details.file_caption.isVisible() else "",
    )


@pytest.fixture
def titled(
    engine: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Path:
    """Four det-photos: XMP title and caption (digiKam, Lightroom), IPTC's only (an older
    program), a title in the photo and another in its sidecar, none."""
    pics = tmp_path / "pics"
    pics.mkdir()
    names = {
        "turtle": "n01662784_2198_turtle",
        "whale": "n02062744_3014_whale",
        "zebra": "n02391049_2847_zebra",
        "train": "n04468005_24186_train",
    }
    photos = {k: Path(shutil.copy(DET / f"{v}.jpg", pics / f"{k}.jpg")) for k, v in names.items()}
    exiv2_set(
        photos["turtle"],
        f"set Xmp.dc.title lang=x-default {LONG}",
        "set Xmp.dc.description lang=x-default Grandma and the turtle she found\non the pier",
        "set Xmp.xmp.Rating 4",
    )
    exiv2_set(
        photos["whale"],
        "set Iptc.Application2.ObjectName Whale tail",
        "set Iptc.Application2.Caption Seen from the ferry",
    )
    exiv2_set(photos["zebra"], "set Xmp.dc.title lang=x-default The photo's own title")
    (pics / "zebra.jpg.xmp").write_text(SIDECAR, encoding="utf-8")
    assert scan_with(engine, pics, monkeypatch, capsys) == 0
    return pics


def test_the_details_show_the_files_title_and_caption(
    titled: Path, engine: Any, qtbot: QtBot, tmp_path: Path
) -> None:
    window = open_window(qtbot, engine, tmp_path)
    settle(qtbot, window)
    click_photo(qtbot, window, "turtle.jpg")
    assert _texts(window) == (
        f"Title: {LONG}",
        "Caption: Grandma and the turtle she found on the pier",  # one line
    )
    assert "★★★★☆" in window.details.facts.text()  # the facts line as before
    # One line, cut in a narrow panel, whole in its tooltip.
    title = window.details.file_title
    assert title.text().endswith("…") and len(title.text()) < len(title.full_text())
    assert title.toolTip() == f"Title: {LONG}"
    assert title.height() < 2 * title.fontMetrics().height()
    click_photo(qtbot, window, "whale.jpg")
    assert _texts(window) == ("Title: Whale tail", "Caption: Seen from the ferry")
    click_photo(qtbot, window, "zebra.jpg")
    assert _texts(window) == ("Title: The zebra, as digiKam named it", "")
    click_photo(qtbot, window, "train.jpg")
    assert _texts(window) == ("", "")
    assert not window.details.file_title.isVisible()


def test_a_library_read_before_reads_them_on_its_next_scan(
    titled: Path,
    engine: Any,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # As a phototagger at schema 26 left it: the files read, no title or caption kept.
    with open_library(default_home()) as library:
        db = library.db
        db.execute("ALTER TABLE photo_file_metadata DROP COLUMN title")
        db.execute("ALTER TABLE photo_file_metadata DROP COLUMN caption")
        db.execute("PRAGMA user_version = 26")
    with open_library(default_home()) as library:  # upgraded: nothing read yet
        rows = library.db.execute("SELECT title FROM photo_file_metadata").fetchall()
        assert rows and all(title is None for (title,) in rows)
    assert run(capsys, "scan", "--quiet")[0] == 0
    window = open_window(qtbot, engine, tmp_path)
    settle(qtbot, window)
    click_photo(qtbot, window, "whale.jpg")
    assert _texts(window) == ("Title: Whale tail", "Caption: Seen from the ferry")
