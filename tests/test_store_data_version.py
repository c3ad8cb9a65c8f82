"""data_version tells a reader that another connection has committed since it last looked."""

from __future__ import annotations

from pathlib import Path

from phototagger.store.connection import data_version, open_database
from phototagger.store.settings import set_setting


def test_changes_only_when_another_connection_commits(tmp_path: Path) -> None:
    reader = open_database(tmp_path / "library.db")
    writer = open_database(tmp_path / "library.db")
    before = data_version(reader)
    assert data_version(reader) == before
    set_setting(reader, "own", 1)  # its own writes do not count
    assert data_version(reader) == before
    set_setting(writer, "other", 2)
    assert data_version(reader) != before
    reader.conn.close()
    writer.conn.close()
