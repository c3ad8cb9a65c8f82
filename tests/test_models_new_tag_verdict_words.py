"""polish40: v5 taught only "Crete trip" (a tag v4 lacks), and `models` listed it as "learned
Crete trip; nothing to compare old and new on yet: v4 had learned from 5 of the answers kept
out of training to test this one (monkeys), so they cannot show which is better": monkeys'
answers given as why a version that taught Crete trip went uncompared. The verdict
(core/validation.verdict, stored as the version's summary) names each tag for what it is: the
new one has nothing in the old version to be compared with; on the tag both have, the old one
had learned from the answers kept out."""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from phototagger.core.validation import verdict
from tests.cli_helpers import run
from tests.store_helpers import DET

pytestmark = pytest.mark.model  # runs the real network: full tier only

ANIMALS = {"zebra", "tiger", "lion", "elephant", "camel", "giant_panda", "koala_bear", "horse"}
THINGS = {"toaster", "spatula", "ladle", "laptop", "printer", "stove", "sofa", "table"}


def test_the_words_name_the_new_tag_and_the_tag_both_have_apart() -> None:
    ok, said = verdict([], "v4", {"monkeys": 5}, ["Crete trip"], {"Crete trip"})
    assert ok
    assert said == (
        "nothing to compare old and new on yet: Crete trip is new, so v4 has nothing to compare "
        "it with, and on monkeys, which v4 has too, 5 of the answers this one was checked on are "
        "ones v4 had learned from, so they cannot show which is better (answers you give from "
        "now on can)"
    )


def _kind(photo: Path) -> str:
    return photo.stem.split("_", 2)[-1]


def test_models_names_the_new_tag_apart_from_the_tag_both_have(
    scans_with_engine: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As the walk did it, on real photos: "animals" taught (yes on animals, no on things) and
    trained; then "Crete trip" said yes on a trip folder's photos, and a version trained."""
    photos = sorted(DET.glob("n*.jpg"))
    animals = [p for p in photos if _kind(p) in ANIMALS]
    things = [p for p in photos if _kind(p) in THINGS]
    rest = [p for p in photos if _kind(p) not in ANIMALS | THINGS]
    root = tmp_path / "photos"
    copies: dict[str, list[Path]] = {}
    for folder, sources in (
        ("home", animals + things),
        ("2024-07 Crete", random.Random(40).sample(rest, 40)),
    ):
        (root / folder).mkdir(parents=True)
        copies[folder] = [Path(shutil.copy(p, root / folder / p.name)) for p in sources]
    assert run(capsys, "scan", "--quiet", str(root))[0] == 0
    home = copies["home"]
    assert run(capsys, "label", *map(str, home[: len(animals)]), "--add", "animals")[0] == 0
    assert run(capsys, "label", *map(str, home[len(animals) :]), "--reject", "animals")[0] == 0
    assert run(capsys, "train")[0] == 0
    assert run(capsys, "label", str(root / "2024-07 Crete"), "--add", "Crete trip")[0] == 0
    code, out, err = run(capsys, "train")
    assert code == 0, out + err
    line = _v3_line(capsys)
    assert (
        "nothing to compare old and new on yet: Crete trip is new, so v2 has nothing to compare "
        "it with, and on animals, which v2 has too, "
    ) in line, line

    # words48: renamed, each tag is named as it is called now, the one both have too (verdict46
    # followed the new tag's name only: "and on animals, which v2 has too" stayed).
    assert run(capsys, "tag", "rename", "animals", "beasts")[0] == 0
    assert run(capsys, "tag", "rename", "Crete trip", "Crete 2024")[0] == 0
    line = _v3_line(capsys)
    assert (
        "learned Crete 2024; nothing to compare old and new on yet: Crete 2024 is new, so v2 has "
        "nothing to compare it with, and on beasts, which v2 has too, "
    ) in line, line
    assert "animals" not in line and "Crete trip" not in line, line


def _v3_line(capsys: pytest.CaptureFixture[str]) -> str:
    """`models`' line for v3."""
    code, out, _ = run(capsys, "models")
    assert code == 0
    line = [row for row in out.splitlines() if row.startswith("v3")]
    assert len(line) == 1, out
    return line[0]
