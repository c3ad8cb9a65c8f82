"""`phototagger train` replaces the runs trained before from the same version and never made
active, as the Train page does: `train` three times without `models use` left v2, v3, v4 in
`models`, each never made active. The active version, any version once active and v1 stay; a
training that fails leaves the run before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.cli_helpers import face_labelled, run
from tests.switch_helpers import save_second_version, synthetic_library


def _versions(capsys: pytest.CaptureFixture[str]) -> list[str]:
    code, out, _ = run(capsys, "models", "--json")
    assert code == 0
    return [v["version"] for v in json.loads(out)]


def _train_json(capsys: pytest.CaptureFixture[str], *options: str) -> dict[str, object]:
    code, out, _ = run(capsys, "train", "--json", *options)
    assert code == 0
    result: dict[str, object] = json.loads(out)
    return result


def test_training_again_without_applying_keeps_v1_and_the_newest(
    template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pics, _, _ = face_labelled(template, capsys)
    first = _train_json(capsys, "--no-activate")
    assert run(capsys, "label", str(pics / "chelsea.jpg"), "--reject", "face")[0] == 0
    second = _train_json(capsys, "--no-activate")  # an answer more, trained again
    assert _versions(capsys) == ["v1", "v3"]
    assert not (default_home().model_versions / "v2.npz").exists()
    assert (first["version"], first.get("replaced")) == ("v2", [])  # always there; none yet
    assert (second["version"], second["parent"], second.get("replaced")) == ("v3", "v1", ["v2"])

    code, out, _ = run(capsys, "train", "--no-activate")  # the text says it, as the GUI does
    assert code == 0
    assert "It replaces model v3, trained before from v1 and never applied." in out.splitlines()
    assert _versions(capsys) == ["v1", "v4"]


def test_a_version_once_active_stays(template: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pics, _, _ = face_labelled(template, capsys)
    code, out, _ = run(capsys, "train")
    assert code == 0 and "v2 is now active" in out and "replaces" not in out
    assert run(capsys, "models", "use", "v1")[0] == 0  # v2: active once, then left

    left = _train_json(capsys, "--no-activate")  # v3, from v1, not applied
    assert run(capsys, "label", str(pics / "chelsea.jpg"), "--reject", "face")[0] == 0
    result = _train_json(capsys, "--no-activate")
    assert _versions(capsys) == ["v1", "v2", "v4"]
    assert (left["version"], left.get("replaced")) == ("v3", [])
    assert (result["version"], result.get("replaced")) == ("v4", ["v3"])

    # Made active or not, a new run replaces the one trained before beside it.
    result = _train_json(capsys, "--force")
    assert (result["version"], result["activated"], result["replaced"]) == ("v5", True, ["v4"])
    assert _versions(capsys) == ["v1", "v2", "v5"]


def test_a_training_that_fails_leaves_the_run_before(capsys: pytest.CaptureFixture[str]) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 10)
    save_second_version("v2")  # trained from v1, never made active
    code, _, err = run(capsys, "train", "--json")
    assert code != 0 and "no corrections to learn from" in err
    assert _versions(capsys) == ["v1", "v2"]
