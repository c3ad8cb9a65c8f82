"""A library is what its LibraryHome names: its database, its model versions and its caches. The
front builds the home once and passes it down; nothing below reads or writes the environment."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import platformdirs
import pytest

from phototagger.core.library import open_library
from phototagger.core.model.active import ACTIVE_SETTING, active_version
from phototagger.core.model.listing import list_versions
from phototagger.core.model.tagger import load_head, model_version
from phototagger.ml.heads import load_default_head
from phototagger.ml.trained_head import TrainedHead, from_default
from phototagger.paths import APP_NAME, LibraryHome, default_home
from phototagger.store.connection import open_database
from phototagger.store.settings import set_setting


def _trained(version: str, bias: float) -> TrainedHead:
    base = from_default(load_default_head(), np.zeros(1280, np.float32), np.ones(1280, np.float32))
    return replace(base, version=version, bias=base.bias + bias)


def _files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


def test_a_library_uses_only_the_folders_its_home_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    decoy = tmp_path / "decoy"
    monkeypatch.setenv("PHOTOTAGGER_HOME", str(decoy))  # never read below the front
    home = LibraryHome.in_folders(tmp_path / "keep", tmp_path / "regenerable")
    with open_library(home) as lib:
        saved = lib.models.save(_trained("v2", 0.5), {"parent": "v1"})
        assert [v.version for v in list_versions(lib)] == ["v1", "v2"]
        assert lib.database_path == home.database
        assert lib.thumbnails_dir == home.thumbnails
        assert model_version(lib, "v2") == saved
    assert not decoy.exists()
    written = _files_under(tmp_path)
    assert home.database in written
    assert {home.model_versions / "v2.json", home.model_versions / "v2.npz"} <= written
    assert all(p.is_relative_to(tmp_path / "keep") for p in written)


def test_two_libraries_in_one_process_each_see_their_own_versions(tmp_path: Path) -> None:
    with (
        open_library(LibraryHome.under(tmp_path / "one")) as one,
        open_library(LibraryHome.under(tmp_path / "two")) as two,
    ):
        one.models.save(_trained("v2", 0.5), {"parent": "v1"})
        two.models.save(_trained("v2", -0.5), {"parent": "v1"})
        two.models.save(_trained("v3", 1.0), {"parent": "v2"})
        set_setting(one.db, ACTIVE_SETTING, "v2")
        assert [v.version for v in list_versions(one)] == ["v1", "v2"]
        assert [v.version for v in list_versions(two)] == ["v1", "v2", "v3"]
        assert one.models.next_name() == "v3" and two.models.next_name() == "v4"
        assert active_version(one.db) == "v2" and active_version(two.db) == "v1"
        e = np.random.default_rng(0).normal(0, 1, (4, 1280)).astype(np.float32)
        # Same name, different versions: each library loads its own.
        assert not np.allclose(load_head(one, "v2").scores(e), load_head(two, "v2").scores(e))


def test_a_library_made_by_the_old_layout_opens_with_its_versions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The layout before LibraryHome: PHOTOTAGGER_HOME/data/library.db, the versions beside it in
    # data/models (each record as the old registry wrote it), the caches in PHOTOTAGGER_HOME/cache.
    root = tmp_path / "old-home"
    data = root / "data"
    db = open_database(data / "library.db")
    set_setting(db, ACTIVE_SETTING, "v2")
    db.close()
    head = _trained("v2", 0.25)
    (data / "models").mkdir(parents=True)
    with open(data / "models" / "v2.npz", "wb") as f:
        np.savez(f, **head.arrays())  # type: ignore[arg-type]
    old_record = {
        "parent": "v1",
        "created_at": "2025-06-01T10:00:00+00:00",
        "kind": "head",
        "summary": "no worse on 4 held-out photos",
        "not_worse": True,
        "training": {"labelled_photos": 9},
        "backbone": "efficientnet-lite0",
        "top_weights": None,
        "metrics": {},
        "learned": {},
        "label_digests": {},
        "version": "v2",
        "tags": head.tags,
        "thresholds": [float(t) for t in head.tag_thresholds],
    }
    (data / "models" / "v2.json").write_text(json.dumps(old_record), encoding="utf-8")
    before = _files_under(root)

    monkeypatch.setenv("PHOTOTAGGER_HOME", str(root))
    home = default_home()  # what the CLI builds for that user
    assert home.database == data / "library.db" and home.model_versions == data / "models"
    with open_library(home) as lib:
        listed = {v.version: v for v in list_versions(lib)}
        assert listed["v2"].active and listed["v2"].metrics_summary == old_record["summary"]
        record = model_version(lib)
        assert record.version == "v2" and record.training == {"labelled_photos": 9}
        e = np.random.default_rng(1).normal(0, 1, (3, 1280)).astype(np.float32)
        np.testing.assert_allclose(load_head(lib).scores(e), head.scores(e), atol=1e-6)
    assert before <= _files_under(root)  # nothing lost


def test_the_default_home_keeps_the_versions_next_to_the_database(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PHOTOTAGGER_HOME")
    home = default_home()
    data = Path(platformdirs.user_data_dir(APP_NAME))
    assert home.database == data / "library.db"
    assert home.model_versions == data / "models"
    assert home.thumbnails == Path(platformdirs.user_cache_dir(APP_NAME)) / "thumbnails"


def test_a_scan_writes_only_inside_the_home_it_was_given(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.photo_factory import real_photo
    from tests.scan_helpers import run_scan

    pics = tmp_path / "pics"
    for i in range(3):
        real_photo(pics / f"p-{i}.jpg", "chelsea", quality=70 + i)
    decoy = tmp_path / "decoy"
    monkeypatch.setenv("PHOTOTAGGER_HOME", str(decoy))
    home = LibraryHome.in_folders(tmp_path / "keep", tmp_path / "regenerable")
    with open_library(home) as lib:
        assert run_scan(lib, [pics], engine).tagged == 3
    assert not decoy.exists()
    written = _files_under(tmp_path) - _files_under(pics)
    assert len(_files_under(home.thumbnails)) == 3
    assert all(
        p.is_relative_to(tmp_path / "keep") or p.is_relative_to(home.thumbnails.parent)
        for p in written
    ), written
