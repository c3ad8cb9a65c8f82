"""Damaged or tampered model files are refused with a message, never half-used (issue 9.7)."""

from __future__ import annotations

import io
import json
import pickle
import struct
import zipfile
from pathlib import Path

import numpy as np
import pytest

from phototagger.cli import main
from phototagger.core.library import open_library
from phototagger.core.model.active import ACTIVE_SETTING, THRESHOLDS_SETTING, threshold_overrides
from phototagger.core.model.tagger import load_head
from phototagger.ml.torch_state import load_legacy_state_dict
from phototagger.ml.version_check import DamagedModelError
from phototagger.paths import default_home
from phototagger.store.settings import set_setting
from tests.switch_helpers import save_second_version


def _use(version: str) -> None:
    with open_library(default_home()) as lib:
        set_setting(lib.db, ACTIVE_SETTING, version)


def _refused(capsys: pytest.CaptureFixture[str], expect: str) -> None:
    """The CLI (scores reads the active head) says why in one line, exit 3, no traceback."""
    assert main(["scores", "cat"]) == 3
    err = capsys.readouterr().err
    assert expect in err and "Traceback" not in err and err.count("\n") == 1, err


def _npz(version: str) -> Path:
    return default_home().model_versions / f"{version}.npz"


def _record(version: str) -> Path:
    return default_home().model_versions / f"{version}.json"


def _damage_record(version: str, change) -> None:  # noqa: ANN001 - a dict -> None edit
    record = json.loads(_record(version).read_text())
    change(record)
    _record(version).write_text(json.dumps(record))


