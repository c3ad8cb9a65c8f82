"""`train` said "v2 is now active; the library was re-tagged" though it kept every tag as it
was ("no correction told your answers apart better") and no photo's tags changed. It says so,
in the Train page's words ("No photo would change."): "v2 is now active; no photo's tags
changed"."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.cli_helpers import run
from tests.retrain_helpers import library_from


def test_a_training_that_changed_no_photo_says_so(
    template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library_from(template)[0].close()
    code, out, _ = run(capsys, "scores", "--json", "animal")
    scored = json.loads(out)
    # The model's own answers, confirmed: its surest yes and its surest no.
    assert run(capsys, "label", *[r["path"] for r in scored[:6]], "--add", "animal")[0] == 0
    assert run(capsys, "label", *[r["path"] for r in scored[-12:]], "--reject", "animal")[0] == 0

    code, out, _ = run(capsys, "train")
    assert code == 0
    assert "animal: the default tagger as it was: no correction told" in out
    assert " photos against v1 " not in out  # no tag gained or lost a photo
    assert out.splitlines()[-1] == "v2 is now active; no photo's tags changed"

    # A training that does change photos says how many photos' tags changed.
    assert run(capsys, "label", *[r["path"] for r in scored[6:11]], "--add", "face")[0] == 0
    assert run(capsys, "label", *[r["path"] for r in scored[-12:]], "--reject", "face")[0] == 0
    code, out, _ = run(capsys, "train")
    assert code == 0
    assert " photos against v2 " in out
    last = out.splitlines()[-1]
    # And which tags moved, as `models use` says them (it named none): here 'face' alone, as
    # the table of changes above counts it.
    found = re.fullmatch(r"v3 is now active; (\d+) photos' tags changed \((.*)\)", last)
    assert found, last
    table = re.search(r"^  face: \+(\d+) -(\d+) photos against v2 ", out, re.M)
    assert table, out
    more, fewer = int(table[1]), int(table[2])
    assert int(found[1]) == more + fewer
    words = [f"{more} photo{'s' * (more != 1)} more"] if more else []
    words += [f"{fewer} photo{'s' * (fewer != 1)} fewer"] if fewer else []
    assert found[2] == "face: " + ", ".join(words)

    # --json gives them as `models use --json` does; {} when nothing was switched.
    assert run(capsys, "label", *[r["path"] for r in scored[11:16]], "--add", "face")[0] == 0
    code, out, _ = run(capsys, "train", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["activated"] is True
    moved = {c["tag"]: c for c in result["changes"] if c["added"] or c["removed"]}
    assert result["tags_moved"] == {
        t: {"more": c["added"], "fewer": c["removed"]} for t, c in moved.items()
    }
    assert run(capsys, "label", *[r["path"] for r in scored[16:21]], "--add", "face")[0] == 0
    code, out, _ = run(capsys, "train", "--json", "--no-activate")
    assert code == 0 and json.loads(out)["tags_moved"] == {}
