"""`models` read a version's file size and its arrays' headers only: a weights file whose bytes
were damaged mid-array (a disk's bad sector, a copy gone wrong, a byte changed by hand) was
listed as sound, in --json and Model ▸ Model Versions too, and found only at `models use`
("Bad CRC-32 for file 'kernel.npy'"). `models` now reads each array's bytes through against
the CRC-32 the file holds of them, as a load does, and flags such a version before a user
picks it, in the load's own words."""

from __future__ import annotations

import dataclasses
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from phototagger.core.library import open_library
from phototagger.ml.heads import load_default_head
from phototagger.ml.registry import ModelVersions
from phototagger.ml.trained_head import from_default
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.switch_helpers import save_second_version, synthetic_library


def _damage_mid_array(npz: Path, member: str) -> None:
    """One byte in the middle of `member`'s data changed; the zip's records, the array's
    header and the file's size stay as they were."""
    with zipfile.ZipFile(npz) as archive:
        info = archive.getinfo(member)
    data = bytearray(npz.read_bytes())
    # A stored member: its local header (30 bytes, its name, its extra field), then its bytes.
    local_extra = int.from_bytes(data[info.header_offset + 28 : info.header_offset + 30], "little")
    start = info.header_offset + 30 + len(info.filename.encode()) + local_extra
    data[start + info.file_size // 2] ^= 0x55
    npz.write_bytes(bytes(data))


def _rows(out: str) -> dict[str, str]:
    return {line.split()[0]: line for line in out.splitlines() if line.startswith("v")}


def test_models_flags_bytes_damaged_mid_array(capsys: pytest.CaptureFixture[str]) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 10)
    save_second_version("v2")
    save_second_version("v3")
    folder = default_home().model_versions
    _damage_mid_array(folder / "v2.npz", "kernel.npy")
    why = "its weights file is damaged (Bad CRC-32 for file 'kernel.npy')"

    code, out, err = run(capsys, "models")
    assert code == 0, err
    rows = _rows(out)
    assert rows["v2"].endswith(f"(never made active)  DAMAGED: {why}"), out
    assert "DAMAGED" not in rows["v1"] + rows["v3"], out
    assert err == (
        f"phototagger: model version v2 cannot be used: {why}. It is never used and cannot be "
        f"made active (v1 is active): put its files back from a backup, or delete v2.json and "
        f"v2.npz in {folder} to be rid of it\n"
    )
    code, out, _err = run(capsys, "models", "--json")
    assert code == 0
    assert {v["version"]: v["damaged"] for v in json.loads(out)} == {
        "v1": None,
        "v2": why,
        "v3": None,
    }
    # What `models use` finds, in the same words; v1 stays active.
    code, _out, err = run(capsys, "models", "use", "v2")
    assert code == 3
    assert err.startswith(f"phototagger: model version v2 cannot be used: {why}. "), err
    code, out, _err = run(capsys, "models")
    assert _rows(out)["v1"].split()[1] == "active"


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
    _damage_mid_array(folder / "v2.npz", "top__block_7__0.npy")
    code, out, err = run(capsys, "models")
    assert code == 0
    assert _rows(out)["v2"].endswith(
        "DAMAGED: its weights file is damaged (Bad CRC-32 for file 'top__block_7__0.npy')"
    ), out
