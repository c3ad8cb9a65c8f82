"""`train`'s verdict read "mean F1 1.00 -> 0.93, AP 1.00 -> 1.00 on 1 tag": words a photographer
does not know, on the command line, the Train page and Model ▸ Versions. It now says what the
figures count: "right on 15 of 16 answers it was not trained on (before: 16), finds 7 of the 8
photos you said yes to (before: 8)". Versions trained before keep their stored summary ("mean
F1", "held out"); `models` and the Versions page say it in today's words, and the record on disk
is left as it was. The verdict's own words: tests/test_verdict_sample_size.py."""

from __future__ import annotations

import json

import pytest

from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.switch_helpers import save_version_record

OLD = (
    "mean F1 0.90 -> 0.85, AP 0.90 -> 0.91 on 2 tags (the F1 drop is 1 photo decided worse and "
    "0 better of 16 held out: within chance); learned herps"
)


def test_an_older_versions_summary_is_shown_in_todays_words(
    capsys: pytest.CaptureFixture[str],
) -> None:
    save_version_record("v2", {"parent": "v1", "created_at": "2026-11-20T10:00:00", "summary": OLD})
    save_version_record(
        "v3",
        {
            "parent": "v2",
            "created_at": "2026-11-21T10:00:00",
            "summary": "learned pets; no held-out labels to compare old and new yet",
        },
    )
    code, out, _ = run(capsys, "models", "--json")
    assert code == 0
    summaries = {v["version"]: v["summary"] for v in json.loads(out)}
    # Out of 100, as Model ▸ Versions and the Train page give them: `models` said "out of 1.00:
    # ... 0.90 -> 0.85".
    assert summaries["v2"] == (
        "on 2 tags, out of 100: match (how well its yes and no match your answers) 90 → 85, "
        "yes first (how well it puts the photos you said yes to before the others) 90 → 91; "
        "it decides 1 answer worse than before and 0 better: too few to say it is worse; "
        "learned herps"
    )
    assert summaries["v3"] == ("learned pets; no answers set aside to compare old and new on yet")
    code, out, _ = run(capsys, "models")
    assert code == 0 and "held" not in out and "mean F1" not in out
    assert "match (how well its yes and no match your answers) 90 → 85" in out
    assert "out of 1.00" not in out and "0.90" not in out
    # Shown in today's words; the user's record is as it was written.
    stored = json.loads((default_home().model_versions / "v2.json").read_text(encoding="utf-8"))
    assert stored["summary"] == OLD
