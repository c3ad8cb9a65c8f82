"""A face detector's tag ('people') that only a file's keywords gave was said, on the Train
page, to come "from the face detector: your answers on it stay on those photos", though the
user had answered nothing about it. The page names the keywords it came from."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.connection import transaction
from phototagger.store.file_metadata import apply_file_keywords
from phototagger.store.states import TagOrigin
from phototagger.store.tags import ensure_tag
from tests.gui_helpers import train_page
from tests.switch_helpers import synthetic_library


def test_a_detector_tag_from_keywords_is_named_as_a_keyword(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 12)
        ensure_tag(lib.db, "people", TagOrigin.DETECTOR)  # as a scan with faces leaves it
        with transaction(lib.db):
            apply_file_keywords(lib.db, ids[0], ["people"], [])
    window, page = train_page(qtbot, tmp_path)
    assert "“people” from your files' keywords is a tag of the face detector's" in (page.why.text())
    table = page.labels
    [row] = [r for r in range(table.rowCount()) if (i := table.item(r, 0)) and i.text() == "people"]
    tip = table.item(row, 3).toolTip()  # type: ignore[union-attr]
    assert tip.startswith("“people” comes from your files' keywords")
    assert "your answers" not in tip and "your answers" not in page.why.text()
