"""`train` and the Train page warned once per tag learned with fewer than 5 "no" answers, the
tags only the files' keywords give included: a stock library (dozens of keywords on each photo,
none ever answered no) got a "warning: X: no photo answered no…" per keyword, and the one about
the tag the user taught was lost among them. The user's own tags are warned of as before; those
only the files' keywords give are said once, together, named up to 5 (a keyword can still be
answered no, should it matter to the user); --json lists them apart (few_no_from_files). Real
photos carrying real XMP keywords, a real scan with the real model, real training."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.cli_helpers import run
from tests.gui_helpers import trained_page
from tests.keyword_readers import exiftool_set
from tests.store_helpers import DET

pytestmark = pytest.mark.model

KIND = ("goldfish", "ray", "bird")
KEYWORDS = (
    "3 tags from your files' keywords ('aquarium', 'holiday', 'seaside') have fewer than 5 "
    "photos answered no, so nothing tells where each stops: they may go on photos that only look "
    "like their own; where one matters to you, answer no on a few photos it should not have"
)
OWN = (
    "pets: only 2 photos answered no (5 are needed to check where it stops): it may go on photos "
    "that only look like your 5; answer no on 3 more photos it should not have"
)


def _library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """5 goldfish with the keywords 'holiday' and 'aquarium', 5 rays with 'seaside' (none
    answered no: 3 new tags from the files alone), 5 birds the user added 'pets' to, and 'pets'
    rejected on 2 goldfish."""
    pics = tmp_path / "pics"
    pics.mkdir()
    photos = {kind: sorted(DET.glob(f"*_{kind}.jpg"))[:5] for kind in KIND}
    for path in (p for kind in KIND for p in photos[kind]):
        shutil.copy(path, pics / path.name)
    for path in photos["goldfish"]:
        exiftool_set(pics / path.name, "-XMP-dc:Subject=holiday", "-XMP-dc:Subject=aquarium")
    for path in photos["ray"]:
        exiftool_set(pics / path.name, "-XMP-dc:Subject=seaside")
    assert run(capsys, "scan", "--quiet", str(pics))[0] == 0
    birds = [str(pics / p.name) for p in photos["bird"]]
    assert run(capsys, "label", *birds, "--add", "pets")[0] == 0
    fish = [str(pics / p.name) for p in photos["goldfish"][:2]]
    assert run(capsys, "label", *fish, "--reject", "pets")[0] == 0


def test_train_warns_once_of_the_keywords(
    scans_with_engine: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _library(tmp_path, capsys)
    code, out, _ = run(capsys, "train", "--no-activate", "--json")
    assert code == 0
    report = json.loads(out)
    # The user's own tag is said of apart: warned of, or, where it goes on no photo besides
    # its yes answers, said so in place of the warning (kwspread37).
    alone = [f["tag"] for f in report["few_photos"] if not f["others"]] == ["pets"]
    own = [] if alone else [{"tag": "pets", "no": 2, "warning": OWN}]
    assert report["few_no_answers"] == own
    assert report["few_no_from_files"] == {
        "tags": [{"tag": t, "no": 0} for t in ("aquarium", "holiday", "seaside")],
        "warning": KEYWORDS,
    }
    code, out, _ = run(capsys, "train", "--no-activate")
    assert code == 0
    warnings = [line for line in out.splitlines() if line.startswith("warning: ")]
    assert warnings == [*([] if alone else [f"warning: {OWN}"]), f"warning: {KEYWORDS}"]
    assert alone == ("note: pets goes on no photo besides the 5 you said yes to" in out), out


def test_the_train_page_warns_once_of_the_keywords(
    scans_with_engine: object, qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _library(tmp_path, capsys)
    page = trained_page(qtbot, tmp_path)  # Train New Model clicked, its result shown
    lines = page.few_no_note.text().split("<br>")
    assert page.result is not None
    # pets on no photo besides its yes answers: said so, not warned of (kwspread37).
    if page.result.counts["few_photos"].get("pets", {}).get("others") == 0:
        assert "“pets” goes on no photo besides" in page.few_photos_note.text()
        lines = [OWN, *lines]
    assert len(lines) == 2, lines
    assert lines[0].endswith(OWN) and lines[1].endswith(KEYWORDS.replace("'", "&#x27;"))
