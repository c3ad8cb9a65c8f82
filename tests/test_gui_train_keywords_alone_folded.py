"""train37: a library whose photos carry keywords from another program, with no tag of the
user's own yet, listed every keyword on the Train page as a row of its own ("needs 4 more yes"),
where `train` counts them ("8 tags from your files' keywords are on fewer photos ('20s', …)")
and the page folds them once the user has a tag: they are folded the same way now, past the
few (NAMED_WAITING) that `train` names one by one, and a click opens them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.new_tag_wait import NAMED_WAITING
from tests.cli_helpers import scan_with
from tests.gui_helpers import open_window, settle
from tests.keyword_readers import exiftool_set
from tests.store_helpers import DET

# As a stock photo or another program's library has them: a few keywords a photo.
KEYWORDS = ["20s", "Adult", "holiday", "Lisbon", "music", "Porto", "stage", "summer"]


def _shown(table) -> list[str]:  # noqa: ANN001 - the labels table
    return [
        table.item(row, 0).text() for row in range(table.rowCount()) if not table.isRowHidden(row)
    ]


def test_the_files_keywords_alone_are_folded_into_one_line(
    qtbot: QtBot,
    engine: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert len(KEYWORDS) > NAMED_WAITING
    names = [p.stem for p in sorted(DET.glob("n*_violin.jpg"))[:4]]
    pics = tmp_path / "pics"
    pics.mkdir()
    for i, name in enumerate(names):  # 2 or 3 keywords each, written as another program does
        photo = pics / f"{name}.jpg"
        photo.write_bytes((DET / f"{name}.jpg").read_bytes())
        exiftool_set(photo, *(f"-XMP-dc:Subject={k}" for k in KEYWORDS[i * 2 : i * 2 + 3]))
    assert scan_with(engine, pics, monkeypatch, capsys) == 0
    window = open_window(qtbot, engine, tmp_path)
    window._show_retrain("train")
    page = window.retrain.train_page
    page.reload()
    settle(qtbot, window)
    table = page.labels
    fold = f"{len(KEYWORDS)} tags from your files' keywords"
    assert _shown(table) == [f"▸ {fold}"]
    assert table.rowCount() == 1 + len(KEYWORDS)  # each still there, folded
    rect = table.visualRect(table.model().index(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    settle(qtbot, window)
    shown = _shown(table)
    assert shown[0] == f"▾ {fold}" and sorted(shown[1:], key=str.casefold) == KEYWORDS
    # What the page says of them is `train`'s count.
    assert "Nothing new to learn yet" in page.summary.text(), page.summary.text()
    assert f"{fold} are on fewer photos ('" in page.why.text(), page.why.text()
