"""Model ▸ Versions, a version that is not active selected: its details say what Make Active
would change now, per tag in the status line's words ("pets: 12 photos fewer"), and the box under
them shows the photos of the tag chosen (+ gets it, ✕ loses it), as the Train page previews a
new version's. Counted right: Make Active then says the same. The active version says none.
Before, a version trained and never applied, or one to roll back to, said nothing of it until
Make Active had changed the photos."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.version_diff import PREVIEW
from phototagger.gui.retrain_versions import VersionsPage
from phototagger.paths import default_home
from tests.gui_helpers import JOB_TIMEOUT_MS, settle, shown_versions
from tests.switch_helpers import two_taught_tags


def _previewed(qtbot: QtBot, page: VersionsPage, version: str) -> str:
    page.select(version)
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.version == version)
    return page.changes.text()


def test_a_version_not_active_says_what_make_active_would_change(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with open_library(default_home()) as lib:
        _ids, taught = two_taught_tags(lib, "pets", "herps")
    window, page = shown_versions(qtbot, tmp_path, int(taught[1:]))
    # The active version, selected or not: nothing to count, nothing said of it.
    page.select(taught)
    assert page.preview is None and page.changes.isHidden()
    assert page.preview_row.isHidden() and page.preview_photos.isHidden()

    text = _previewed(qtbot, page, "v1")
    assert page.preview is not None
    fewer = page.preview.photos
    assert fewer > 0
    assert (
        text
        == f"Made active now, v1 would change {fewer} photos' tags (pets: {fewer} photos fewer)"
    )
    assert page.changes.isVisible() and page.details.text().startswith("v1: built in")
    # The photos it takes 'pets' off, shown: the box names the tag in the same words.
    assert page.preview_tag.isVisible()
    assert page.preview_tag.currentText() == f"pets: {fewer} photos fewer"
    qtbot.waitUntil(lambda: page.preview_photos.count() == min(fewer, PREVIEW))
    first = page.preview_photos.item(0)
    assert first.text().startswith("✕ ") and "Make Active: it loses “pets”" in first.toolTip()

    # What Make Active then does is what was said.
    with qtbot.waitSignal(window.retrain.activated, timeout=JOB_TIMEOUT_MS):
        qtbot.mouseClick(page.activate_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert window.status.currentMessage() == (
        f"Model v1 is active; {fewer} photos' tags changed (pets: {fewer} photos fewer)"
    )
    # Now v1 is active: selected, it says nothing of a change; the way back is counted.
    qtbot.waitUntil(lambda: bool(page.versions) and page.versions[0].active)
    page.select("v1")
    assert page.preview is None and page.changes.isHidden() and page.preview_row.isHidden()
    assert _previewed(qtbot, page, taught) == (
        f"Made active now, {taught} would change {fewer} photos' tags (pets: {fewer} photos more)"
    )


def test_an_answer_since_is_counted_again(qtbot: QtBot, tmp_path: Path) -> None:
    """A photo answered after the counts were shown shows the answer whatever version is
    active: the counts leave it out, as Make Active then does (counted again as the page is
    read again after an answer)."""
    with open_library(default_home()) as lib:
        _ids, taught = two_taught_tags(lib, "pets", "herps")
    window, page = shown_versions(qtbot, tmp_path, int(taught[1:]))
    _previewed(qtbot, page, "v1")
    assert page.preview is not None
    fewer = page.preview.photos
    losing = page.preview.changes[0].removed_ids[0]
    window.decide([losing], "pets", "add")  # yes: it keeps 'pets' under v1 too
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.photos == fewer - 1)
    now = fewer - 1
    assert page.changes.text() == (
        f"Made active now, v1 would change {now} photos' tags (pets: {now} photos fewer)"
    )
    # Answered with the page on another tab: counted when it shows, not at each answer (each
    # count reads every photo's embedding).
    window.retrain.show_page("train")
    window.decide([page.preview.changes[0].removed_ids[0]], "pets", "add")
    settle(qtbot, window)
    assert page.preview is None and not page.isVisible()
    window.retrain.show_page("versions")
    now -= 1
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.photos == now)
    with qtbot.waitSignal(window.retrain.activated, timeout=JOB_TIMEOUT_MS):
        qtbot.mouseClick(page.activate_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert window.status.currentMessage().endswith(f"(pets: {now} photos fewer)")
