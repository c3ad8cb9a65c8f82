"""read38: a tag taught from yes answers with few "no" answers that the new version puts on a
few photos besides them was said twice, in two notes with two links: core/no_answers ("goes on
2 photos besides the 10 you said yes to: answer no on those that should not have it") and
core/few_photos ("goes on only 2 photos besides the 10 you said yes to: ... say yes to one or
two of each kind it misses"), from two definitions of "few". It is said once now, both steps
in one sentence, one link to its queue, in `train` and on the Train page alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.gui.retrain_train import AFTER_APPLY
from tests.cli_helpers import det_photos_scanned, run
from tests.gui_helpers import trained_page
from tests.store_helpers import DET
from tests.test_train_says_a_tag_lands_on_few_photos import NO, OTHERS, UNTAUGHT, YES

pytestmark = pytest.mark.skipif(not DET.is_dir(), reason="needs /work/shared/data/det-photos")

FEW_NO = NO[:2]  # two "no" answers (the dogs): fewer than the 5 that check where it stops


def _taught(engine: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """'beach day' said yes on its ten seaside kinds and no on two dogs, the rest unanswered."""
    pics = det_photos_scanned(
        engine, tmp_path / "pics", [*YES, *UNTAUGHT, *NO, *OTHERS], monkeypatch, capsys
    )
    for names, answer in ((YES, "--add"), (FEW_NO, "--reject")):
        paths = [str(pics / f"{name}.jpg") for name in names]
        assert run(capsys, "label", *paths, answer, "beach day")[0] == 0


def _said(others: int, queue: str) -> str:
    photos = f"{others} photo" + ("s" if others > 1 else "")
    return (
        "beach day: only 2 photos answered no (5 are needed to check where it stops); it goes "
        f"on only {photos} besides the 10 you said yes to: answer no on "
        + ("it if it should not have the tag" if others == 1 else "those that should not have it")
        + "; it tags only the photos your answers make likely, and few are; if "
        "it misses photos you meant, say yes to one or two of each kind it misses "
        f"({queue} lists photos to answer), then train again"
    )


def test_train_says_a_tag_on_few_photos_with_few_no_once(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _taught(engine, tmp_path, monkeypatch, capsys)
    trained = run(capsys, "train", "--json", "--no-activate")
    assert trained[0] == 0
    got = json.loads(trained[1])
    photos = got["counts"]["few_no_photos"]["beach day"]
    others = photos["others"]
    # The case: the version puts it on a photo or two besides its 10 yes (few by both counts).
    assert photos["yes"] == 10 and 0 < others < 10 / 4, photos
    assert got["few_photos"] == [], got["few_photos"]
    queue = "phototagger review 'beach day'"
    assert [f.get("note") for f in got["few_no_answers"]] == [_said(others, queue)]

    code, out, _ = run(capsys, "train", "--no-activate")
    assert code == 0
    said = [line for line in out.splitlines() if "beach day" in line and "besides" in line]
    assert said == [f"note: {_said(others, queue)}"], out


def test_the_train_page_says_it_once_with_one_link(
    qtbot: QtBot, engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    _taught(engine, tmp_path, monkeypatch, capsys)
    page = trained_page(qtbot, tmp_path)
    # No second note of its own (core/few_photos'), no second link.
    assert not page.few_photos_note.isVisible(), page.few_photos_note.text()
    assert page.result is not None
    others = page.result.counts["few_no_photos"]["beach day"]["others"]
    text = page.few_no_note.text()
    assert _said(others, AFTER_APPLY) in text, text
    assert text.count("href=") == 1 and "⚠" not in text, text
