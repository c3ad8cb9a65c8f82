"""words41: `train --deep` said nothing of a tag taught from yes answers on a whole folder that
goes on other photos: "music", yes on every photo of Music and nothing else, went onto about
21 more photos of 165 with no word of its missing "no" answers, nor of labelling a folder
(README: "`train`, not `train --deep`"). `train` warns of it, and says both ways; so does
`train --deep` now, in the same words (no_answers.few_no_tag_words).

det-photos copied into folders (tests/test_train_folder_taught_tag.py's, draw 3) and scanned with
the real model (a copy of conftest's folders_scanned, scanned once per run), Music (instruments)
said yes to with `label`, trained with `train --deep`: what it says is what it learned (counted
before the version is made active, which re-embeds every photo), so the run is saved, not made
active (--no-activate). Its fits take two optimiser steps, not 30 (retrain_helpers.
fewer_deep_steps): "music" spreads at two as at 30 (with core/retrain_deep's record of a
yes-only tag that spreads left out, nothing is said at either)."""

from __future__ import annotations

from pathlib import Path

import pytest

from phototagger.core.no_answers import yes_folders_words
from tests.cli_helpers import run
from tests.retrain_helpers import deep_trains_on, fewer_deep_steps, library_from

pytestmark = pytest.mark.model  # runs the real network: full tier only

TAG = "music"


def test_a_deep_run_tells_a_yes_only_folder_tag_both_ways(
    folders_scanned: tuple[Path, dict[str, list[Path]]],
    engine: object,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fewer_deep_steps(monkeypatch, steps=2)
    deep_trains_on(engine, monkeypatch)
    lib, root = library_from(folders_scanned[0])  # the scanned folders' library, copied
    lib.close()  # the commands open it
    assert run(capsys, "label", str(root / "Music"), "--add", TAG)[0] == 0
    code, out, err = run(capsys, "train", "--deep", "--no-activate")
    assert code == 0, out + err
    said = [line for line in out.splitlines() if line.startswith(("warning: music", "note: music"))]
    # Was: none.
    assert len(said) == 1, out
    assert "no photo answered no yet" in said[0], said
    assert said[0].endswith(f"; {yes_folders_words(TAG, [str(root / 'Music')])}"), said
