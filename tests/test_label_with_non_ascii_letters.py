"""A colour label with letters outside ASCII could not be found: a German Lightroom's "Weiß"
label was read as 'weiß' (lowercased) but asked for casefolded ('weiss'), so the sidebar offered
"Weiß (1)" and the grid it chose was empty, and `search --label Weiß` refused it ("'weiss' is no
colour label"). Labels are now compared as store.file_metadata.label_key sees them, on both
sides. A real det-photo whose XMP exiv2 wrote as Lightroom does, scanned by the real model into a
real library; the real window offscreen."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.catalog import photos_marked
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.cli_helpers import run, scan_with
from tests.gui_helpers import open_window, settle, shown_names
from tests.keyword_readers import exiv2_set
from tests.store_helpers import DET

WHITE = "n01662784_2198_turtle"
RED = "n02062744_3014_whale"
NONE = "n04442312_12329_toaster"


@pytest.fixture
def labelled(
    engine: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Path:
    pics = tmp_path / "pics"
    pics.mkdir()
    for name in (WHITE, RED, NONE):
        shutil.copy(DET / f"{name}.jpg", pics)
    exiv2_set(pics / f"{WHITE}.jpg", "set Xmp.xmp.Label Weiß")
    exiv2_set(pics / f"{RED}.jpg", "set Xmp.xmp.Label Red")
    assert scan_with(engine, pics, monkeypatch, capsys) == 0
    return pics


def test_a_label_with_non_ascii_letters_is_found(
    labelled: Path, engine: Any, qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_library(default_home()) as library:
        white = library.db.execute("SELECT id FROM photos WHERE name = ?", [f"{WHITE}.jpg"])
        white_id = white.fetchone()[0]
        for asked in ("weiß", "Weiß", "WEISS", "weiss"):
            assert photos_marked(library.db, label=asked) == [white_id], asked

    for asked in ("Weiß", "weiss"):
        code, out, err = run(capsys, "search", "--label", asked)
        assert code == 0, err
        assert [Path(line).stem for line in out.splitlines()] == [WHITE]
    code, out, _ = run(capsys, "search", "--label", "Weiß", "--json")
    assert code == 0
    assert [row["label"] for row in json.loads(out)] == ["weiß"]
    code, _, err = run(capsys, "search", "--label", "weis")
    assert code == 2
    assert "your photos' files have: red, weiß" in err

    window = open_window(qtbot, engine, tmp_path)
    settle(qtbot, window)
    box = window.sidebar.marks.label
    texts = [box.itemText(i) for i in range(box.count())]
    assert texts == ["Any", "Red (1)", "Weiß (1)"]
    index = texts.index("Weiß (1)")
    box.setCurrentIndex(index)
    box.activated.emit(index)
    settle(qtbot, window)
    assert [Path(name).stem for name in shown_names(window)] == [WHITE]
    assert window.header.text().startswith("Photos with the weiß label  ·  1")
