"""Scanning a folder of real photos records them, tags them and keeps what retraining needs."""

from __future__ import annotations

from pathlib import Path

from phototagger.core.catalog import search_photos
from phototagger.core.imaging import thumbnail_path
from phototagger.store.embeddings import embedding_count
from phototagger.store.photos import get_photo_by_path, list_folders
from phototagger.store.tags import tags_of_photo
from tests.photo_factory import jpeg_with_dates, real_photo
from tests.scan_helpers import new_library, run_scan


def test_real_photos_get_sensible_tags(engine, tmp_path: Path) -> None:
    pics = tmp_path / "Pictures"
    cat = real_photo(pics / "holiday" / "cat.jpg", "chelsea")
    cup = real_photo(pics / "coffee.jpg", "coffee")
    with new_library() as lib:
        summary = run_scan(lib, [pics], engine)
        assert (summary.found, summary.new, summary.tagged, summary.problems) == (2, 2, 2, 0)
        assert [p.path for p in search_photos(lib.db, ["cat"])] == [str(cat)]
        assert [p.path for p in search_photos(lib.db, ["coffee"])] == [str(cup)]
        photo = get_photo_by_path(lib.db, str(cat))
        assert photo is not None and photo.status == "tagged" and photo.model_version == "v1"
        assert (photo.width, photo.height) == (451, 300)
        tags = {t.name: t for t in tags_of_photo(lib.db, photo.id)}
        assert tags["cat"].source == "model" and (tags["cat"].confidence or 0) > 0.8
        assert embedding_count(lib.db, engine.backbone_name) == 2
        assert thumbnail_path(lib.thumbnails_dir, photo.content_hash or "").exists()
        assert list_folders(lib.db) == [str(pics)]


def test_exif_date_is_recorded(engine, tmp_path: Path) -> None:
    path = jpeg_with_dates(tmp_path / "dated.jpg", original="2019:07:14 16:05:09")
    with new_library() as lib:
        run_scan(lib, [tmp_path], engine)
        photo = get_photo_by_path(lib.db, str(path))
        assert photo is not None and photo.taken_at == "2019-07-14T16:05:09"


def test_identical_copies_reuse_the_embedding(engine, tmp_path: Path) -> None:
    real_photo(tmp_path / "a.jpg", "chelsea")
    with new_library() as lib:
        run_scan(lib, [tmp_path], engine)
        (tmp_path / "b.jpg").write_bytes((tmp_path / "a.jpg").read_bytes())
        summary = run_scan(lib, [tmp_path], engine)
        assert (summary.new, summary.copies, summary.tagged) == (1, 1, 1)
        assert len(search_photos(lib.db, ["cat"])) == 2
