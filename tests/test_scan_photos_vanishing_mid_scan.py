"""Photos that vanish while a scan tags them are tagged when they come back (issue 9.2)."""

from __future__ import annotations

import shutil
from pathlib import Path

from phototagger.core.jobs import Progress
from phototagger.store.embeddings import get_embedding
from phototagger.store.photos import count_by_status, get_photo_by_path
from phototagger.store.tags import tags_of_photo
from tests.photo_factory import real_photo
from tests.scan_helpers import new_library, run_scan


def test_a_folder_moved_away_during_tagging_and_back_is_tagged(engine, tmp_path: Path) -> None:
    pics = tmp_path / "pics"
    for i in range(2):
        real_photo(pics / f"a-{i}.jpg", "chelsea", quality=80 + i)
    late = pics / "later"
    # More than the decode window (3 batches) ahead of the first commit, so some vanish.
    for i in range(12):
        real_photo(late / f"b-{i}.jpg", "coffee", quality=70 + i)
    away = tmp_path / "away"

    def move_away(p: Progress) -> None:
        if p.phase == "tagging" and p.done and late.exists():
            shutil.move(late, away)

    with new_library() as lib:
        first = run_scan(lib, [pics], engine, progress=move_away, batch_size=2)
        vanished = count_by_status(lib.db)["missing"]
        assert vanished > 0 and first.tagged == 14 - vanished
        shutil.move(away, late)
        second = run_scan(lib, [pics], engine)
        assert second.returned == vanished and second.tagged == vanished
        assert count_by_status(lib.db) == {"missing": 0, "pending": 0, "problem": 0, "tagged": 14}
        for i in range(12):
            photo = get_photo_by_path(lib.db, str(late / f"b-{i}.jpg"))
            assert photo is not None and photo.model_version is not None
            assert get_embedding(lib.db, photo.id, engine.backbone_name) is not None
            assert tags_of_photo(lib.db, photo.id)
