"""weak34: a tag taught from photos of many kinds was said to be "learned like 'shore', 'boat'
and your examples" ("beach day", 360 ImageNet sample photos), where 'shore' and 'boat' showed in
5 of its 10 yes photos, and det-photos' seaside kinds "like detected faces", where a face showed
in 5 of 10: read as the tag understood as shores and boats, or as people. The version's record
keeps how many of the yes answers the groups (or faces) show in (core/learned_cover.py), and
`train` and the Train page say it where it is not all of them (core/learned_words).

walk43: "(the group named shows in 16 of your 17 yes photos)" on the Versions page left the
reader to find which group in the words before it; the group is named ("('primate' shows in
16 of your 17 yes photos)", "('shore' or 'boat' shows in ...)")."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.learned_words import how_in_words, plain_learned
from phototagger.gui.quotes import curly_quotes
from tests.cli_helpers import det_photos_scanned, run
from tests.gui_helpers import trained_page
from tests.store_helpers import DET

# One photo each of ten kinds seen at the seaside: eight sea creatures, a boat and a volleyball.
YES = (
    "n02317335_12859_starfish n01910747_13396_jellyfish n04530566_102_watercraft "
    "n02076196_10411_seal n04540053_14903_volleyball n02062744_3014_whale n01495701_1216_ray "
    "n02444819_2511_otter n01982650_10568_lobster n01662784_2198_turtle"
).split()
OTHERS = (
    "n04442312_12329_toaster n03467517_10919_guitar n07697100_1414_hamburger "
    "n03642806_21229_laptop n03001627_3888_chair n02834778_10227_bicycle n03636649_17304_lamp "
    "n04536866_11045_violin n02924116_16370_bus n07873807_1051_pizza n04256520_11786_sofa "
    "n02958343_257_car"
).split()

pytestmark = pytest.mark.skipif(not DET.is_dir(), reason="needs /work/shared/data/det-photos")


def _taught(engine: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    pics = det_photos_scanned(engine, tmp_path / "pics", [*YES, *OTHERS], monkeypatch, capsys)
    yes = [str(pics / f"{name}.jpg") for name in YES]
    assert run(capsys, "label", *yes, "--add", "beach day")[0] == 0


def _said(how: dict) -> str:
    """What the words must be, from the record: its plain words and the count it keeps."""
    shows, of = how["named_cover"]
    groups = [f"'{g}'" for g in re.findall(r"'([^']+)'", how["label"].split("your examples")[0])]
    assert len(groups) == len(how["synsets"]), how
    who = groups[0] if len(groups) == 1 else f"{', '.join(groups[:-1])} or {groups[-1]}"
    return f"{plain_learned(how['label'])} ({who} shows in {shows} of your {of} yes photos)"


def test_train_says_how_many_yes_photos_the_groups_named_show_in(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _taught(engine, tmp_path, monkeypatch, capsys)
    code, out, _ = run(capsys, "train", "--json", "--no-activate")
    assert code == 0
    how = json.loads(out)["counts"]["learned"]["beach day"]
    assert how["how"] == "concept" and how["synsets"], how  # learned like WordNet groups
    shows, of = how["named_cover"]
    # Ten yes answers; the volleyball and the boat are no sea creature: no group of three or
    # fewer that the search takes shows in all ten kinds.
    assert of == 10 and 0 < shows < 10, how
    code, out, _ = run(capsys, "train", "--no-activate")
    assert code == 0
    assert f"  beach day: {_said(how)}" in out.splitlines(), out


def test_the_train_page_says_it_under_the_changes(
    qtbot: QtBot, engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    _taught(engine, tmp_path, monkeypatch, capsys)
    page = trained_page(qtbot, tmp_path)
    assert page.result is not None
    how = page.result.counts["learned"]["beach day"]
    # In the app's quotes (the record's are Python's, as the command line prints them).
    said = curly_quotes(f"Learned {_said(how)}.")
    assert said in page.changes.caption.text(), page.changes.caption.text()


# walk43's "monkeys", as its version's record keeps how it was learned.
MONKEYS = {
    "how": "concept",
    "label": "like WordNet 'primate' + your examples' classes and their WordNet neighbours "
    "(3 classes outside 'primate')",
    "synsets": ["n02469914"],
    "named_cover": [16, 17],
}


def test_the_group_is_named() -> None:
    """walk43's "monkeys": the Versions page's words."""
    assert how_in_words(MONKEYS) == (
        "like 'primate' and your examples ('primate' shows in 16 of your 17 yes photos)"
    )


def test_a_tag_learned_like_faces_says_how_many_yes_photos_show_one() -> None:
    how = {"how": "faces", "label": "like detected faces", "synsets": [], "named_cover": [5, 10]}
    assert how_in_words(how) == "like detected faces (a face shows in 5 of your 10 yes photos)"
    # Every yes photo shown, or a record made before the count: the words as they were.
    assert how_in_words({**how, "named_cover": [10, 10]}) == "like detected faces"
    assert how_in_words({"how": "faces", "label": "like detected faces"}) == "like detected faces"
