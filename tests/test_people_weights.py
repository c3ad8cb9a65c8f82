"""The detector's weights are read from the mtcnn wheel without running code from the file."""

from __future__ import annotations

import pickle
from pathlib import Path

import lz4.frame
import numpy as np
import pytest

from phototagger.ml.mtcnn_net import ONET, PNET, RNET, expected_shapes
from phototagger.ml.mtcnn_weights import package_weights_dir, read_weights
from phototagger.ml.torch_state import UnsafeWeightsError


def test_packaged_weights_have_the_shapes_the_networks_need() -> None:
    for spec in (PNET, RNET, ONET):
        arrays = read_weights(package_weights_dir() / f"{spec.name}.lz4")
        assert [a.shape for a in arrays] == expected_shapes(spec)
        assert all(a.dtype == np.float32 and np.isfinite(a).all() for a in arrays)
        assert max(float(np.abs(a).max()) for a in arrays) > 0.1  # real weights, not zeros


class _RunsCode:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (print, ("this must never run",))


def test_a_weights_file_that_asks_for_code_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    crafted = tmp_path / "pnet.lz4"
    crafted.write_bytes(lz4.frame.compress(pickle.dumps([_RunsCode()], protocol=4)))
    with pytest.raises(UnsafeWeightsError, match="builtins.print"):
        read_weights(crafted)
    assert "must never run" not in capsys.readouterr().out


def test_a_file_that_is_not_lz4_is_refused(tmp_path: Path) -> None:
    plain = tmp_path / "rnet.lz4"
    plain.write_bytes(pickle.dumps([np.zeros(3, np.float32)], protocol=4))
    with pytest.raises(ValueError, match="not an LZ4-framed"):
        read_weights(plain)
