"""The runtimes' measurement stops between two steps once asked (a scan cancelled during the
check after it), and records nothing."""

from __future__ import annotations

import numpy as np
import pytest

from phototagger.ml.runtimes.measurement import MeasurementStopped, time_candidates


class _Counting:
    """A converted backbone's embed, counted (the timing loop is what is tested)."""

    def __init__(self) -> None:
        self.calls = 0

    def embed(self, pixels: np.ndarray) -> np.ndarray:
        self.calls += 1
        return np.zeros((len(pixels), 1280), np.float32)


def test_timing_stops_between_batches_once_asked() -> None:
    backbone = _Counting()
    pixels = np.zeros((8, 224, 224, 3), np.uint8)
    with pytest.raises(MeasurementStopped):
        time_candidates({"a": backbone}, pixels, 2, lambda: backbone.calls >= 3)  # type: ignore[dict-item]
    assert backbone.calls == 3  # the warm-up and two of the four batches, not all of them
    outputs, rates = time_candidates({"a": _Counting()}, pixels, 2, lambda: False)  # type: ignore[dict-item]
    assert outputs["a"].shape == (8, 1280) and rates["a"] > 0
