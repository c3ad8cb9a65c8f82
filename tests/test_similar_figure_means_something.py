"""Find Similar's figure means something to a person: on real photos of a real library, a
typical unrelated photo reads about 0 %, a resized copy about 100 % ("Almost identical"), and
another photo of the same subject well above the unrelated ones. Before, the figure was the plain
cosine of the embeddings: the best other whale of a whale read 43 % (a photographer reads
"barely similar") while photos of anything at all read 20 to 30 %.

The photos are det-photos' (1,000 real photos, 200 categories, the category in the file name),
scanned with the real model; the command line's text and --json say the same."""

from __future__ import annotations

import json
import os
import statistics
from pathlib import Path

import pytest
from PIL import Image

from phototagger.cli import main
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.scan_helpers import run_scan

WORDS = {"Almost identical", "Very similar", "Similar", "Loosely related", "Unrelated"}
SUBJECTS = 8  # categories of det-photos whose five photos all go in the library


def det_photos() -> Path:
    """The shared folder of det-photos: $DET_PHOTOS, beside the checkout, or the team's copy."""
    here = Path(__file__).resolve().parent.parent
    for folder in (
        os.environ.get("DET_PHOTOS"),
        here.parent / "shared" / "data" / "det-photos",
        "/work/shared/data/det-photos",
    ):
        if folder and Path(folder).is_dir():
            return Path(folder)
    pytest.skip("det-photos is not on this machine")


def category(path: Path) -> str:
    return path.stem.split("_", 2)[2]


def library_of_subjects(folder: Path, engine) -> tuple[list[Path], Path, Path, set[str]]:
    """The five photos of SUBJECTS categories of det-photos (every 25th of its 200), one photo
    of each of 40 others, and a half-size copy of the first photo, scanned with the real
    model: the photos, the copy, its original and the categories of five."""
    source = sorted(det_photos().glob("*.jpg"))
    kinds = sorted({category(p) for p in source})
    subjects = set(kinds[:: len(kinds) // SUBJECTS][:SUBJECTS])
    rest = [k for k in kinds if k not in subjects]
    others = rest[:: len(rest) // 40][:40]
    chosen = [p for p in source if category(p) in subjects]
    chosen += [next(p for p in source if category(p) == k) for k in others]
    folder.mkdir()
    for path in chosen:
        (folder / path.name).write_bytes(path.read_bytes())
    original = folder / chosen[0].name
    copy = folder / f"copy_of_{category(original)}.jpg"  # a photo of the same category
    with Image.open(original) as img:
        img.resize((img.width // 2, img.height // 2)).save(copy, quality=90)
    with open_library(default_home()) as library:
        run_scan(library, [folder], engine)
    return sorted(folder.glob("*.jpg")), copy, original, subjects


def similar(capsys, path: Path, *options: str) -> tuple[int, str]:
    code = main(["similar", *options, "--limit", "100", str(path)])
    return code, capsys.readouterr().out


def test_the_figure_reads_0_for_unrelated_photos_and_100_for_a_copy(
    tmp_path: Path, engine, capsys
) -> None:
    photos, copy, original, subjects = library_of_subjects(tmp_path / "pics", engine)
    assert len(subjects) == SUBJECTS and len(photos) >= 5 * SUBJECTS + 40 + 1
    same: list[int] = []
    unrelated: list[int] = []
    for query in (p for p in photos if category(p) in subjects):
        code, out = similar(capsys, query, "--json")
        assert code == 0
        ranked = json.loads(out)
        assert len(ranked) == len(photos) - 1
        for row in ranked:
            assert set(row) == {"path", "score", "percent", "likeness", "edit"}  # score: cosine
            assert row["likeness"] in WORDS
            other = Path(row["path"])
            if other == copy and query == original:
                continue
            (same if category(other) == category(query) else unrelated).append(row["percent"])
        # The figures follow the cosines: best first, one figure per score.
        assert [r["percent"] for r in ranked] == sorted(
            (r["percent"] for r in ranked), reverse=True
        )

        # The text says what --json says, a line a photo.
        code, text = similar(capsys, query)
        assert code == 0
        lines = text.splitlines()
        assert len(lines) == len(ranked)
        for line, row in zip(lines, ranked, strict=True):
            assert line.split()[:2] == [str(row["percent"]), "%"]
            assert row["likeness"] in line and line.endswith(row["path"])

    # A typical unrelated photo reads about nothing (the plain cosine read 20 to 30 %) ...
    assert statistics.median(unrelated) <= 10
    assert sum(p >= 50 for p in unrelated) <= len(unrelated) // 20
    # ... another photo of the same subject far more ...
    assert statistics.median(same) >= statistics.median(unrelated) + 25
    assert statistics.median(same) >= 35

    # ... and a half-size copy is the same picture.
    code, out = similar(capsys, original, "--json")
    best = json.loads(out)[0]
    assert best["path"] == str(copy)
    assert best["percent"] >= 85 and best["likeness"] == "Almost identical"
