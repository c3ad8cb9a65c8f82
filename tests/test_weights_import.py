"""The torch weight file is read without torch, safely, and converted once into a cache."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import numpy as np
import pytest

from phototagger.ml import backbone
from phototagger.ml.backbone import cached_weights_path, load_backbone, source_weights_path
from phototagger.ml.lite0 import STAGES
from phototagger.ml.torch_state import (
    LEGACY_MAGIC,
    UnsafeWeightsError,
    load_legacy_state_dict,
)

pytestmark = pytest.mark.model  # runs the real network: full tier only


def test_real_weight_file_reads_with_numpy_only() -> None:
    state = load_legacy_state_dict(source_weights_path())
    assert state["_conv_stem.weight"].shape == (32, 3, 3, 3)
    assert state["_fc.weight"].shape == (1000, 1280)
    assert state["_conv_head.weight"].shape == (1280, 320, 1, 1)
    blocks = {k.split(".")[1] for k in state if k.startswith("_blocks.")}
    assert len(blocks) == sum(s.repeats for s in STAGES) == 16
    assert not any("_se_" in k for k in state)  # Lite0 has no squeeze-excitation
    assert all(np.isfinite(v).all() for v in state.values())


class _Evil:
    def __reduce__(self):  # noqa: ANN204
        return (os.system, ("echo pwned > /tmp/phototagger-pwned",))


def test_a_weight_file_that_asks_for_code_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "evil.pth"
    with open(bad, "wb") as f:
        for header in (LEGACY_MAGIC, 1001, {"little_endian": True}):
            pickle.dump(header, f, protocol=2)
        pickle.dump({"x": _Evil()}, f, protocol=2)
    with pytest.raises(UnsafeWeightsError, match="not allowed"):
        load_legacy_state_dict(bad)
    assert not Path("/tmp/phototagger-pwned").exists()


def test_a_file_that_is_not_legacy_torch_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "other.pth"
    with open(bad, "wb") as f:
        pickle.dump(12345, f, protocol=2)
    with pytest.raises(ValueError, match="not a legacy"):
        load_legacy_state_dict(bad)


def test_converted_weights_are_cached_by_source_hash_and_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "weights"
    source = source_weights_path()
    first = load_backbone(source, cache)
    cached = cached_weights_path(source, cache)
    assert cached.exists()
    assert cached.stat().st_size > 10_000_000
    stamp = cached.stat().st_mtime_ns
    # In the same process the CNN built is used again, not built and loaded again.
    assert load_backbone(source, cache).model is first.model
    monkeypatch.setattr(backbone, "_built", None)  # as in a new process: read from the cache
    second = load_backbone(source, cache)
    assert second.model is not first.model
    assert cached.stat().st_mtime_ns == stamp  # read, not rewritten
    # The CNN read from the cache holds the very weights converted, every one bit for bit (the
    # same network built on them: what it predicts is the same, with no 3 s of tracing each
    # model's predict to compare two predictions).
    converted, read = first.model.weights, second.model.weights
    assert [w.path for w in read] == [w.path for w in converted] and len(read) > 200
    for was, now in zip(converted, read, strict=True):
        np.testing.assert_array_equal(np.asarray(now), np.asarray(was), err_msg=now.path)


def test_a_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    cache = tmp_path / "weights"
    source = source_weights_path()
    cached = cached_weights_path(source, cache)
    cached.parent.mkdir(parents=True)
    cached.write_bytes(b"not an h5 file")
    first = load_backbone(source, cache)
    assert cached.stat().st_size > 10_000_000
    kernel, _ = first.classifier()
    assert kernel.shape == (1280, 1000)
    # Damaged after the CNN was built from it: the file is not the one it was loaded from, so
    # the next load reads it again (and rebuilds it), as a new process would.
    cached.write_bytes(b"not an h5 file")
    again = load_backbone(source, cache)
    assert again.model is not first.model
    assert cached.stat().st_size > 10_000_000
