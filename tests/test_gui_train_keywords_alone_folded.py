"""train37: a library whose photos carry keywords from another program, with no tag of the
user's own yet, listed every keyword on the Train page as a row of its own ("needs 4 more yes"),
where `train` counts them ("8 tags from your files' keywords are on fewer photos ('20s', …)")
and the page folds them once the user has a tag: they are folded the same way now, past the
few (NAMED_WAITING) that `train` names one by one, and a click opens them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.new_tag_wait import NAMED_WAITING
from phototagger.gui.main_window import MainWindow
from phototagger.gui.retrain_train import TrainPage
from phototagger.store.photos import all_photos
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


@pytest.fixture
def keyworded(
    engine: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Callable[[list[list[str]]], None]:
    """Scans det-photos of violins into the library, each with the keywords given for it
    written into its XMP dc:subject first, as another program writes them."""

    def scan(keywords: list[list[str]]) -> None:
        pics = tmp_path / "pics"
        pics.mkdir()
        for source, words in zip(sorted(DET.glob("n*_violin.jpg")), keywords, strict=False):
            photo = pics / source.name
            photo.write_bytes(source.read_bytes())
            exiftool_set(photo, *(f"-XMP-dc:Subject={k}" for k in words))
        assert scan_with(engine, pics, monkeypatch, capsys) == 0

    return scan


def _page(qtbot: QtBot, engine: object, tmp_path: Path) -> tuple[MainWindow, TrainPage]:
    window = open_window(qtbot, engine, tmp_path)
    window._show_retrain("train")
    page = window.retrain.train_page
    page.reload()
    settle(qtbot, window)
    return window, page


def test_the_files_keywords_alone_are_folded_into_one_line(
    qtbot: QtBot, engine: object, tmp_path: Path, keyworded: Callable[[list[list[str]]], None]
) -> None:
    assert len(KEYWORDS) > NAMED_WAITING
    keyworded([KEYWORDS[i * 2 : i * 2 + 3] for i in range(4)])  # 2 or 3 keywords each
    window, page = _page(qtbot, engine, tmp_path)
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
    summary = page.summary.text()
    assert "learns nothing from" in summary and "<br>Next: " in summary, summary
    assert f"{fold} are on fewer photos (“" in page.why.text(), page.why.text()


def test_the_files_keywords_are_all_listed_once_the_taught_tag_is_taken_back(
    qtbot: QtBot, engine: object, tmp_path: Path, keyworded: Callable[[list[list[str]]], None]
) -> None:
    """Seen in a real X session: with the tag the user was teaching taken back (Ctrl+Z), the
    Train page lists the files' keywords one by one again (five or fewer, with no tag of the
    user's own), but it showed 2 of 5: a refilled row kept the hidden mark the fold had given
    it, and the 3 others were hidden with no fold line to open them."""
    few = KEYWORDS[:NAMED_WAITING]
    keyworded([few[i : i + 2] for i in range(4)])
    window, page = _page(qtbot, engine, tmp_path)
    table = page.labels
    assert sorted(_shown(table), key=str.casefold) == few
    window.decide([p.id for p in all_photos(window.library.db)][:2], "concert", "add")
    settle(qtbot, window)
    page.reload()
    settle(qtbot, window)
    assert _shown(table) == ["concert", f"▸ {len(few)} tags from your files' keywords"]

    window.undo_stack.undo()  # the user's one tag taken back: no fold
    settle(qtbot, window)
    page.reload()
    settle(qtbot, window)
    assert table.rowCount() == len(few)
    assert sorted(_shown(table), key=str.casefold) == few
