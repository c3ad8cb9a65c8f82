"""`review TAG` listed each photo's confidence and path and nothing else, though the queue mixes
lines (core/review_mix.py): photos just above the cut, the model's surest (to catch a confident
mistake), likely misses and kinds not asked about yet. A photographer could not tell why a 0.99
was asked about at all. Each line now says why in words, and --json adds a stable code ("why")
and the same words ("why_words") beside the path and confidence it always had."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phototagger.core.review_mix import WHY_CODE, WHY_WORDS
from tests.cli_helpers import run
from tests.retrain_helpers import library_from


def test_review_says_why_each_photo_is_asked(
    template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library_from(template)[0].close()

    code, out, _ = run(capsys, "review", "--json", "animal", "--limit", "12")
    assert code == 0
    queue = json.loads(out)
    assert len(queue) == 12
    for row in queue:
        # The old contract stays: path and confidence; the reason is only added.
        assert {"path", "confidence"} <= set(row) and Path(row["path"]).is_file()
        assert row["why"] in {"unsure", "confident", "missed", "unseen"}
        assert row["why_words"] in {
            WHY_WORDS[line] for line, code in WHY_CODE.items() if code == row["why"]
        }
    # The default tagger's lines, in turn: just above its cut, its surest, likely misses.
    assert {row["why"] for row in queue} == {"unsure", "confident", "missed"}
    for row in queue:
        if row["why"] == "missed":
            assert row["confidence"] < min(r["confidence"] for r in queue if r["why"] == "unsure")

    code, text, _ = run(capsys, "review", "animal", "--limit", "12")
    assert code == 0
    lines = text.splitlines()
    assert len(lines) == 12  # one line a photo, as before
    for line, row in zip(lines, queue, strict=True):
        assert line.startswith(f"{row['confidence']:5.2f}  {row['path']}")
        assert line.endswith(f"  ({row['why_words']})")
    assert any("confident: check it is not a confident mistake" in line for line in lines)
    assert any("likely missed: just below where it starts tagging" in line for line in lines)
