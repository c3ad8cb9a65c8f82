"""verdict46: a first training that taught one new tag ("monkeys", 10 yes and 10 no on real
photos, some kept out of training to test it) was recorded, in `models` and Model ▸ Versions, as
"learned monkeys; nothing to compare old and new on yet: the answers kept out of training to test
it are all on tags the old version does not have", where the same run beside a keyword it kept as
it was (tests/test_version_record_new_tag_only.py) was recorded as "monkeys is new, so v1 has
nothing to compare it with": two wordings for one case. Both now name the new tag the run
learned, under the name it has now after a `tag rename` (a6f8493 said it once, then froze the name
into the record, and named a tag the run did not learn: tests/test_cli_models_summary_follows_
rename.py, tests/test_train_own_tag_not_called_learned.py); `train` and the Train page say the
run has new tags only, as before. Real photos, a real scan with the real model, the Train page's
own training, `train`, `tag rename`, `models`, the Versions page read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.cli_helpers import run
from tests.gui_helpers import JOB_TIMEOUT_MS, settle, shown_versions, train_page
from tests.test_gui_train_dash_tips_page_words import scanned  # noqa: F401 - the photos
from tests.test_version_record_new_tag_only import monkeys_taught

pytestmark = pytest.mark.model

HEAD = "new tags only, nothing to compare with v1 yet"
OLD = "all on tags the old version does not have"


def _is_new(tag: str) -> str:
    return (
        f"nothing to compare old and new on yet: {tag} is new, so v1 has nothing to compare it with"
    )


def _record(capsys: pytest.CaptureFixture[str], version: str) -> str:
    """`models`' line for `version`."""
    code, out, err = run(capsys, "models")
    assert code == 0, err
    return next(line for line in out.splitlines() if line.startswith(f"{version} "))


@pytest.mark.usefixtures("scanned")
def test_a_run_of_one_new_tag_is_recorded_naming_it_as_it_is_called_now(
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
    assert "Learned monkeys." in text and OLD not in text, text
    assert page.metrics.rowCount() == 1  # monkeys, tested on the answers kept out
    tag, held = page.metrics.item(0, 0), page.metrics.item(0, 1)
    assert tag is not None and held is not None
    assert tag.text() == "monkeys" and int(held.text()) > 0
    window.close()
    line = _record(capsys, "v2")
    assert f"learned monkeys; {_is_new('monkeys')}" in line, line
    assert OLD not in line, line

    # `train`: v3, from v1 as well (v2, not applied, goes).
    code, out, err = run(capsys, "train", "--no-activate")
    assert code == 0, err
    assert f"against v1: {HEAD}; learned monkeys" in out, out
    assert OLD not in out, out

    line = _record(capsys, "v3")
    assert f"learned monkeys; {_is_new('monkeys')}" in line, line
    assert OLD not in line, line

    # Renamed: the record names it as it is called now, in both sentences.
    assert run(capsys, "tag", "rename", "monkeys", "primates")[0] == 0
    line = _record(capsys, "v3")
    assert f"learned primates; {_is_new('primates')}" in line, line
    assert "monkeys" not in line, line
    code, out, err = run(capsys, "models", "--json")
    assert code == 0, err
    summary = {v["version"]: v["summary"] for v in json.loads(out)}["v3"]
    assert summary == f"learned primates; {_is_new('primates')}", summary

    _window, versions = shown_versions(qtbot, tmp_path, 2)
    versions.select("v3")
    shown = versions.details.text()
    assert _is_new("primates").capitalize() in shown, shown
    assert "monkeys" not in shown and OLD not in shown, shown
