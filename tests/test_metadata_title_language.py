"""A title or caption in several languages (an XMP LangAlt) is read as the XMP specification
has readers choose and digiKam and Lightroom show it: the x-default text, else the file's first.
The x-default one was read first already, by libexiv2's own order; with no x-default, the text
read was the language last by name ('Titre' of fr-FR where the file, as exiftool wrote it, has
de-DE's 'Titel' first), since pyexiv2 keeps libexiv2's order, not the file's. Real det-photos
whose XMP exiv2 and exiftool wrote, a sidecar as digiKam writes one; `metadata read --json`,
and a real library scanned by the real model, its details panel offscreen."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.cli_helpers import run, scan_with
from tests.gui_helpers import click_photo, open_window, settle
from tests.keyword_readers import exiftool_set, exiv2_set
from tests.store_helpers import DET

SIDECAR = """<?xml version="1.0" encoding="UTF-8"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:title><rdf:Alt>
    <rdf:li xml:lang="de-DE">Zebras am Wasserloch</rdf:li>
    <rdf:li xml:lang="x-default">Zebras at the waterhole</rdf:li>
   </rdf:Alt></dc:title>
   <dc:description><rdf:Alt>
    <rdf:li xml:lang="de-DE">Kurz vor Sonnenuntergang</rdf:li>
    <rdf:li xml:lang="en-GB">Just before sunset</rdf:li>
   </rdf:Alt></dc:description>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
"""


@pytest.fixture
def pics(tmp_path: Path) -> Path:
    folder = tmp_path / "pics"
    folder.mkdir()
    names = {
        "exiv2": "n01662784_2198_turtle",
        "exiftool": "n02062744_3014_whale",
        "sidecar": "n02391049_2847_zebra",
    }
    for name, det in names.items():
        shutil.copy(DET / f"{det}.jpg", folder / f"{name}.jpg")
    # The brief's own case: de-DE set first, then x-default.
    exiv2_set(
        folder / "exiv2.jpg",
        "set Xmp.dc.title lang=de-DE Titel",
        "set Xmp.dc.title lang=x-default Title",
    )
    # No x-default: German first in the file, then French (and a caption in two languages).
    exiftool_set(
        folder / "exiftool.jpg",
        "-XMP-dc:Title-de-DE=Titel",
        "-XMP-dc:Title-fr-FR=Titre",
        "-XMP-dc:Description-de-DE=Bildunterschrift",
        "-XMP-dc:Description-en-GB=Caption",
    )
    (folder / "sidecar.jpg.xmp").write_text(SIDECAR, encoding="utf-8")
    return folder


def _read(capsys: pytest.CaptureFixture[str], photo: Path) -> tuple[str, str]:
    code, out, err = run(capsys, "metadata", "read", str(photo), "--json")
    assert code == 0, err
    found = json.loads(out)
    return found["title"], found["caption"]


def test_the_x_default_text_then_the_files_first(
    pics: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # As exiftool wrote it: German first in the file.
    data = (pics / "exiftool.jpg").read_bytes()
    assert 0 < data.find(b">Titel<") < data.find(b">Titre<")
    assert _read(capsys, pics / "exiv2.jpg")[0] == "Title"
    assert _read(capsys, pics / "exiftool.jpg") == ("Titel", "Bildunterschrift")
    assert _read(capsys, pics / "sidecar.jpg") == (
        "Zebras at the waterhole",
        "Kurz vor Sonnenuntergang",
    )


def test_the_details_panel_shows_them(
    pics: Path,
    engine: Any,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert scan_with(engine, pics, monkeypatch, capsys) == 0
    window = open_window(qtbot, engine, tmp_path)
    settle(qtbot, window)
    click_photo(qtbot, window, "exiftool.jpg")
    assert window.details.file_title.full_text() == "Title: Titel"
    assert window.details.file_caption.full_text() == "Caption: Bildunterschrift"
    click_photo(qtbot, window, "exiv2.jpg")
    assert window.details.file_title.full_text() == "Title: Title"
