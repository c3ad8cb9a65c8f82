"""Walking a 20,000-photo tree takes well under a second."""

from __future__ import annotations

import time
from pathlib import Path

from phototagger.core.walk import FoundFile, walk_photos


def test_twenty_thousand_files_walk_in_under_a_second(tmp_path: Path) -> None:
    for folder in range(100):
        sub = tmp_path / f"{2000 + folder // 12}" / f"{folder:03d}"
        sub.mkdir(parents=True)
        for index in range(200):
            (sub / f"IMG_{index:04d}.JPG").touch()
        (sub / "notes.txt").touch()
    start = time.perf_counter()
    found = sum(isinstance(r, FoundFile) for r in walk_photos([tmp_path]))
    elapsed = time.perf_counter() - start
    assert found == 20_000
    assert elapsed < 1.0, f"walk took {elapsed:.2f} s"
