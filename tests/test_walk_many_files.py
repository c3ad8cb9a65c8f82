"""Walking a tree of many folders finds every photo and nothing else (timed on 20,000 photos in
benchmarks/scan.py: the count here is not the point, every folder and every file is)."""

from __future__ import annotations

from pathlib import Path

from phototagger.core.walk import FoundFile, walk_photos


def test_every_file_of_a_hundred_folders_is_found_once(tmp_path: Path) -> None:
    for folder in range(100):
        sub = tmp_path / f"{2000 + folder // 12}" / f"{folder:03d}"
        sub.mkdir(parents=True)
        for index in range(20):
            (sub / f"IMG_{index:04d}.JPG").touch()
        (sub / "notes.txt").touch()
    found = [r for r in walk_photos([tmp_path]) if isinstance(r, FoundFile)]
    assert len(found) == 2_000
    assert len({f.path for f in found}) == 2_000
    assert all(f.path.endswith(".JPG") for f in found)
