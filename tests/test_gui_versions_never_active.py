"""A version trained in the app and left (neither applied nor discarded, the app closed) stayed
in Model ▸ Versions like any other, with the same summary as the next one and nothing saying it
never tagged the library. It now says "never made active", until it is made active; one that
was active once and rolled back from is not marked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from phototagger.core import labels
from phototagger.core.library import open_library
from phototagger.core.model.activation import activate_version, discard_version
from phototagger.core.retrain import train_candidate
from phototagger.gui.retrain_versions import VersionsPage
from phototagger.paths import default_home
from tests.gui_helpers import settle, shown_versions
from tests.switch_helpers import two_taught_tags


def _rows(page: VersionsPage) -> dict[str, list[QTableWidgetItem]]:
    table = page.table
    found: dict[str, list[QTableWidgetItem]] = {}
    for row in range(table.rowCount()):
        items = [table.item(row, column) for column in range(table.columnCount())]
        cells = [item for item in items if item is not None]
        found[cells[0].text().split()[0]] = cells
    return found


def test_a_version_trained_and_left_says_it_was_never_active(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids, used = two_taught_tags(lib, "pets", "brass")  # v2, trained and applied
        labels.apply_edits(lib.db, labels.decision_edits(ids[40:46], "pets", "add"))
        left = train_candidate(lib).version  # v3: shown, then the app closed
        activate_version(lib, "v1")  # v2 rolled back from: it was active once
    assert (used, left) == ("v2", "v3")
    window, page = shown_versions(qtbot, tmp_path, 3)

    rows = _rows(page)
    summary = rows["v3"][3]
    # The tag its training taught leads, retrained: it was no new tag ("learned" named none).
    assert summary.text().startswith("retrained pets; never made active")
    assert all(item.font().italic() for item in rows["v3"])
    for version in ("v1", "v2"):
        assert "never made active" not in rows[version][3].text()
        assert not rows[version][3].font().italic()
    page.select("v3")
    assert "Never made active" in page.details.text()

    # Made active, it is a version like the others.
    assert window.retrain.activate("v3")
    settle(qtbot, window)
    qtbot.waitUntil(lambda: "never" not in _rows(page)["v3"][3].text())
    assert not _rows(page)["v3"][3].font().italic()


def test_a_discarded_versions_name_trained_again_is_never_active(tmp_path: Path) -> None:
    from phototagger.core.model.listing import list_versions

    with open_library(default_home()) as lib:
        ids, _ = two_taught_tags(lib, "pets", "brass")
        labels.apply_edits(lib.db, labels.decision_edits(ids[40:46], "pets", "add"))
        again = train_candidate(lib).version
        activate_version(lib, again)
        activate_version(lib, "v2")
        discard_version(lib, again)
        labels.apply_edits(lib.db, labels.decision_edits(ids[46:50], "pets", "add"))
        assert train_candidate(lib).version == again  # the name comes back
        listed = {info.version: info for info in list_versions(lib)}
    assert listed[again].never_active
    assert not listed["v2"].never_active
