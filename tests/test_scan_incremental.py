"""Rescans are incremental: unchanged costs nothing, changes re-tag, moves keep labels."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from phototagger.cli import main
from phototagger.core.catalog import search_photos
from phototagger.core.labels import label_paths
from phototagger.core.scan import scan
from phototagger.store.photos import get_photo_by_path
from tests.cli_helpers import scan_with
from tests.photo_factory import real_photo
from tests.scan_helpers import never_load, new_library, run_scan
from tests.store_helpers import tag_states


def test_rescanning_an_unchanged_folder_decodes_nothing(engine, tmp_path: Path) -> None:
    for name in ("chelsea", "coffee", "rocket"):
        real_photo(tmp_path / f"{name}.jpg", name)
    with new_library() as lib:
        run_scan(lib, [tmp_path], engine)
        thumbs = sorted(lib.thumbnails_dir.rglob("*.jpg"))
        stamps = [t.stat().st_mtime_ns for t in thumbs]
        # The model loader fails if called: an unchanged rescan must not need it.
        summary = scan(lib, [str(tmp_path)], never_load)
        assert (summary.unchanged, summary.new, summary.changed, summary.tagged) == (3, 0, 0, 0)
        assert [t.stat().st_mtime_ns for t in thumbs] == stamps


def test_a_changed_file_is_retagged_and_keeps_user_labels(engine, tmp_path: Path) -> None:
    path = real_photo(tmp_path / "pet.jpg", "chelsea")
    with new_library() as lib:
        run_scan(lib, [tmp_path], engine)
        label_paths(lib.db, [str(path)], add=["favourite"])
        real_photo(path, "coffee")  # the file is overwritten with another picture
        os.utime(path, (1_700_000_000, 1_700_000_000))
        summary = run_scan(lib, [tmp_path], engine)
        assert (summary.changed, summary.tagged) == (1, 1)
        states = tag_states(lib.db, path)
        assert "coffee" in states and "cat" not in states
        assert states["favourite"] == "added"


def test_a_moved_file_keeps_its_tags_and_labels(engine, tmp_path: Path) -> None:
    old = real_photo(tmp_path / "2023" / "img_001.jpg", "chelsea")
    with new_library() as lib:
        run_scan(lib, [tmp_path], engine)
        label_paths(lib.db, [str(old)], add=["grandma's garden"], reject=["animal"])
        old_id = get_photo_by_path(lib.db, str(old)).id  # type: ignore[union-attr]
        new = tmp_path / "sorted" / "cats" / "Chelsea on the sofa.jpg"
        new.parent.mkdir(parents=True)
        old.rename(new)
        summary = run_scan(lib, [tmp_path], engine)
        # Counted once, as moved: not also as a new file and a missing one.
        assert (summary.moved, summary.new, summary.missing, summary.found) == (1, 0, 0, 1)
        moved = get_photo_by_path(lib.db, str(new))
        assert moved is not None and moved.id == old_id and moved.status == "tagged"
        assert get_photo_by_path(lib.db, str(old)) is None
        states = tag_states(lib.db, new)
        assert states["grandma's garden"] == "added" and states["animal"] == "rejected"
        assert states["cat"] is None  # the model's suggestion came along too


def test_a_file_moved_back_after_a_scan_saw_it_missing_counts_once_as_moved(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, archive = tmp_path / "inbox", tmp_path / "archive"
    inbox.mkdir()
    archive.mkdir()
    old = real_photo(inbox / "cat.jpg", "chelsea")
    real_photo(inbox / "coffee.jpg", "coffee")
    assert scan_with(engine, tmp_path, monkeypatch, capsys) == 0
    kept = tmp_path / "kept.jpg"
    old.rename(kept)  # out of the scanned folders: the next scan finds it missing
    assert scan_with(engine, inbox, monkeypatch, capsys) == 0
    kept.rename(archive / "cat.jpg")  # and back, elsewhere

    assert main(["scan", str(tmp_path)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "2 photos found: 0 new, 0 changed, 1 unchanged, 1 moved, 0 missing, 0 back again"
    )


def test_a_deleted_file_is_missing_and_its_labels_wait_for_it(engine, tmp_path: Path) -> None:
    path = real_photo(tmp_path / "cat.jpg", "chelsea")
    with new_library() as lib:
        run_scan(lib, [tmp_path], engine)
        label_paths(lib.db, [str(path)], add=["pet"])
        data = path.read_bytes()
        stat = path.stat()
        path.unlink()
        summary = run_scan(lib, [tmp_path], engine)
        assert summary.missing == 1
        photo = get_photo_by_path(lib.db, str(path))
        assert photo is not None and photo.status == "missing"
        assert search_photos(lib.db, ["pet"]) == []  # missing photos are not search results
        path.write_bytes(data)
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        summary = run_scan(lib, [tmp_path], engine)
        assert (summary.returned, summary.tagged) == (1, 0)
        assert tag_states(lib.db, path)["pet"] == "added"
        assert [p.path for p in search_photos(lib.db, ["pet"])] == [str(path)]
