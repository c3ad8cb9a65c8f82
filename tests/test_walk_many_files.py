"""Walking a 20,000-photo tree finds every photo and nothing else (timed in benchmarks/scan.py)."""

from __future__ import annotations

from pathlib import Path

from phototagger.core.walk import FoundFile, walk_photos


def test_twenty_thousand_files_are_all_found(tmp_path: Path) -> None:
    for folder in range(100):
        sub = tmp_path / f"{2000 + folder // 12}" / f"{folder:03d}"
        sub.mkdir(parents=True)
        for index in range(200):
            (sub / f"IMG_{index:04d}.JPG").touch()
        (sub / "notes.txt").touch()
    found = [r for r in walk_photos([tmp_path]) if isinstance(r, FoundFile)]
    assert len(found) == 20_000
    assert len({f.path for f in found}) == 20_000
