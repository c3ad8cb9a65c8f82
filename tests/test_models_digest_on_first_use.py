"""Versions saved before records kept their weights' SHA-256 had nothing to tell their file from
another saved version's: with v2.npz and v3.npz swapped (the same 59 tags, both sound, good
CRC-32s), `models` listed both as sound and `models use v3` ran v2's weights as v3's. Now such a
version's SHA-256 is recorded at its first use, where its file checks out whole by its CRC-32s
(trust on first use), the record saying when it was added, and a later swap is flagged as for a
version saved with it."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from phototagger.ml.version_check import weights_digest
from tests.cli_helpers import run
from tests.damaged_version_helpers import assert_flagged, damage_mid_array, version_rows
from tests.test_models_flags_another_versions_weights import _folder, _forget_digest, _versions


def _record(version: str) -> dict[str, object]:
    return dict(json.loads((_folder() / f"{version}.json").read_text(encoding="utf-8")))


def _swap(a: str, b: str) -> None:
    folder = _folder()
    os.replace(folder / f"{a}.npz", folder / "swap.npz")
    os.replace(folder / f"{b}.npz", folder / f"{a}.npz")
    os.replace(folder / "swap.npz", folder / f"{b}.npz")


def test_models_records_the_digest_and_a_later_swap_is_flagged(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _versions()
    for version in ("v2", "v3"):
        _forget_digest(version)  # as saved before bad46
        assert "weights_sha256" not in _record(version)
    code, out, err = run(capsys, "models")
    assert code == 0 and err == "" and "DAMAGED" not in out, out + err
    for version in ("v2", "v3"):
        record = _record(version)
        assert record["weights_sha256"] == weights_digest(_folder() / f"{version}.npz")
        assert isinstance(record["weights_sha256_added"], str), record  # when: added later
        assert record["created_at"] == "2026-01-01T00:00:00"  # the rest as it was
    _swap("v2", "v3")
    code, out, _err = run(capsys, "models")
    rows = version_rows(out)
    assert rows["v2"].endswith(
        "DAMAGED: its weights file is not the one v2 was saved with (it is v3's, byte for byte)"
    ), out
    assert rows["v3"].endswith(
        "DAMAGED: its weights file is not the one v3 was saved with (it is v2's, byte for byte)"
    ), out
    _swap("v2", "v3")  # put back: sound again
    code, out, err = run(capsys, "models")
    assert code == 0 and err == "" and "DAMAGED" not in out, out + err
    # A copy over one of them is flagged in every place a version saved with it is.
    shutil.copy(_folder() / "v2.npz", _folder() / "v3.npz")
    assert_flagged(
        capsys,
        "v3",
        "its weights file is not the one v3 was saved with (it is v2's, byte for byte)",
        sound=["v1", "v2"],
    )


def test_models_use_records_it_too(capsys: pytest.CaptureFixture[str]) -> None:
    """`models use` first (no `models` before): the version made active has its digest
    recorded as it is loaded; a later swap is refused."""
    _versions()
    for version in ("v2", "v3"):
        _forget_digest(version)
    code, _out, err = run(capsys, "models", "use", "v3")
    assert code == 0, err
    assert _record("v3")["weights_sha256"] == weights_digest(_folder() / "v3.npz")
    shutil.copy(_folder() / "v2.npz", _folder() / "v3.npz")
    code, _out, err = run(capsys, "models", "use", "v3")
    assert code == 3
    assert err.startswith(
        "phototagger: model version v3 cannot be used: its weights file is not the one v3 was "
        "saved with"
    ), err


def test_a_damaged_file_gets_no_digest(capsys: pytest.CaptureFixture[str]) -> None:
    """A file whose bytes fail its CRC-32s is said damaged as before, and nothing is recorded
    of it: trusted only where it checks out."""
    _versions()
    _forget_digest("v2")
    damage_mid_array(_folder() / "v2.npz", "kernel.npy")
    code, out, _err = run(capsys, "models")
    assert version_rows(out)["v2"].endswith(
        "DAMAGED: its weights file is damaged (Bad CRC-32 for file 'kernel.npy')"
    ), out
    assert "weights_sha256" not in _record("v2")
