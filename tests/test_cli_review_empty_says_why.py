"""`review TAG` with no photo in the library, or none left to ask about, and `scores TAG` with
no photo, printed nothing and exited 0: a new user could not tell a fault from an empty answer.
They say why on stderr; stdout and --json stay as they were (an empty list stays one)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_helpers import run
from tests.retrain_helpers import library_from

NO_PHOTO = "no photo in the library yet; scan a folder first\n"


def test_an_empty_library_says_to_scan_first(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "review", "animal") == (0, "", f"phototagger: nothing to review: {NO_PHOTO}")
    assert run(capsys, "review", "--json", "animal") == (
        0,
        "[]\n",
        f"phototagger: nothing to review: {NO_PHOTO}",
    )
    assert run(capsys, "scores", "animal") == (0, "", f"phototagger: nothing to score: {NO_PHOTO}")
    assert run(capsys, "scores", "--json", "animal") == (
        0,
        "[]\n",
        f"phototagger: nothing to score: {NO_PHOTO}",
    )


def test_every_photo_answered_says_nothing_is_left(
    template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library_from(template)[0].close()
    photos = sorted(str(p) for p in (template / "pics").glob("*.jpg"))
    assert run(capsys, "label", *photos, "--reject", "animal")[0] == 0

    left = "phototagger: nothing left to ask about 'animal': every photo has your answer for it\n"
    assert run(capsys, "review", "animal") == (0, "", left)
    assert run(capsys, "review", "--json", "animal") == (0, "[]\n", left)
    # The scores are still there to read: no "nothing left" note (where the model starts
    # tagging is said, as for any tag: test_cli_scores_threshold.py).
    code, out, err = run(capsys, "scores", "animal")
    assert code == 0 and len(out.splitlines()) == len(photos)
    assert err.startswith("phototagger: v1 puts 'animal' on photos scoring "), err
