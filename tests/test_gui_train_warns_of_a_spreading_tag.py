"""polish35: "from Anna", a tag nothing visual tells apart (12 photos said yes, 6 no, picked at
random), went onto 390 of 397 photos in the run trained next. The Train page warned of it only
at the end of the verdict ("From Anna would be on 390 photos, more than its labels suggest"),
under the preview of the photos and out of view beside Apply; the few-"no" warnings stand over
the changes. It stands there now, with a ⚠, and the verdict does not say it again. Here on a
tag that does spread for a reason: 5 animals said yes, 15 things no, 40 animals in the library
("critters would be on 40 photos, more than its labels suggest (at most ~15: 5 yes / 15 no)")."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.cli_helpers import critters_labelled
from tests.gui_helpers import trained_page

pytestmark = pytest.mark.model


def test_a_tag_going_on_more_photos_than_its_answers_suggest_is_warned_of_over_the_changes(
    engine: object,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    critters_labelled(engine, tmp_path / "pics", monkeypatch, capsys)
    page = trained_page(qtbot, tmp_path)
    assert page.result is not None
    spread = page.result.counts["more_than_answers"]
    assert [note.split(" would be on ")[0] for note in spread] == ["critters"], spread
    warned = page.few_no_note.text()
    assert page.few_no_note.isVisibleTo(page)
    assert f"⚠</span> {spread[0]}" in warned, warned
    assert "more than its labels suggest" not in page.verdict.text(), page.verdict.text()
