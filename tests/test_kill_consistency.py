"""SIGKILL a scan, a training run and a model switch at a random moment: the library stays
sound and every decision stays (issue 9). The seed of each run is in the failure message."""

from __future__ import annotations

from pathlib import Path

from phototagger.core import tag_admin
from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.photos import count_by_status
from phototagger.store.tags import subtree_counts, tag_counts
from tests.kill_helpers import check_consistent, decisions, kill_at_random, scanned_then_more
from tests.retrain_helpers import label_faces, library_from
from tests.scan_helpers import run_scan
from tests.switch_helpers import save_second_version, synthetic_library


def test_a_scan_killed_while_tagging(engine, tmp_path: Path, library_home: Path) -> None:
    pics = tmp_path / "pics"
    scanned_then_more(pics, engine, labelled=3, more=16)
    before = decisions()
    outcome = kill_at_random(
        ["scan", str(pics), "--batch-size", "2"], library_home, after="tagging", window=(0.0, 1.5)
    )
    check_consistent(before)
    with open_library(default_home()) as lib:  # the next scan resumes and finishes
        run_scan(lib, [pics], engine)
        assert count_by_status(lib.db)["tagged"] == 19, outcome


def test_a_training_run_killed_anywhere(template: Path, library_home: Path) -> None:
    lib, pics = library_from(template)
    with lib:
        label_faces(lib, pics)
    before = decisions()
    outcome = kill_at_random(["train"], library_home, after=None, window=(1.0, 15.0))
    check_consistent(before)
    # A version exists once its record does, and then its weights load.
    from phototagger.core.model.tagger import load_head

    with open_library(default_home()) as lib:
        for version in lib.models.saved():
            load_head(lib, version)
    assert default_home().database.exists(), outcome


def test_a_model_switch_killed_midway(library_home: Path) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 6000)
        label_paths(lib.db, [f"/synthetic/{i:06d}.jpg" for i in range(0, 6000, 500)], add=["mine"])
        assert ids
    version = save_second_version()
    before = decisions()
    kill_at_random(["models", "use", version], library_home, after=None, window=(0.3, 4.0))
    check_consistent(before)


def test_a_model_switch_killed_midway_with_levels(library_home: Path) -> None:
    """The tag tree's levels' totals (kept by triggers, migration v31) stay those of the rows
    where the killed switch wrote the rows of tags below them."""
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 6000)
        most = [name for name, _ in sorted(tag_counts(lib.db), key=lambda c: -c[1])[:4]]
        for i, name in enumerate(most):
            tag_admin.rename_tag(lib.db, name, f"kept/{'x/' * (i % 2)}{name}")
        assert subtree_counts(lib.db, ["kept", "kept/x"])["kept"] > 0
    version = save_second_version()
    before = decisions()
    kill_at_random(["models", "use", version], library_home, after=None, window=(0.3, 4.0))
    check_consistent(before)
