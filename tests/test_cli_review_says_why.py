"""`review TAG` listed each photo's confidence and path and nothing else, though the queue mixes
lines (core/review_mix.py): photos just above the cut, the model's surest (to catch a confident
mistake), likely misses and kinds not asked about yet. A photographer could not tell why a 0.99
was asked about at all. Each line now says why in words, and --json adds a stable code ("why")
and the same words ("why_words") beside the path and confidence it always had. The list ends
with how to answer the photos (on stderr)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phototagger.commands.models import answer_words
from phototagger.core.review_mix import WHY_CODE, why_words
from phototagger.tag_names import typed_name
from tests.cli_helpers import run
from tests.retrain_helpers import library_from


def test_review_says_why_each_photo_is_asked(
    template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library_from(template)[0].close()

    code, out, err = run(capsys, "review", "--json", "animal", "--limit", "12")
    assert code == 0 and "answer them" not in err  # --json: the list alone
    queue = json.loads(out)
    assert len(queue) == 12
    for row in queue:
        # The old contract stays: path and confidence; the reason is only added.
        assert {"path", "confidence"} <= set(row) and Path(row["path"]).is_file()
        assert row["why"] in {"unsure", "confident", "missed", "unseen"}
        assert row["why_words"] in {
            why_words(line, row["confidence"], row["threshold"])
            for line, code in WHY_CODE.items()
            if code == row["why"]
        }
    # The default tagger's lines, in turn: just above its cut, its surest, likely misses.
    assert {row["why"] for row in queue} == {"unsure", "confident", "missed"}
    for row in queue:
        if row["why"] == "missed":
            assert row["confidence"] < min(r["confidence"] for r in queue if r["why"] == "unsure")

    code, text, err = run(capsys, "review", "animal", "--limit", "12")
    assert code == 0
    lines = text.splitlines()
    assert len(lines) == 12  # one line a photo, as before
    # Then how to answer them, on stderr (stdout stays the list, as `search` keeps its count
    # there): it said nothing, and the user had to find `label` in --help (polish28).
    assert err.splitlines()[-1] == (
        "answer them: phototagger label PATH... --add animal (yes) or --reject animal (no), "
        "then train; or in the app's Review tab (Model ▸ Review Queue, Ctrl+E)"
    )
    for line, row in zip(lines, queue, strict=True):
        assert line.startswith(f"{row['confidence']:5.2f}  {row['path']}")
        assert line.endswith(f"  ({row['why_words']})")
    assert any("confident: check it is not a confident mistake" in line for line in lines)
    # Where it starts tagging is named (test_review_names_the_cut.py).
    # Below it: "may be missed" just below the cut at even odds or more, else asked in case.
    below = [(row, line) for line, row in zip(lines, queue, strict=True) if row["why"] == "missed"]
    assert below
    for row, line in below:
        likely = max(row["threshold"] - 0.05, 0.5) <= row["confidence"]
        assert ("(may be missed: just below " in line) == likely, line
        assert line.endswith(": asked in case it is one it missed)") != likely, line
    assert any(", where it starts tagging)" in line for line in lines)


def test_the_way_to_answer_names_the_tag_as_it_is_typed() -> None:
    """A tag with a space or a slash in its name is written as the shell and `label` take it:
    AC/DC, one keyword (held as 'AC∕DC'), is typed 'AC\\/DC' (AC/DC would be DC under AC)."""
    assert "--add 'kitchen things' (yes) or --reject 'kitchen things' (no)" in answer_words(
        "kitchen things"
    )
    assert "--add 'AC\\/DC' (yes)" in answer_words(typed_name("AC\\/DC"))
