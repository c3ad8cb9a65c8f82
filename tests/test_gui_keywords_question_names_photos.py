"""Tags ▸ Write Keywords to Files asks, the first time, whether phototagger may write into the
user's files. With two photos selected in a library of six, it asked "Write your tags into your
photo files…?": a photographer could not tell whether one answer would rewrite every file of the
library or the two chosen. The question now says which photos: the selection, counted. It
offered sidecars "so that digiKam, Lightroom... see them", but Lightroom reads a JPEG's keywords
only from the file: it now says so. Its headline then said "Write the tags ... into their files"
above a default button "Use Sidecar Files" that leaves the files untouched: the headline now
promises what both buttons give, and the text below says which is which."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.metadata.settings import load_settings
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home
from tests.gui_helpers import click_photo, open_window, settle, two_selected
from tests.media_factory import heic_photo
from tests.store_helpers import add_photo, det_photos_added


def _question_cancelled(qtbot: QtBot, window: MainWindow) -> list[str]:
    """Write Keywords to Files on the selection: the first question's text and informative
    text, then Cancel."""
    asked: list[str] = []

    def cancel() -> None:
        box = getattr(window.keyword_writer, "question", None)
        if not isinstance(box, QMessageBox) or not box.isVisible():
            QTimer.singleShot(20, cancel)
            return
        asked.append(box.text())
        asked.append(box.informativeText())
        box.reject()

    QTimer.singleShot(20, cancel)
    window.commands.write_keywords.trigger()
    settle(qtbot, window)
    return asked


def test_the_first_question_says_which_photos(qtbot: QtBot, tmp_path: Path) -> None:
    # Photos whose files are there: for files gone, Write Keywords is grey and asks nothing.
    with open_library(default_home()) as library:
        photos = [photo for _, photo in det_photos_added(library.db, tmp_path / "pics", 6)]
    window = open_window(qtbot, None, tmp_path)
    click_photo(qtbot, window, photos[0].name)
    click_photo(qtbot, window, photos[1].name, Qt.KeyboardModifier.ControlModifier)
    assert window.details.title.text() == "2 photos selected"
    asked = _question_cancelled(qtbot, window)
    assert len(asked) == 2
    assert "the 2 selected photos" in asked[0], asked[0]
    assert asked[0] == (
        "Write the tags of the 2 selected photos where digiKam, Lightroom, darktable and "
        "Immich read them?"
    )
    assert (
        "Sidecar files (photo.jpg.xmp, beside each photo) leave the photos untouched" in (asked[1])
    )
    said = asked[1].replace("\u00a0", " ")  # the button's name kept on one line
    assert "Write Into the Files puts them inside the photos" in said, said
    # Lightroom reads no JPEG sidecar: a Lightroom user is told before choosing sidecars.
    assert "Lightroom reads a JPEG's keywords only from the file itself" in asked[1], asked[1]
    assert "are not written into" not in asked[1], asked[1]  # two JPEGs: both can
    assert not window.jobs.busy and not load_settings(window.db).enabled  # cancelled


def test_the_question_says_a_heic_gets_a_sidecar_either_way(qtbot: QtBot, tmp_path: Path) -> None:
    """walk60: a JPEG and a phone's HEIC selected, the question offered Write Into the Files
    ("puts them inside the photos") and said nothing of the HEIC, which gets a sidecar all the
    same: only the write's result said so ("HEIC files are not written into"), afterwards."""
    with open_library(default_home()) as library:
        photos = [photo for _, photo in det_photos_added(library.db, tmp_path / "pics", 1)]
        heic = heic_photo(tmp_path / "pics" / "IMG_0001.HEIC")
        st = heic.stat()
        add_photo(library.db, str(heic), size=st.st_size, mtime=st.st_mtime)
    window = open_window(qtbot, None, tmp_path)
    click_photo(qtbot, window, photos[0].name)
    click_photo(qtbot, window, heic.name, Qt.KeyboardModifier.ControlModifier)
    assert window.details.title.text() == "2 photos selected"
    asked = _question_cancelled(qtbot, window)
    said = asked[1].replace("\u00a0", " ")  # the button's name kept on one line
    assert (
        "Write Into the Files puts them inside the photos (HEIC files are not written into: "
        "they get sidecars either way). " in said
    ), said
    assert not window.jobs.busy and not load_settings(window.db).enabled  # cancelled


def test_settings_say_where_lightroom_reads_keywords(qtbot: QtBot, tmp_path: Path) -> None:
    """Settings offered 'photo.xmp (Lightroom)' as if Lightroom read any photo's sidecar."""
    from phototagger.gui.keywords_settings import KeywordSettingsPage

    window, _, _ = two_selected(qtbot, tmp_path, 2)
    page = KeywordSettingsPage(window.db)
    qtbot.addWidget(page)
    targets = [page.target.itemText(i) for i in range(page.target.count())]
    namings = [page.naming.itemText(i) for i in range(page.naming.count())]
    assert any("where Lightroom reads them" in t for t in targets), targets
    assert "photo.xmp (Lightroom, for RAW files)" in namings, namings


def _lines(label: QLabel, width: int) -> list[str]:
    """The lines `label`'s text wraps onto at `width` pixels, as Qt lays them out."""
    text = label.text()
    layout = QTextLayout(text, label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append(text[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    return [line.replace("\u00a0", " ") for line in lines]


def test_the_buttons_name_is_not_broken_across_lines(qtbot: QtBot, tmp_path: Path) -> None:
    # The question's text named the button "Write Into the Files", and it wrapped as "... Write"
    # at the end of one line and "Into the Files puts them ..." on the next (seen with xshot):
    # the name read as two. It is kept on one line, at the question's width and any other.
    window = open_window(qtbot, None, tmp_path)
    seen: list[list[str]] = []

    def look() -> None:
        box = getattr(window.keyword_writer, "question", None)
        if not isinstance(box, QMessageBox) or not box.isVisible():
            QTimer.singleShot(20, look)
            return
        label = next(w for w in box.findChildren(QLabel) if "Sidecar files" in w.text())
        margins = label.contentsMargins()
        seen.append(_lines(label, label.width() - margins.left() - margins.right()))
        seen.extend(_lines(label, width) for width in range(160, 720, 8))
        box.reject()

    QTimer.singleShot(20, look)
    window.keyword_writer.ask(load_settings(window.db), 5)
    assert len(seen) == 71 and len(seen[0]) > 2  # the question's own width wraps it
    for lines in seen:
        assert any("Write Into the Files" in line for line in lines), lines
