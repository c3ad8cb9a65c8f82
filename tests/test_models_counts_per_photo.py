"""`phototagger models` counted more embeddings than the library has photos: each scan added the
photos it embedded to its runtime's count, so a photo embedded again (damaged, then fixed) counted
twice, and a photo moved to the trash stayed counted. Each embedding now records what made it,
and the counts are those of the photos there now."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from phototagger.core.library import open_library
from phototagger.core.trash import mark_trashed
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from tests.cli_helpers import run, scan_with

DET = Path("/work/shared/data/det-photos")


def _counts(capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """`models`' embeddings line: (photos with one, photos counted as made by each runtime)."""
    code, out, _ = run(capsys, "models")
    assert code == 0
    line = next(x for x in out.splitlines() if x.startswith("embeddings:"))
    found = re.fullmatch(r"embeddings: (\d+ photos); (made by .+)", line)
    assert found is not None, line
    return found[1], found[2].split(" (")[0]  # what the old line added: "(any scanned before…)"


def test_a_photo_embedded_again_or_trashed_is_counted_as_it_is_now(
    engine: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pics = tmp_path / "Pictures"
    pics.mkdir()
    sources = sorted(DET.glob("*.jpg"))[:3]
    photos = [Path(shutil.copy(source, pics / source.name)) for source in sources]
    assert scan_with(engine, pics, monkeypatch, capsys) == 0
    embedder = engine.embedder
    assert _counts(capsys) == ("3 photos", f"made by {embedder} for 3 photos")

    photos[0].write_bytes(b"not a photo any more")  # damaged: it cannot be read
    assert scan_with(engine, pics, monkeypatch, capsys) == 1
    shutil.copy(sources[0], photos[0])  # fixed: tagged, and embedded, again
    assert scan_with(engine, pics, monkeypatch, capsys) == 0
    with open_library(default_home()) as lib:
        fixed = get_photo_by_path(lib.db, str(photos[0]))
        assert fixed is not None and fixed.status == "tagged"
    assert _counts(capsys) == ("3 photos", f"made by {embedder} for 3 photos")

    with open_library(default_home()) as lib:  # Delete in the app: to the trash
        trashed = get_photo_by_path(lib.db, str(photos[1]))
        assert trashed is not None
        mark_trashed(lib.db, [trashed.id])
    photos[1].unlink()
    assert _counts(capsys) == ("2 photos", f"made by {embedder} for 2 photos")
