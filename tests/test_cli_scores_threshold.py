"""`scores TAG` listed each photo's confidence and never where the model starts putting the tag
on a photo: on a 255-photo det-photos library, `review music` called a saxophone at 0.88 "likely
missed: just below where it starts tagging", and no command said where that was (a new tag's
threshold is its own, 0.55 for 'music' later, above 0.88 then). `scores --json` now gives each
photo's row the tag's threshold, and the text says it on stderr (stdout stays one photo a
line), with how many of the photos listed reach it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import face_labelled, run


def test_scores_say_where_the_model_starts_tagging(
    template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, faces, patches = face_labelled(template, capsys)
    assert run(capsys, "train")[0] == 0
    code, out, _ = run(capsys, "scores", "face", "--json")
    assert code == 0
    rows = json.loads(out)
    cuts = {row["threshold"] for row in rows}
    assert len(cuts) == 1 and 0 < next(iter(cuts)) < 1, cuts
    cut = next(iter(cuts))

    # The photos nobody answered have the tag exactly where the threshold says.
    code, out, _ = run(capsys, "export", "--json")
    having = {
        photo["path"]
        for photo in json.loads(out)
        for tag in photo["tags"]
        if tag["name"] == "face" and tag["state"] == "suggested"
    }
    unanswered = [row for row in rows if row["path"] not in {*faces, *patches}]
    assert unanswered
    assert {r["path"] for r in unanswered if r["confidence"] >= cut} == having - {*faces, *patches}

    code, out, err = run(capsys, "scores", "face")
    assert code == 0 and len(out.splitlines()) == len(rows)
    over = sum(row["confidence"] >= cut for row in rows)
    # Of those, the faces said yes to (weak34: a tag over the cut on its yes answers alone).
    yours = sum(row["confidence"] >= cut and row["path"] in faces for row in rows)
    assert 0 < yours < over
    assert err == (
        f"phototagger: v2 puts 'face' on photos scoring {cut:.2f} or more: {over} of the "
        f"{len(rows)} photos listed ({yours} of them you said yes to); a photo you answered "
        "keeps your answer\n"
    )
