"""A tag whose every photo the user has answered yes: its cut is set for the photos scanned next,
not just above the likeliest unanswered photo (core/tag_threshold.py). Taught "monkeys" was cut
at 0.153 over a bear at 0.146, so a dog scanned next at 0.16 would have been "monkeys". On a
real library with the real model: what `train --json` says (the photos the version changes, the
verdict) is the same as under the old rule, and a photo scanned after training that scores
between the old cut and the new one is not tagged."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from phototagger.core import tag_learning, tag_threshold
from phototagger.core.library import open_library
from phototagger.core.model.review import tag_scores
from phototagger.core.model.tagger import load_head
from phototagger.ml import selection_aware
from phototagger.ml.engine import TaggingEngine
from phototagger.ml.selection_aware import midway
from phototagger.ml.trained_head import TrainedHead
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.retrain_helpers import FACES, library_from
from tests.scan_helpers import run_scan

pytestmark = pytest.mark.model  # runs the real network: full tier only

TAG = "grandpa"


def _train(capsys: pytest.CaptureFixture[str]) -> tuple[dict[str, Any], str, float]:
    """`train --json --no-activate`'s record less what names the run, the version, its cut."""
    code, out, _ = run(capsys, "train", "--json", "--no-activate")
    assert code == 0
    record: dict[str, Any] = json.loads(out)
    version = record["version"]
    for key in ("version", "seconds", "replaced"):
        record.pop(key)
    with open_library(default_home()) as lib:
        head = load_head(lib, version)
    assert isinstance(head, TrainedHead)
    return record, version, float(head.thresholds[list(head.tag_names).index(TAG)])


def test_the_cut_is_set_for_the_photos_scanned_next(
    template: Path,
    engine: Any,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The cut alone is what this test is about. The patches rejected would also name their
    # kind (ml/lookalikes.py: their most likely class, which no face shares), and the version
    # would then hold the unanswered patches, and the faces faded into a patch below, under
    # its cut whatever the cut: test_rejected_kinds.py tests that rule.
    monkeypatch.setattr(tag_learning, "rejected_kinds", lambda *_: np.zeros(0, int))
    lib, pics = library_from(template)
    lib.close()  # the command line opens its own
    faces = [str(pics / f"face{i:03d}.jpg") for i in range(FACES)]
    # Every face is the tag's, and the user said so; 12 of the patches are not. Left
    # unanswered: 12 patches, the cat twice and a coffee cup, none of them the tag's.
    assert run(capsys, "label", *faces, "--add", TAG)[0] == 0
    patches = [str(pics / f"patch{i:03d}.jpg") for i in range(12)]
    assert run(capsys, "label", *patches, "--reject", TAG)[0] == 0

    with pytest.MonkeyPatch.context() as old_rule:  # the cut just above the unanswered photos
        old_rule.setattr(tag_threshold, "gap_cut", lambda *_: 0.0)
        old_rule.setattr(selection_aware.LibraryCalibration, "score_at", lambda *_: None)
        before, _, old_cut = _train(capsys)
    after, version, cut = _train(capsys)
    # The library is judged alike: the photos the version adds and removes, the verdict, the
    # held-out figures, the counts (by construction the unanswered photos are on one side).
    assert after == before
    assert cut > old_cut + 0.05, (old_cut, cut)

    assert run(capsys, "models", "use", version)[0] == 0
    with open_library(default_home()) as lib:
        ids = {str(r["path"]): int(r["id"]) for r in lib.db.query("select id, path from photos")}
        score = dict(tag_scores(lib, TAG))
        unanswered = [ids[str(pics / n)] for n in ("chelsea.jpg", "chelsea-copy.jpg", "coffee.jpg")]
        unanswered += [ids[str(pics / f"patch{i:03d}.jpg")] for i in range(12, 24)]
        yes = min(score[ids[f]] for f in faces)
        highest = max(score[p] for p in unanswered)
        no = max(score[ids[p]] for p in patches)
        # Midway in logit space between the likeliest unanswered photo or no answer and the
        # lowest yes (the saved model's scale), where the old rule cut just above the former.
        assert old_cut == pytest.approx(highest + tag_threshold.ABOVE, abs=1e-4)
        assert cut == pytest.approx(midway(max(highest, no), yes), abs=1e-4)

        # The next scan: a face faded into a patch, from barely there to clear, scored on both
        # sides of the cut and in between the old cut and the new one.
        new = tmp_path / "next scan"
        new.mkdir()
        face = Image.open(faces[0]).convert("RGB")
        patch = Image.open(pics / "patch014.jpg").convert("RGB")
        for alpha in np.linspace(0.1, 0.3, 21):
            Image.blend(patch, face, float(alpha)).save(new / f"faded {alpha:.2f}.jpg")
        # Scanned with the active version, as `scan` loads it (the session's CNN, its head).
        active = TaggingEngine(engine.backbone, load_head(lib), engine.device, engine.class_names)
        run_scan(lib, [new], active, batch_size=32)
        paths = {int(r["id"]): str(r["path"]) for r in lib.db.query("select id, path from photos")}
        scanned = {paths[p]: c for p, c in tag_scores(lib, TAG) if new.name in paths[p]}
    code, out, _ = run(capsys, "export", "--json")
    assert code == 0
    tagged = {r["path"] for r in json.loads(out) if any(t["name"] == TAG for t in r["tags"])}
    assert len(scanned) == 21
    between = {p for p, c in scanned.items() if old_cut <= c < cut}
    above = {p for p, c in scanned.items() if c >= cut}
    assert between and above, sorted(scanned.values())
    assert not between & tagged  # the old rule tagged these
    assert above <= tagged
