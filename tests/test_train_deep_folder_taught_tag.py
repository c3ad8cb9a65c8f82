"""deep38 (issue 8): `train --deep` keeps a tag taught by folders on its photos too.

folder38 made a tag the user invented, learned with no WordNet group and taught by folders
("holiday Crete": yes on every photo of Crete, no on every photo of WhatsApp), stay on its yes
answers, with a note, on the head path (`train`). `train --deep` fits the CNN's top and its own
thresholds (core/retrain_deep.py) and did not: the tag went onto photos in Home too. Now it keeps
it on its yes answers and says the same note. "music", taught by folders too (yes on a Music
folder of instruments, no on a Kitchen folder), fits a WordNet group, and is left to spread."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from phototagger.core.catalog import search_photos
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.retrain_helpers import deep_trains_on, fewer_deep_steps
from tests.test_train_folder_taught_tag import INSTRUMENTS, SAID, _kind, _library

pytestmark = pytest.mark.model  # runs the real network: full tier only

OTHERS = 80  # unanswered photos in Home besides its instruments


def test_a_deep_run_keeps_a_tag_taught_by_folders_on_its_folder(
    scans_with_engine: Any,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # What the run keeps the tags on, not how far its fits converge: fewer steps. The library
    # is the point (80 more photos in Home): on conftest's folders_scanned (30) the tag
    # stayed on Crete with the rule broken.
    fewer_deep_steps(monkeypatch)
    deep_trains_on(scans_with_engine, monkeypatch)  # the session's CNN reads the features
    folders = _library(tmp_path / "photos", draw=0, others=OTHERS)
    assert run(capsys, "scan", "--quiet", str(tmp_path / "photos"))[0] == 0
    for tag, yes, no in (("holiday Crete", "Crete", "WhatsApp"), ("music", "Music", "Kitchen")):
        assert run(capsys, "label", *map(str, folders[yes]), "--add", tag)[0] == 0
        assert run(capsys, "label", *map(str, folders[no]), "--reject", tag)[0] == 0
    code, out, err = run(capsys, "train", "--deep", "--json")
    assert code == 0, out + err
    result = json.loads(out)
    own = {t["tag"]: t for t in result.get("own_photos", [])}
    with open_library(default_home()) as lib:
        crete = {Path(p.path) for p in search_photos(lib.db, ["holiday Crete"])}
        music = {Path(p.path) for p in search_photos(lib.db, ["music"])}
    past = sorted(
        p.relative_to(tmp_path / "photos").as_posix() for p in crete - set(folders["Crete"])
    )
    assert crete == set(folders["Crete"]), past
    assert "holiday Crete" in own and SAID in own["holiday Crete"]["words"], own
    assert "music" not in own, own
    # The visual tag still spreads to the instruments no one answered, in Home.
    home = {p for p in folders["Home"] if _kind(p) in INSTRUMENTS}
    assert len(music & home) >= len(home) // 2, (len(music & home), len(home))
