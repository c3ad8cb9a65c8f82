"""Find Similar and Find Duplicates say the same of a byte-identical copy.

A photographer's disk holds a photo and its backup, byte for byte. Find Duplicates called the
backup "Identical file", while Find Similar on the photo showed the very same file as "Almost
identical · 100 %" (`similar`: "100 %  Almost identical"), the words it gives a recompressed
copy; and a re-saved copy could read 100 % there too, where Find Duplicates never says 100 %
unless the file or its pixels are the same. Both now say "Identical file" (100 %) for the same
bytes, and any other photo reads 99 % at the most.

Real det-photos scanned with the real model into a real library; the CLI's `similar --json`,
`duplicates --json`, and the grid's ranking (core/queries.similar_ranking: its badge's words).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PIL import Image

from phototagger.cli import main
from phototagger.core.library import open_library
from phototagger.core.queries import similar_ranking
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from tests.scan_helpers import run_scan
from tests.test_similar_figure_means_something import det_photos

PHOTO = "n01910747_241_jellyfish.jpg"
OTHERS = 30  # a library with a spread of its own (core/similar.py _FEW_PHOTOS)


def test_a_byte_copy_reads_identical_file_in_find_similar_too(
    engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pics = tmp_path / "pics"
    (pics / "Backup").mkdir(parents=True)
    original = Path(shutil.copy2(det_photos() / PHOTO, pics / PHOTO))
    backup = Path(shutil.copy2(original, pics / "Backup" / PHOTO))
    resaved = pics / "jellyfish-q95.jpg"
    with Image.open(original) as img:
        img.save(resaved, quality=95)
    for other in sorted(det_photos().glob("n03*.jpg"))[:OTHERS]:  # no jellyfish among them
        shutil.copy(other, pics / other.name)
    with open_library(default_home()) as library:
        run_scan(library, [pics], engine)

    assert main(["similar", str(original), "--json"]) == 0
    similar = {row["path"]: row for row in json.loads(capsys.readouterr().out)}
    assert (similar[str(backup)]["likeness"], similar[str(backup)]["percent"]) == (
        "Identical file",
        100,
    )
    assert similar[str(resaved)]["likeness"] == "Almost identical"
    assert all(row["percent"] <= 99 for path, row in similar.items() if path != str(backup))

    assert main(["duplicates", "--json"]) == 0
    (group,) = json.loads(capsys.readouterr().out)
    copies = {c["path"]: (c["likeness"], c["percent"]) for c in group["copies"]}
    kept = Path(group["keep"])
    assert {kept, *map(Path, copies)} == {original, backup, resaved}
    for path, said in copies.items():
        if Path(path) != resaved:
            assert said == ("Identical file", 100)
    assert copies[str(resaved)] == (
        similar[str(resaved)]["likeness"],
        similar[str(resaved)]["percent"],
    )

    assert main(["similar", str(original)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.split() == ["100", "%", "Identical", "file", str(backup)] for line in lines)

    with open_library(default_home()) as library:
        ids = {p: get_photo_by_path(library.db, str(p)).id for p in (original, backup)}  # type: ignore[union-attr]
        grid = similar_ranking(library.db, ids[original])
        assert grid.shown(ids[backup]) == (100, "Identical file")
        assert grid.percent(ids[backup]) == 100
