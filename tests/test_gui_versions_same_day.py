"""Two versions trained in one sitting read the same on the Versions page: the Created column
gave only the day ("2026-12-03" twice), and their summaries were the same too ("learned pets;
nothing to compare…"), so which one to roll back to was a guess. Versions made on the same day
now say at what time ("14:04", the date in the tooltip, as the dock has no room for both); a
version alone on its day keeps its date."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.gui_helpers import versions_page
from tests.switch_helpers import save_version_record


def test_versions_made_the_same_day_say_when(qtbot: QtBot, tmp_path: Path) -> None:
    for version, made in (
        ("v2", "2026-11-28T09:30:00"),
        ("v3", "2026-12-03T14:04:56"),
        ("v4", "2026-12-03T14:07:06"),
    ):
        save_version_record(
            version, {"parent": "v1", "created_at": made, "summary": "learned pets"}
        )
    _window, page = versions_page(qtbot, tmp_path, "v4", 4)
    created = {}
    for row in range(4):
        name, when = page.table.item(row, 0), page.table.item(row, 1)
        assert name is not None and when is not None
        created[name.text().split()[0]] = when.text()
        if name.text().startswith("v4"):
            assert "2026-12-03 14:07" in when.toolTip()
    assert created == {"v1": "built in", "v2": "2026-11-28", "v3": "14:04", "v4": "14:07"}
