"""A photo hashed by an older phototagger (BLAKE2b) is still recognised when it moves."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from phototagger.core.labels import label_paths
from phototagger.core.scan import scan
from phototagger.store.photos import get_photo_by_path, update_photo
from phototagger.store.tags import tags_of_photo
from tests.photo_factory import real_photo
from tests.scan_helpers import never_load, new_library, run_scan


def test_a_moved_photo_with_an_old_hash_keeps_its_row_and_labels(engine, tmp_path: Path) -> None:
    old = real_photo(tmp_path / "a.jpg", "chelsea")
    with new_library() as lib:
        run_scan(lib, [tmp_path], engine)
        photo = get_photo_by_path(lib.db, str(old))
        assert photo is not None
        # As a library written before XXH3 stored it.
        blake = hashlib.blake2b(old.read_bytes(), digest_size=16).hexdigest()
        update_photo(lib.db, photo.id, content_hash=blake)
        label_paths(lib.db, [str(old)], add=["mine"])
        new = tmp_path / "sub" / "b.jpg"
        new.parent.mkdir()
        os.rename(old, new)
        summary = scan(lib, [str(tmp_path)], never_load)  # a move needs no model
        assert summary.moved == 1
        moved = get_photo_by_path(lib.db, str(new))
        assert moved is not None and moved.id == photo.id
        assert moved.content_hash is not None and moved.content_hash.startswith("x3")
        assert "mine" in {t.name for t in tags_of_photo(lib.db, photo.id)}
