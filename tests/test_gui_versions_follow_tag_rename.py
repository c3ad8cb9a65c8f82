"""Model ▸ Versions says how each tag was learned under the name the tag has now. After renaming
the taught 'sailboats' to 'sailing boats', the active version that learned it still read
"• sailboats: like WordNet 'sailing vessel'…" (and `models --json` keyed it 'sailboats'): a tag
that no longer existed, while the model scored 'sailing boats' with that very learning.

v1's details name the taught tags it never learned, under their names now (walk62: after a roll
back to v3, v4's "kitchen things" was on the photos answered yes alone, and nothing said so):
not a tag merged away since, nor the built-in tag it was merged into."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.model.listing import describe, list_versions
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import two_taught_tags


def test_versions_page_names_a_renamed_taught_tag_by_its_new_name(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with open_library(default_home()) as lib:
        version = two_taught_tags(lib, "sailboats", "frogs")[1]
        how = lib.models.record(version).learned["sailboats"]["label"]
    window = open_window(qtbot, None, tmp_path)
    window.tools.ask_text = lambda *_args: "sailing boats"
    window.tools.ask_rename("sailboats")
    window.tools.merge_into("frogs", "animal")  # merged into a tag: its learning goes
    settle(qtbot, window)
    window._show_retrain("versions")
    page = window.retrain.versions_page
    page.reload()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: page.table.rowCount() == 2)

    # The Summary column leads with the tags the version taught as they are called now (the
    # merged one gone, as in how the tags were learned).
    summaries = [page.table.item(row, 3) for row in range(page.table.rowCount())]
    assert any(item is not None and item.text() == "sailing boats" for item in summaries)
    text = page.details.text()  # the active version's record
    assert text.startswith(f"{version} (active)")
    assert f"• sailing boats: {how}" in text
    how_learned = text.split("How your tags were learned:")[1]
    assert "sailboats" not in how_learned and "frogs" not in how_learned
    learned = describe(next(v for v in list_versions(window.library) if v.active))["learned"]
    assert "sailing boats" in learned and not {"sailboats", "frogs"} & set(learned)

    # v1, the built-in version, never learned 'sailing boats': its details say so, and what
    # making it active does; not 'frogs' (merged away) nor 'animal' (v1 has it).
    page.select("v1")
    v1 = page.details.text()
    assert v1.startswith("v1: built in")
    assert (
        "Not learned by this version: “sailing boats”. Made active, it puts that tag on no "
        "photo but those you said yes to"
    ) in v1
    assert "frogs" not in v1 and "animal" not in v1 and "sailboats" not in v1
    assert "Not learned" not in text  # the version that learned it
