"""walk48: with the files' keywords read by the scan (a det-photo of a butterfly carries
IPTC keywords of its own), `train` said "trained v2 from v1 in 0.6 s on 15 labelled photos" to a
user who had answered 13, as `stats` counts them ("your decisions: 13 answers"): a photo
labelled only by its file's keywords was counted as labelled, unsaid. The line now says the
two apart: "on 12 labelled photos (11 you answered, 1 by their files' keywords alone; …)"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cli_helpers import det_photos_scanned, run
from tests.store_helpers import DET

pytestmark = pytest.mark.skipif(not DET.is_dir(), reason="needs /work/shared/data/det-photos")

YES = [
    "n03495258_16334_harp",  # its file's keywords too ('harp', 'music', …), and answered
    "n02787622_14985_banjo",
    "n02787622_3030_banjo",
    "n02787622_3873_banjo",
    "n02787622_7140_banjo",
    "n02787622_7389_banjo",
    "n02992211_12260_cello",
]
NO = [
    "n02391049_2847_zebra",
    "n02391049_6947_zebra",
    "n02391049_7318_zebra",
    "n02391049_738_zebra",
]
KEYWORDS_ONLY = "n02274259_379_butterfly"  # keywords in its file, no answer of the user's


def test_train_says_the_photos_labelled_by_keywords_alone_apart(
    engine: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pics = det_photos_scanned(
        engine, tmp_path / "pics", [*YES, *NO, KEYWORDS_ONLY], monkeypatch, capsys
    )
    assert run(capsys, "label", *(str(pics / f"{n}.jpg") for n in YES), "--add", "gig")[0] == 0
    assert run(capsys, "label", *(str(pics / f"{n}.jpg") for n in NO), "--reject", "gig")[0] == 0
    _, stats, _ = run(capsys, "stats")
    assert "your decisions: 11 answers" in stats, stats
    keyword_photos = re.search(r"from your files' keywords: \d+ tags on (\d+) photos", stats)
    assert keyword_photos is not None and keyword_photos[1] == "2", stats

    code, out, err = run(capsys, "train")
    assert code == 0, err
    first = out.splitlines()[0]
    held = re.fullmatch(
        r"trained v2 from v1 in [\d.]+ s on 12 labelled photos \(11 you answered, 1 by their "
        r"files' keywords alone; (\d+) set aside to test it\)",
        first,
    )
    assert held is not None, first
