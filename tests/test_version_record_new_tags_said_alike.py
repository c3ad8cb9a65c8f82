"""words46: a first training that taught one new tag ("monkeys", 10 yes and 10 no, some kept
out of training to test it) was recorded, in `models` and Model ▸ Versions, as "learned monkeys;
nothing to compare old and new on yet: the answers kept out of training to test it are all on
tags the old version does not have", where the same run beside a keyword it kept as it was
(tests/test_version_record_new_tag_only.py) was recorded as "monkeys is new, so v1 has nothing to
compare it with": two wordings for one case. Both now name the new tag, and the Train page and
`train` say the run has new tags only, as before. Real photos, a real scan with the real model,
the Train page's own training, `train`, `models`, the Versions page read."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.cli_helpers import run
from tests.gui_helpers import JOB_TIMEOUT_MS, settle, shown_versions, train_page
from tests.test_gui_train_dash_tips_page_words import scanned  # noqa: F401 - the photos
from tests.test_version_record_new_tag_only import monkeys_taught

pytestmark = pytest.mark.model

IS_NEW = "monkeys is new, so v1 has nothing to compare it with"
NEW_ONLY = f"nothing to compare old and new on yet: {IS_NEW}"
OLD = "all on tags the old version does not have"


def _record(capsys: pytest.CaptureFixture[str], version: str) -> str:
    code, out, err = run(capsys, "models")
    assert code == 0, err
    return next(line for line in out.splitlines() if line.startswith(f"{version} "))


@pytest.mark.usefixtures("scanned")
def test_a_run_of_one_new_tag_is_recorded_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], qtbot: QtBot
) -> None:
    monkeys_taught(tmp_path, capsys)

    # The Train page: v2, from v1, not applied.
    window, page = train_page(qtbot, tmp_path)
    with qtbot.waitSignal(page.trained, timeout=JOB_TIMEOUT_MS):
        qtbot.mouseClick(page.train_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    text = page.verdict.text()
    assert "<b>new tags only</b>, nothing to compare with v1 yet" in text, text
    assert page.metrics.rowCount() == 1  # monkeys, tested on the answers kept out
    tag, held = page.metrics.item(0, 0), page.metrics.item(0, 1)
    assert tag is not None and held is not None
    assert tag.text() == "monkeys" and int(held.text()) > 0
    window.close()

    # `train`: v3, from v1 as well (v2 was not applied).
    code, out, err = run(capsys, "train")
    assert code == 0, err
    assert "against v1: new tags only, nothing to compare with v1 yet; learned monkeys" in out

    line = _record(capsys, "v3")
    assert f"learned monkeys; {NEW_ONLY}" in line, line
    assert OLD not in line, line

    _window, versions = shown_versions(qtbot, tmp_path, 2)
    versions.select("v3")
    shown = versions.details.text()
    assert IS_NEW in shown, shown
    assert OLD not in shown, shown
