"""A version's weights file swapped for another version's (`cp v2.npz v3.npz`, the same tags) is
a sound file, its CRC-32s good: `models`, `models use v3` and Model ▸ Model Versions took it for
v3's, and the user ran v2's weights believing them v3's. Each version's record now keeps the
SHA-256 of the weights file it was saved with, and a file that is not that one is flagged where
a damaged one is, in the same words ("its weights file is not the one v3 was saved with (it is
v2's, byte for byte)"), Make Active greyed. A version saved before records kept it stays usable,
its CRC-32s checked as before."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.model.active import ACTIVE_SETTING
from phototagger.core.model.tagger import load_head
from phototagger.ml.heads import load_default_head
from phototagger.ml.registry import ModelVersions
from phototagger.ml.trained_head import from_default
from phototagger.ml.version_check import DamagedModelError
from phototagger.paths import default_home
from phototagger.store.settings import set_setting
from tests.cli_helpers import run
from tests.damaged_version_helpers import assert_flagged, damage_mid_array, version_rows
from tests.gui_helpers import shown_versions
from tests.switch_helpers import synthetic_library

SWAPPED = "its weights file is not the one v3 was saved with (it is v2's, byte for byte)"


def _folder() -> Path:
    return default_home().model_versions


def _versions(active: str = "v1") -> None:
    """v1, and v2 and v3: the same 59 tags, different weights (their biases raised 1 and 2)."""
    default = load_default_head()
    base = from_default(default, np.zeros(1280, np.float32), np.ones(1280, np.float32))
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 10)
        for raise_by, version in ((1.0, "v2"), (2.0, "v3")):
            ModelVersions(_folder()).save(
                dataclasses.replace(base, version=version, bias=base.bias + raise_by),
                {"parent": "v1", "created_at": "2026-01-01T00:00:00"},
            )
        set_setting(lib.db, ACTIVE_SETTING, active)


def _forget_digest(version: str) -> None:
    """`version`'s record as one saved before records kept their weights' SHA-256."""
    path = _folder() / f"{version}.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    del record["weights_sha256"]
    path.write_text(json.dumps(record), encoding="utf-8")


def test_models_flags_another_versions_weights(capsys: pytest.CaptureFixture[str]) -> None:
    _versions()
    shutil.copy(_folder() / "v2.npz", _folder() / "v3.npz")
    assert_flagged(capsys, "v3", SWAPPED, sound=["v1", "v2"])
    # v2, whose file it is, is still sound and can be made active.
    code, _out, err = run(capsys, "models", "use", "v2")
    assert code == 0, err


def test_the_active_versions_weights_changed_since(capsys: pytest.CaptureFixture[str]) -> None:
    """A file that is no saved version's (v3's own arrays written again, one weight changed):
    said so, and of the active version, what to do."""
    _versions(active="v3")
    with np.load(_folder() / "v3.npz") as npz:
        arrays = {name: npz[name] for name in npz.files}
    arrays["bias"][0] += 0.5
    np.savez(_folder() / "v3.npz", **arrays)
    why = (
        "its weights file is not the one v3 was saved with (its SHA-256 differs from the one "
        "recorded: another file, or this one changed since)"
    )
    code, out, err = run(capsys, "models")
    assert code == 0, err
    assert version_rows(out)["v3"].endswith(f"DAMAGED: {why}"), out
    assert err == (
        f"phototagger: model version v3 cannot be used: {why}. It is the active version: make "
        "another one active (phototagger models use v1, the version as installed)\n"
    )
    # Tagging with it is refused too (its weights are loaded as a switch loads them), and
    # another version can be made active in its place.
    with open_library(default_home()) as lib, pytest.raises(DamagedModelError) as refused:
        load_head(lib)
    assert refused.value.reason == why
    code, _out, err = run(capsys, "models", "use", "v2")
    assert code == 0, err


def test_a_version_saved_before_stays_usable(capsys: pytest.CaptureFixture[str]) -> None:
    """A record without the SHA-256 (saved before it was kept) stays usable (it gets one at its
    first use: tests/test_models_digest_on_first_use.py); bytes damaged mid-array are still
    found by their CRC-32."""
    _versions()
    _forget_digest("v3")
    _forget_digest("v2")
    code, out, err = run(capsys, "models")
    assert code == 0 and err == "" and "DAMAGED" not in out, out + err
    code, _out, err = run(capsys, "models", "use", "v3")
    assert code == 0, err
    damage_mid_array(_folder() / "v2.npz", "kernel.npy")
    code, out, _err = run(capsys, "models")
    assert version_rows(out)["v2"].endswith(
        "DAMAGED: its weights file is damaged (Bad CRC-32 for file 'kernel.npy')"
    ), out


def test_model_versions_greys_make_active(qtbot: QtBot, tmp_path: Path) -> None:
    _versions()
    shutil.copy(_folder() / "v2.npz", _folder() / "v3.npz")
    _window, page = shown_versions(qtbot, tmp_path, 3)
    page.select("v3")
    assert (
        f"Damaged, cannot be used: {SWAPPED}. It cannot be made active: put its files back "
        "from a backup, or click Discard to delete v3"
    ) in page.details.text()
    assert not page.activate_button.isEnabled()
    page.select("v2")
    assert page.activate_button.isEnabled()


def test_a_deep_versions_cnn_top_swapped_in_the_version_it_builds_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """v3 runs the fine-tuned CNN top kept in v2.npz: with v2.npz swapped for v4's (another deep
    version, the same tags), v2 is flagged, and v3 too, naming the file."""
    default = load_default_head()
    head = from_default(default, np.zeros(1280, np.float32), np.ones(1280, np.float32))
    models = ModelVersions(_folder())
    for fill, version, top in ((1.0, "v2", "v2"), (0.0, "v3", "v2"), (2.0, "v4", "v4")):
        weights = (
            {"block_7": [np.full((3, 3, 64, 64), fill, np.float32)]} if top == version else None
        )
        record = {"parent": "v1", "created_at": "2026-01-01T00:00:00", "kind": "deep"}
        models.save(
            dataclasses.replace(head, version=version), {**record, "top_weights": top}, weights
        )
    code, out, err = run(capsys, "models")
    assert code == 0 and "DAMAGED" not in out and err == "", out + err
    shutil.copy(_folder() / "v4.npz", _folder() / "v2.npz")
    code, out, _err = run(capsys, "models")
    rows = version_rows(out)
    swapped = "its weights file is not the one v2 was saved with (it is v4's, byte for byte)"
    assert rows["v2"].endswith(f"DAMAGED: {swapped}"), out
    assert rows["v3"].endswith(f"DAMAGED: v2.npz: {swapped}"), out
    assert "DAMAGED" not in rows["v4"], out
