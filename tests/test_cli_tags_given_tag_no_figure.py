"""words40: `phototagger tags PHOTO` printed a tag the user gave with the model's score as its
figure, once the model had scored the photo again (the file changed, a rescan): "beach  0.00
user  from file", "car  0.00  user  added", read as 0 % tags. As the details panel says it
(676ce14), the user's own tag has no figure now, and the model's score follows its state,
small: "beach  -  user  from file · model 0.00". `tags --json` keeps "confidence" (the model's
score) and marks such a tag "user_given". A real det-photo whose keywords exiv2 wrote, scanned
twice by the real model into a real library."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.cli_helpers import given_tags_rescored, run
from tests.store_helpers import DET

pytestmark = pytest.mark.skipif(not DET.is_dir(), reason="needs /work/shared/data/det-photos")


def test_tags_shows_no_model_figure_for_a_tag_the_user_gave(
    engine: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    # The keywords 'beach' (a tag the model has) and 'Zoo' in the file, 'car' added, 'zebra'
    # rejected; rated in digiKam afterwards: the rescan scores the photo again.
    photo = given_tags_rescored(engine, tmp_path / "pics", monkeypatch, capsys, "--reject", "zebra")

    code, out, err = run(capsys, "tags", str(photo))
    assert (code, err) == (0, ""), err
    line = {ln.split()[0]: ln for ln in out.splitlines()[1:]}
    for name, state in (("beach", "from file"), ("car", "added")):
        # Was: "beach  0.00  user  from file" (the model's score as the tag's figure).
        assert re.fullmatch(rf"  {name} +-  +user +{state} · model \d\.\d\d", line[name]), line
    assert re.fullmatch(r"  Zoo +-  +user +from file", line["Zoo"]), line  # no score to give
    # A rejection reads as before (the model's score, if kept, as its figure), and a suggestion
    # has its own figure.
    assert re.fullmatch(r"  zebra +(-|\d\.\d\d) +user +rejected", line["zebra"]), line
    suggested = [ln for ln in line.values() if ln.endswith("  model  suggested")]
    assert suggested and all(re.search(r" \d\.\d\d  model ", ln) for ln in suggested), line

    code, out, _ = run(capsys, "tags", "--json", str(photo))
    assert code == 0
    tags = {t["name"]: t for t in json.loads(out)["tags"]}
    assert {n for n, t in tags.items() if t["user_given"]} == {"beach", "car", "Zoo"}, tags
    # The keys as they were: the model's score stays "confidence", a number where it scored.
    assert isinstance(tags["beach"]["confidence"], float) and tags["Zoo"]["confidence"] is None
    assert tags["beach"]["state"] == "from file" and tags["car"]["source"] == "user"
    # walk55: `export --json` gave the same tags without "user_given", so a script reading the
    # whole library met the model's 0.9999 on a tag the user added, unmarked. Now each photo's
    # tags there are those of `tags --json`, field for field.
    code, out, _ = run(capsys, "export", "--json")
    assert code == 0
    exported = next(p for p in json.loads(out) if p["path"] == str(photo))
    assert exported["tags"] == json.loads(run(capsys, "tags", "--json", str(photo))[1])["tags"]


def test_tags_lists_a_photos_tags_in_the_details_panels_order(
    engine: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """preview41 (2005f60) put the grid's and the details panel's tags in one order, the user's
    own first by name, then the model's by confidence, an accepted or rejected one in its place
    (catalog.tag_order); `tags PHOTO`, the command line's details panel, kept the store's: any
    decision first ("animal 0.9x accepted", "car added", "beach from file", "zebra rejected"),
    then the suggestions. It lists them as the panel does now, `--json` too."""
    photo = given_tags_rescored(
        engine, tmp_path / "pics", monkeypatch, capsys, "--reject", "zebra", "--add", "animal"
    )
    code, out, _ = run(capsys, "tags", "--json", str(photo))
    assert code == 0
    tags = json.loads(out)["tags"]
    given = [t["name"] for t in tags if t["user_given"]]
    assert [t["name"] for t in tags[: len(given)]] == ["beach", "car", "Zoo"], tags
    model = tags[len(given) :]
    assert next(t for t in model if t["name"] == "animal")["state"] == "accepted", model
    scored = [t["confidence"] for t in model if t["confidence"] is not None]
    assert scored == sorted(scored, reverse=True), model
    assert [t["confidence"] for t in model[len(scored) :]] == [None] * (len(model) - len(scored))

    code, out, _ = run(capsys, "tags", str(photo))
    assert code == 0
    listed = [ln.split()[0] for ln in out.splitlines()[1 : 1 + len(tags)]]
    assert listed[:3] == ["beach", "car", "Zoo"], out
