"""`train --deep` decodes the answered photos again; those it could not read now (deleted,
moved, made a folder or a fifo since the scan) it left out without a word, and said "trained on
18 labelled photos". It now says how many it could not read, the first with why, and --json
lists them (counts.unread_now). Its "trained … on 18 labelled photos" counted them too: now the
14 it learned from.

What it prints and what --json lists are read from one deep run: the --json command reprints
that run's result (the training itself is the same code and answers, a deep run apiece)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.cli_helpers import run
from tests.retrain_helpers import fewer_deep_steps, label_faces, library_from

pytestmark = pytest.mark.model  # runs the real network: full tier only


def test_train_deep_says_which_answered_photos_it_could_not_read(
    template: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    from phototagger.core import retrain

    # What it counts and says is decided before the fits: two optimiser steps each, not 30.
    fewer_deep_steps(monkeypatch, steps=2)
    # `train --deep` then `train --deep --json` on the same answers: the second prints the
    # first one's result: the deep run is made once, not twice.
    runs: list[Any] = []
    real_train = retrain.train_candidate

    def trained_once(*args: Any, **kwargs: Any) -> Any:
        if not runs:
            runs.append(real_train(*args, **kwargs))
        return runs[0]

    monkeypatch.setattr(retrain, "train_candidate", trained_once)
    lib, pics = library_from(template)
    with lib:
        label_faces(lib, pics, positives=6, negatives=12)
    # The template's photos, shared by the session's tests: put back as they were after.
    aside = tmp_path / "aside"
    aside.mkdir()
    changed = [pics / f"face{i:03d}.jpg" for i in range(3)] + [pics / "patch000.jpg"]
    for photo in changed:
        shutil.move(photo, aside / photo.name)
    try:
        os.mkfifo(changed[0])  # a photo that became a fifo: never opened, nothing hangs
        changed[1].mkdir()  # one that became a folder
        # face002.jpg and patch000.jpg: gone
        code, out, err = run(capsys, "train", "--deep", "--no-activate")
        assert code == 0, err
        # 18 answered, 4 of them not read: it learned from 14 (it said "on 18").
        [trained] = [x for x in out.splitlines() if x.startswith("trained ")]
        assert " on 14 labelled photos (" in trained, trained
        [line] = [x for x in out.splitlines() if x.startswith("not counted:")]
        assert line.startswith(
            "not counted: 4 photos you answered could not be read from disk now (face000.jpg: "
            "this is not a regular file"
        ), line
        assert line.endswith(
            "; and 3 more), so this deep run learned nothing from them; plain `phototagger "
            "train` learns from them all (from what the scan kept), and a scan of their "
            "folders notes the files that are gone"
        ), line
        code, out, err = run(capsys, "train", "--deep", "--no-activate", "--json")
        assert code == 0, err
        report = json.loads(out)
        assert len(runs) == 1 and report["version"] == runs[0].version
        unread = report["counts"]["unread_now"]
        assert sorted(u.split(":")[0] for u in unread) == sorted(p.name for p in changed)
    finally:
        for photo in changed:
            if photo.is_dir():
                photo.rmdir()
            else:
                photo.unlink(missing_ok=True)
            shutil.move(aside / photo.name, photo)