CASES = {
    "truncated record": (
        lambda v: _record(v).write_bytes(_record(v).read_bytes()[:40]),
        "not valid JSON",
    ),
    "tags not a list": (
        lambda v: _damage_record(v, lambda r: r.update(tags=7)),
        "no valid list of tag names",
    ),
    "garbage thresholds": (
        lambda v: _damage_record(v, lambda r: r.update(thresholds=["x"] * len(r["tags"]))),
        "thresholds",
    ),
    "record of another version": (
        lambda v: _damage_record(v, lambda r: r.update(version="../v9")),
        "names another version",
    ),
    "missing weights": (lambda v: _npz(v).unlink(), "weights file is missing"),
    "garbage weights": (lambda v: _npz(v).write_bytes(b"PK\x03\x04 garbage" * 100), "damaged"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_damaged_version_is_refused_with_a_message(
    case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    version = save_second_version()
    damage, expect = CASES[case]
    damage(version)
    _use(version)
    _refused(capsys, expect)


def _rewrite_npz(version: str, **changes: np.ndarray) -> None:
    with np.load(_npz(version)) as z:
        arrays = {k: z[k] for k in z.files}
    arrays.update(changes)
    with open(_npz(version), "wb") as f:
        np.savez(f, **arrays)


def test_nan_weights_are_refused_not_used_silently(capsys: pytest.CaptureFixture[str]) -> None:
    version = save_second_version()
    with np.load(_npz(version)) as z:
        kernel = z["kernel"].copy()
    kernel[3, 2] = np.nan
    _rewrite_npz(version, kernel=kernel)
    _use(version)
    _refused(capsys, "NaN")


def test_wrong_shapes_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    version = save_second_version()
    _rewrite_npz(version, mean=np.zeros(7, np.float32))
    _use(version)
    _refused(capsys, "shape")


def test_kept_rejections_that_name_no_tag_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    # A version's kept rejections (ml/lookalikes.py) each name a tag's column: one past the
    # last tag, or a row without its level, is a damaged file, not a rule applied to nothing.
    version = save_second_version()
    with np.load(_npz(version)) as z:
        tags = z["bias"].shape[0]
    vectors = np.zeros((2, 1280), np.float32)
    _rewrite_npz(
        version,
        lookalikes=vectors,
        lookalike_tags=np.array([0, tags]),
        lookalike_levels=np.array([0.5, -1.0], np.float32),
    )
    _use(version)
    _refused(capsys, "kept rejections")
    _rewrite_npz(version, lookalike_tags=np.array([0, 1]), lookalike_levels=np.zeros(1))
    _refused(capsys, "kept rejections")


def test_rejected_kinds_that_name_no_tag_or_class_are_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # A version's rejected kinds (ml/lookalikes.py) each name an ImageNet class and a tag's
    # column: a class past the 1,000, a tag past the last, or a kind without its tag is a
    # damaged file, not a rule applied to nothing.
    version = save_second_version()
    with np.load(_npz(version)) as z:
        tags = z["bias"].shape[0]
    _rewrite_npz(version, rejected_kinds=np.array([345]), rejected_kind_tags=np.array([tags]))
    _use(version)
    _refused(capsys, "rejected kinds")
    _rewrite_npz(version, rejected_kinds=np.array([1000]), rejected_kind_tags=np.array([0]))
    _refused(capsys, "rejected kinds")
    _rewrite_npz(version, rejected_kinds=np.array([345, 346]), rejected_kind_tags=np.array([0]))
    _refused(capsys, "rejected kinds")


def test_a_pickled_array_is_never_unpickled(capsys: pytest.CaptureFixture[str]) -> None:
    version = save_second_version()
    with np.load(_npz(version)) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["kernel"] = np.array([{"a": 1}], dtype=object)
    with open(_npz(version), "wb") as f:
        np.savez(f, **arrays)
    _use(version)
    _refused(capsys, "not plain numbers")


def test_a_small_file_declaring_a_huge_array_is_refused_from_its_header(
    capsys: pytest.CaptureFixture[str],
) -> None:
    version = save_second_version()
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        header, {"descr": "<f4", "fortran_order": False, "shape": (750_000_000,)}
    )
    # A 3 GB array by its header, a kilobyte of data behind it, in place of the kernel.
    fake = b"\x93NUMPY\x01\x00" + header.getvalue()[8:] + b"\x00" * 1024
    with zipfile.ZipFile(_npz(version)) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    members["kernel.npy"] = fake
    with zipfile.ZipFile(_npz(version), "w") as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    data = _npz(version).read_bytes()
    assert len(data) < 8_000_000
    _use(version)
    _refused(capsys, "far too large")


def test_an_active_model_outside_the_library_is_never_loaded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    version = save_second_version()
    outside = tmp_path / "outside"
    outside.mkdir()
    for suffix in (".json", ".npz"):
        (outside / f"x{suffix}").write_bytes(_record(version).with_suffix(suffix).read_bytes())
    _use("../../../outside/x")
    _refused(capsys, "not a model version name")
    with open_library(default_home()) as lib, pytest.raises(DamagedModelError):
        load_head(lib)
    # Switching to a sound version repairs it.
    assert main(["models", "use", "v1"]) == 0


def test_garbage_threshold_overrides_are_ignored() -> None:
    with open_library(default_home()) as lib:
        set_setting(
            lib.db,
            THRESHOLDS_SETTING,
            {"cat": "high", "dog": 0.4, "car": None, "sky": 7, "sea": True},
        )
        assert threshold_overrides(lib.db) == {"dog": 0.4}
        set_setting(lib.db, THRESHOLDS_SETTING, [1, 2])
        assert threshold_overrides(lib.db) == {}


class _Payload:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # noqa: ANN204 - what a crafted file would carry
        return (Path.touch, (self.marker,))


def test_the_torch_reader_checks_the_header_before_unpickling(tmp_path: Path) -> None:
    marker = tmp_path / "code-ran"
    crafted = tmp_path / "weights.pth"
    crafted.write_bytes(pickle.dumps(_Payload(marker), protocol=2))
    with pytest.raises(ValueError, match="not a legacy PyTorch weights file"):
        load_legacy_state_dict(crafted)
    assert not marker.exists()
    # The right magic but a payload in the system-info record: refused, not run.
    from phototagger.ml.torch_state import _HEADER

    crafted.write_bytes(_HEADER + pickle.dumps(_Payload(marker), protocol=2))
    with pytest.raises(ValueError):
        load_legacy_state_dict(crafted)
    assert not marker.exists()
    assert struct.calcsize("<q") == 8
