"""`models` read a version's file size and its arrays' headers only: a weights file whose bytes
were damaged mid-array (a disk's bad sector, a copy gone wrong, a byte changed by hand) was
listed as sound, in --json and Model ▸ Model Versions too, and found only at `models use`
("Bad CRC-32 for file 'kernel.npy'"). `models` now reads each array's bytes through against
the CRC-32 the file holds of them, as a load does, and flags such a version before a user
picks it, in the load's own words."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from phototagger.core.library import open_library
from phototagger.ml.heads import load_default_head
from phototagger.ml.registry import ModelVersions
from phototagger.ml.trained_head import from_default
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.damaged_version_helpers import assert_flagged, damage_mid_array, version_rows
from tests.switch_helpers import save_second_version, synthetic_library


def test_models_flags_bytes_damaged_mid_array(capsys: pytest.CaptureFixture[str]) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 10)
    save_second_version("v2")
    save_second_version("v3")
    damage_mid_array(default_home().model_versions / "v2.npz", "kernel.npy")
    why = "its weights file is damaged (Bad CRC-32 for file 'kernel.npy')"
    assert_flagged(capsys, "v2", why, sound=["v1", "v3"])


def test_models_flags_a_deep_versions_cnn_weights_damaged_mid_array(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A deep version's fine-tuned CNN top, in its own file: damaged there, it is flagged."""
    default = load_default_head()
    head = from_default(default, np.zeros(1280, np.float32), np.ones(1280, np.float32))
    top = {"block_7": [np.ones((3, 3, 64, 64), np.float32), np.zeros(64, np.float32)]}
    folder = default_home().model_versions
    ModelVersions(folder).save(
        dataclasses.replace(head, version="v2"),
        {"parent": "v1", "created_at": "2026-01-01T00:00:00", "kind": "deep", "top_weights": "v2"},
        top,
    )
    code, out, err = run(capsys, "models")
    assert code == 0 and "DAMAGED" not in out and err == "", out + err
    damage_mid_array(folder / "v2.npz", "top__block_7__0.npy")
    code, out, err = run(capsys, "models")
    assert code == 0
    assert version_rows(out)["v2"].endswith(
        "DAMAGED: its weights file is damaged (Bad CRC-32 for file 'top__block_7__0.npy')"
    ), out
    # A switch finds it in the same words (its file is not the one saved: why is said first).
    code, _out, err = run(capsys, "models", "use", "v2")
    assert code == 3
    assert "damaged (Bad CRC-32 for file 'top__block_7__0.npy')" in err, err
