"""Model ▸ Versions named, as what a version learned, the tags it kept as its parent had them:
a new tag taught beside one answer about a known tag read "pets, animal", though "animal" had
too few answers to be corrected and the details below said "learned pets". The summary names
the tags the training changed."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.model.activation import activate_version
from phototagger.gui.retrain_versions import SUMMARY
from phototagger.paths import default_home
from tests.gui_helpers import shown_versions
from tests.switch_helpers import pets_beside_animal


def test_a_tag_kept_as_it_was_is_not_named_as_learned(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        trained = pets_beside_animal(lib, 1)
        activate_version(lib, trained.version)
    assert trained.version == "v2"
    window, page = shown_versions(qtbot, tmp_path, 2)

    cells = {
        version.text().split()[0]: summary.text()
        for r in range(page.table.rowCount())
        if (version := page.table.item(r, 0)) and (summary := page.table.item(r, SUMMARY))
    }
    assert cells["v2"] == "pets"
    page.select("v2")
    # The details still say how each tag was learned, "animal" as the default tagger had it.
    assert "animal: the default tagger as it was" in page.details.text()
