"""Migration 14 moves the tags under a detector tag's name into 'People (keywords)/…' and the
user's per-tag thresholds with them. A thresholds setting that is not a mapping (written by
hand, or by a damaged copy) is ignored by the app (core/model/active.threshold_overrides) and
by migration 13; migration 14 raised on it, so the library could not be opened at all after the
upgrade. It is left as it is now, and the tags still move."""

from __future__ import annotations

from pathlib import Path

import pytest

from phototagger.core.model.active import threshold_overrides
from phototagger.core.tag_admin import tag_changes
from phototagger.store import migrations
from phototagger.store.connection import open_database
from phototagger.store.settings import get_setting, set_setting
from phototagger.store.tags import all_tags, ensure_tag
from tests.store_helpers import library_at_version


@pytest.mark.parametrize("odd", [0.5, "0.5", [0.4, 0.6]])
def test_a_thresholds_setting_that_is_no_mapping_does_not_stop_the_upgrade(
    tmp_path: Path, odd: object
) -> None:
    path = tmp_path / "library.db"
    db = library_at_version(path, 13)
    ensure_tag(db, "People/Anna", "user")
    set_setting(db, "thresholds", odd)
    db.conn.commit()
    db.close()

    db = open_database(path)
    try:
        assert migrations.user_version(db) == migrations.LATEST_VERSION
        assert "People (keywords)/Anna" in dict(all_tags(db))
        assert [(old, new) for _, old, new in tag_changes(db)] == [
            ("People/Anna", "People (keywords)/Anna")
        ]
        assert get_setting(db, "thresholds") == odd
        assert threshold_overrides(db) == {}
    finally:
        db.close()
