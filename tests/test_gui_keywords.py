"""Keywords in files, in the window: the details panel says which tags came from the file and
shows its rating and label; Tags > Write Keywords to Files asks once, then writes the selection
as a job; the Settings page keeps sidecar/embed and the sidecar's name."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from phototagger.core.metadata.settings import load_settings
from tests.gui_helpers import JOB_TIMEOUT_MS, click_photo, four_photos, open_window, settle
from tests.keyword_readers import digikam_tags, exiftool_keywords, exiv2_set
from tests.scan_helpers import new_library, run_scan


def _prescanned_with_digikam_tags(folder: Path, engine) -> Path:
    four_photos(folder)
    digikam_tags(folder / "chelsea.jpg", ["Pets/Chelsea", "holiday"])
    exiv2_set(folder / "chelsea.jpg", "set Xmp.xmp.Rating 4", "set Xmp.digiKam.ColorLabel 4")
    with new_library() as library:
        run_scan(library, [folder], engine)
    return folder


def test_details_show_tags_from_the_file_and_its_rating(qtbot, engine, tmp_path: Path) -> None:
    _prescanned_with_digikam_tags(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    click_photo(qtbot, window, "chelsea.jpg")
    rows = {row.entry.name: row for row in window.details.tags.rows}
    assert rows["Pets/Chelsea"].entry.source == "from the file's keywords"
    assert rows["holiday"].entry.state == "file"
    assert not rows["holiday"].accept_button.isEnabled()  # already the user's
    assert "★★★★☆ · green label" in window.details.facts.text()
    click_photo(qtbot, window, "coffee.jpg")
    assert "★" not in window.details.facts.text()


def _answer(qtbot, window, button_text: str) -> None:
    """Click `button_text` in the question the writer is about to show."""

    def click() -> None:
        box = getattr(window.keyword_writer, "question", None)
        if not isinstance(box, QMessageBox) or not box.isVisible():
            QTimer.singleShot(20, click)
            return
        for button in box.buttons():
            if button.text() == button_text:
                button.click()
                return
        box.reject()

    QTimer.singleShot(20, click)


def test_write_keywords_asks_first_then_writes_the_selection(qtbot, engine, tmp_path: Path) -> None:
    pics = _prescanned_with_digikam_tags(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    click_photo(qtbot, window, "chelsea.jpg")
    window.details.add_field.setText("sofa")
    window.details.add_field.returnPressed.emit()
    tags_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Tags")
    assert window.commands.write_keywords in tags_menu.actions()  # type: ignore[attr-defined]

    _answer(qtbot, window, "Cancel")
    window.commands.write_keywords.trigger()
    assert not window.jobs.busy and not (pics / "chelsea.jpg.xmp").exists()
    assert not load_settings(window.db).enabled  # off until the user says yes

    _answer(qtbot, window, "Use Sidecar Files")
    with qtbot.waitSignal(window.jobs.idle, timeout=JOB_TIMEOUT_MS):
        window.commands.write_keywords.trigger()
    settle(qtbot, window)
    settings = load_settings(window.db)
    assert settings.enabled and settings.target == "sidecar"
    fields = exiftool_keywords(pics / "chelsea.jpg.xmp")
    assert (
        "sofa" in fields["Xmp.digiKam.TagsList"]
        and "Pets/Chelsea" in fields["Xmp.digiKam.TagsList"]
    )
    assert (
        "Keywords written into 1 new sidecar file beside its photo"
        in window.status.currentMessage()
    )
    assert window.keyword_writer.last is not None and window.keyword_writer.last.written == 1
    assert not (pics / "coffee.jpg.xmp").exists()  # only the selection


def test_settings_page_keeps_sidecar_or_embed_and_the_name(qtbot, engine, tmp_path: Path) -> None:
    window = open_window(qtbot, engine, tmp_path)
    dialog = window.open_settings()
    page = dialog.keywords
    assert not page.enabled.isChecked() and page.target.currentData() == "sidecar"
    page.enabled.setChecked(True)
    page.target.setCurrentIndex(page.target.findData("embed"))
    page.naming.setCurrentIndex(page.naming.findData("photo.xmp"))
    page.keep_times.setChecked(False)
    dialog.accept()
    saved = load_settings(window.db)
    assert (saved.enabled, saved.target, saved.naming, saved.keep_times) == (
        True,
        "embed",
        "photo.xmp",
        False,
    )
    again = window.open_settings()
    assert again.keywords.naming.currentData() == "photo.xmp"
    again.reject()
