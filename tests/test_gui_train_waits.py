"""The Train page says what each tag still needs: a new tag with too few photos, a default tag
with too few answers to be corrected, a tag the active version already learned; the Train button
is only on when there is something new to learn."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetItem

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import applied, click_photo, open_window, settle
from tests.retrain_helpers import label_faces, library_from


def _learnable(page) -> dict[str, str]:  # noqa: ANN001 - the TrainPage
    def text(item: QTableWidgetItem | None) -> str:
        assert item is not None
        return item.text()

    rows = range(page.labels.rowCount())
    return {text(page.labels.item(r, 0)): text(page.labels.item(r, 3)) for r in rows}


def test_the_train_page_says_what_each_tag_still_needs(
    qtbot, engine, template: Path, tmp_path: Path
) -> None:
    lib, pics = library_from(template)
    lib.close()
    window = open_window(qtbot, engine, tmp_path)
    click_photo(qtbot, window, "chelsea.jpg")
    window.decide(window.details.photo_ids, "my cat", "add")
    settle(qtbot, window)
    qtbot.keyClick(window.grid, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    page = window.retrain.train_page
    settle(qtbot, window)
    assert _learnable(page) == {"my cat": "needs 4 more yes"}
    assert not page.train_button.isEnabled()
    assert "Nothing new to learn yet: add “my cat” to 4 more photos." in page.summary.text()
    assert "“my cat” has 1 (add it to 4 more)" in page.why.text()  # as `train`, in the app's quotes

    # A decision about a tag the model has: too few answers to correct it, as `train` says.
    click_photo(qtbot, window, "chelsea.jpg")
    window.decide(window.details.photo_ids, "cat", "accept")
    settle(qtbot, window)
    page.reload()
    settle(qtbot, window)
    needs = {"cat": "needs 4 more yes, 5 more no", "my cat": "needs 4 more yes"}
    assert _learnable(page) == needs
    assert not page.train_button.isEnabled()
    # The next step is the tag closest to learnable: 'my cat', 4 photos short, before 'cat', 9
    # answers short (test_gui_train_next_step_closest.py); Details says what each needs.
    assert "add “my cat” to 4 more photos" in page.summary.text()
    assert "“cat” needs 4 more yes and 5 more no answers" in page.why.text()

    # A new tag with five photos: something to learn.
    with open_library(default_home()) as lib:
        label_faces(lib, pics)
    page.reload()
    settle(qtbot, window)
    assert _learnable(page) == {**needs, "face": "yes"}
    assert page.train_button.isEnabled()

    applied(qtbot, window)
    # The new version learned from the decisions about face: nothing new until the next one.
    assert _learnable(page) == {**needs, "face": "learned"}
    assert not page.train_button.isEnabled()


def test_decisions_only_on_photos_never_read_are_said_so(qtbot, tmp_path: Path) -> None:
    """'2 corrections since model default. Accept, reject or add tags, then train.' read as if
    the two were lost: each is on a photo the model never read, and the page says so."""
    from phototagger.store.photos import add_folder
    from tests.store_helpers import add_photo

    with open_library(default_home()) as lib:
        add_folder(lib.db, "/pics")
        # Damaged: not read. (Two pending rows without files were marked missing by the scan
        # the window goes on with at its start: out of the library, as it now says, not unread.)
        ids = [add_photo(lib.db, f"/pics/IMG_{i}.jpg", status="problem") for i in range(2)]
    window = open_window(qtbot, None, tmp_path)
    qtbot.keyClick(window.grid, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    page = window.retrain.train_page
    settle(qtbot, window)
    said = page.summary.text()  # nothing decided
    assert "Nothing new to learn yet: accept, reject or add tags, then train." in said

    for pid in ids:
        window.decide([pid], "holiday", "add")
    settle(qtbot, window)
    page.reload()
    settle(qtbot, window)
    text = page.summary.text()
    assert "2 corrections" in text and "accept, reject" not in text.casefold()
    assert "They are on photos the model has not read yet" in text
    assert _learnable(page) == {} and not page.train_button.isEnabled()
