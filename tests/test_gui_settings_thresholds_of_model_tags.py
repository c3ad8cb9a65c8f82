"""Settings ▸ Per-tag thresholds lists the tags the model suggests. It listed every tag of the
library: on 1,000 photos whose files carried keywords ('1918', 'ARK017737', 'close-up'...) that
was 167 rows reading "model's own" for tags the model has no output for, where a threshold does
nothing, around the few ('monkeys', 'cookware') it does change."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core import labels
from phototagger.core.library import open_library
from phototagger.core.thresholds import model_thresholds
from phototagger.gui.location import LibraryLocation
from phototagger.gui.settings_dialog import SettingsDialog
from phototagger.paths import default_home
from tests.switch_helpers import synthetic_library


def test_only_the_tags_the_model_scores_have_a_threshold(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as library:
        ids = synthetic_library(library.db, 12)
        labels.apply_edits(library.db, labels.decision_edits(ids[:2], "ARK017737", "add"))
        labels.apply_edits(library.db, labels.decision_edits(ids[2:4], "1918", "add"))
        dialog = SettingsDialog(library, None, LibraryLocation(tmp_path / "location.json"))
        qtbot.addWidget(dialog)
        scored = model_thresholds(library)
        assert set(dialog._spins) == set(scored)  # 'dog', 'cat', ... each with its own value
        assert dialog.threshold("dog") == round(scored["dog"], 2)
        dialog.set_threshold("cat", 0.75)
        dialog.accept()
        again = SettingsDialog(library, None, LibraryLocation(tmp_path / "location.json"))
        qtbot.addWidget(again)
        assert again.threshold("cat") == 0.75 and "1918" not in again._spins
        again.reject()
