"""After rolling back past the version that learned a tag, the Review tab told the photographer
to type a command: "the active model (v1) has no output for 'pets': v4 learned it (phototagger
models use v4)". It now says how to do it in the app (Model ▸ Model Versions), as a sentence."""

from __future__ import annotations

import re
from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.model.activation import activate_version
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import two_taught_tags


def test_the_review_tab_says_how_to_return_to_the_version_that_learned_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with open_library(default_home()) as lib:
        _ids, version = two_taught_tags(lib, "pets", "R&B <live>")
        activate_version(lib, "v1")  # the photographer rolled back
    window = open_window(qtbot, None, tmp_path)
    window._show_retrain("review")
    page = window.retrain.review_page
    page.load("pets")
    settle(qtbot, window)
    text = page.question.text()
    assert "phototagger models use" not in text
    assert text.startswith(
        f"The version in use (v1) does not know “pets”: you taught it in version {version}, "
        "which is not active ("
    )
    assert f"in Model ▸ Model Versions, select {version} and click Make Active" in text
    # None of the model's own words: "the active model (v1) has no output for 'pets'".
    assert not re.search(r"output|\bhead|logit|embedding|residual|calibrat", text, re.I)
    page.load("R&B <live>")
    settle(qtbot, window)
    assert "“R&amp;B &lt;live&gt;”" in page.question.text()  # shown as typed, not as markup
