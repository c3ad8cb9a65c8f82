"""From the command line: label a new tag, train, see it suggested, review, roll back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import face_labelled, run


def test_train_models_review_scores_rollback(
    template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pics, faces, patches = face_labelled(template, capsys)
    code, _, err = run(capsys, "review", "face")
    assert code == 3 and "has not learned 'face'" in err

    code, out, _ = run(capsys, "train")
    assert code == 0
    assert "new tags the model learned: face" in out
    assert "v2 is now active" in out
    assert "face" in out.split("tag", 1)[1]  # the metrics table has a row for it

    assert "face: +" in out  # what the version changed, before and after
    code, out, _ = run(capsys, "models", "--json")
    versions = {v["version"]: v for v in json.loads(out)}
    assert versions["v2"]["active"] and versions["v2"]["parent"] == "v1"
    assert versions["v2"]["learned"]["face"]["how"] in {"concept", "examples", "faces"}

    code, out, _ = run(capsys, "search", "face")
    found = set(out.split())
    assert str(pics / "face020.jpg") in found and str(pics / "chelsea.jpg") not in found

    code, out, _ = run(capsys, "scores", "--json", "face")
    scores = json.loads(out)
    assert scores[0]["confidence"] >= scores[-1]["confidence"]
    assert len(scores) == 51

    code, out, _ = run(capsys, "review", "--json", "face", "--limit", "5")
    queue = json.loads(out)
    assert len(queue) == 5 and not set(r["path"] for r in queue) & set(faces + patches)

    code, out, _ = run(capsys, "export", "--json")
    record = next(r for r in json.loads(out) if r["path"] == faces[0])
    face_tag = next(t for t in record["tags"] if t["name"] == "face")
    assert face_tag["source"] == "user" and face_tag["confidence"] is not None

    code, out, _ = run(capsys, "models", "use", "v1")
    assert code == 0 and "v1 is now active" in out
    # Rolled back past the version that learned the tag: review says where it is, rather than
    # asking to label photos and train again.
    code, _, err = run(capsys, "review", "face")
    assert (
        code == 3
        and "you taught it in version v2, which is not active (phototagger models use v2)" in err
    )

    # A rejection more, then train --json: per tag, what the new version adds and removes.
    assert run(capsys, "label", str(pics / "chelsea.jpg"), "--reject", "face")[0] == 0
    code, out, _ = run(capsys, "train", "--json", "--no-activate")
    result = json.loads(out)
    [change] = [c for c in result["changes"] if c["tag"] == "face"]
    # What the user sees: their 6 faces show the tag under v1 too; the model adds others.
    assert change["before"] == len(faces) and change["added"] > 0
    assert change["after"] == len(faces) + change["added"] - change["removed"]
    assert result["counts"]["learned"]["face"]["label"]
    # The figures under their keys; the summary in words, with the counts it says beside them.
    for tag in result["metrics"]:
        assert {"f1", "average_precision", "precision", "recall"} <= set(tag["new"])
        assert 0 <= tag["right"] <= tag["held_out"]
    assert "F1" not in result["summary"] and "AP" not in result["summary"]
    code, out, _ = run(capsys, "search", "face")
    assert set(out.split()) == set(faces)  # only the user's own labels remain
    code, _, err = run(capsys, "models", "use", "v9")
    assert code == 3 and "no model version v9" in err
