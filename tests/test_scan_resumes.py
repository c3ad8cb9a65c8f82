"""A cancelled or crashed scan leaves the library consistent, and the next scan resumes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from phototagger.core.jobs import CancelToken, Progress
from phototagger.store.photos import count_by_status
from tests.photo_factory import REAL_PHOTOS, real_photo
from tests.scan_helpers import new_library, run_scan


def _folder(tmp_path: Path, copies: int = 3) -> Path:
    for i in range(copies):
        for name in REAL_PHOTOS:
            # Slightly different bytes per copy, so each photo really goes through the model.
            real_photo(tmp_path / f"{name}-{i}.jpg", name, quality=80 + i)
    return tmp_path


def test_cancel_stops_at_a_batch_boundary_and_rescan_resumes(engine, tmp_path: Path) -> None:
    pics = _folder(tmp_path / "pics")
    token = CancelToken()
    seen: list[Progress] = []

    def cancel_after_first_batch(p: Progress) -> None:
        seen.append(p)
        if p.phase == "tagging" and p.done >= 4:
            token.cancel()

    with new_library() as lib:
        first = run_scan(
            lib, [pics], engine, progress=cancel_after_first_batch, cancel=token, batch_size=4
        )
        assert first.cancelled and first.tagged == 4 and first.pending_left == 8
        assert count_by_status(lib.db)["pending"] == 8
        second = run_scan(lib, [pics], engine, batch_size=4)
        assert not second.cancelled and second.tagged == 8 and second.pending_left == 0
        assert count_by_status(lib.db)["tagged"] == 12
    rates = [p.rate for p in seen if p.phase == "tagging" and p.rate]
    assert rates and all(r > 0 for r in rates)


class _CrashingTagger:
    """The real engine, but the process 'dies' on the second batch."""

    def __init__(self, engine) -> None:
        self._engine = engine
        self.batches = 0

    def __getattr__(self, name: str):
        return getattr(self._engine, name)

    def embed_all(self, pixels: np.ndarray) -> dict[str, np.ndarray]:
        self.batches += 1
        if self.batches == 2:
            raise MemoryError("simulated crash in the middle of a scan")
        return self._engine.embed_all(pixels)


def test_a_crash_mid_scan_keeps_committed_batches(engine, tmp_path: Path) -> None:
    pics = _folder(tmp_path / "pics")
    with new_library() as lib:
        with pytest.raises(MemoryError):
            run_scan(lib, [pics], _CrashingTagger(engine), batch_size=4)
        counts = count_by_status(lib.db)
        assert counts["tagged"] == 4 and counts["pending"] == 8
        resumed = run_scan(lib, [pics], engine, batch_size=4)
        assert resumed.tagged == 8
        assert count_by_status(lib.db)["tagged"] == 12
