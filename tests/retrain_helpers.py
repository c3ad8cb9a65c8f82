"""A small real library for retraining tests, scanned once per module and copied per test.

Real faces (a concept ImageNet lacks), real-photo patches degraded the same way, real photos.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from phototagger import paths
from phototagger.core.labels import label_paths
from phototagger.core.library import Library, open_library
from phototagger.paths import LibraryHome, default_home
from tests.photo_factory import degraded_patch, lfw_face, real_photo
from tests.scan_helpers import run_scan

FACES = 24
PATCHES = 24


def build_template(root: Path, engine: object) -> Path:
    """Scan the photos into a library under root/home; return that home."""

    pics = root / "pics"
    for i in range(FACES):
        lfw_face(pics / f"face{i:03d}.jpg", i)
    for i in range(PATCHES):
        degraded_patch(pics / f"patch{i:03d}.jpg", i)
    real_photo(pics / "chelsea.jpg", "chelsea")
    real_photo(pics / "chelsea-copy.jpg", "chelsea", quality=85)
    real_photo(pics / "coffee.jpg", "coffee")
    with open_library(LibraryHome.under(root / "home")) as lib:
        run_scan(lib, [pics], engine, batch_size=32)
    return root


def library_from(template: Path) -> tuple[Library, Path]:
    """A private copy of the template library in this test's PHOTOTAGGER_HOME."""
    shutil.copytree(template / "home", paths.home_override() or Path(), dirs_exist_ok=True)
    return open_library(default_home()), template / "pics"


def label_faces(lib: Library, pics: Path, positives: int = 6, negatives: int = 12) -> None:
    label_paths(lib.db, [str(pics / f"face{i:03d}.jpg") for i in range(positives)], add=["face"])
    label_paths(
        lib.db, [str(pics / f"patch{i:03d}.jpg") for i in range(negatives)], reject=["face"]
    )


def faces_labelled(template: Path) -> None:
    """A private copy of the template library (library_from), its faces labelled
    (label_faces): a library `train` learns from."""
    lib, pics = library_from(template)
    with lib:
        label_faces(lib, pics)


def check_the_rule_follows_its_tag(
    lib: Library, version: str, tag: str, new_name: str, embeddings: np.ndarray
) -> None:
    """A version's rule kept for `tag` (ml/lookalikes.py) is the tag's: when the tag before it
    is deleted (its column moves) and it is renamed `new_name`, the version scores every photo
    (`embeddings`) as before, the same photos held under the cut, and no others."""
    from phototagger.core.model.tagger import load_head
    from phototagger.core.tag_admin import delete_tag, rename_tag

    head: Any = load_head(lib, version)
    j = head.tag_names.index(tag)
    first = head.tag_names[0]
    delete_tag(lib.db, first)
    rename_tag(lib.db, tag, new_name)
    moved: Any = load_head(lib, version)
    k = moved.tag_names.index(new_name)
    assert k == j - 1 and first not in moved.tag_names
    assert np.array_equal(moved.scores(embeddings)[:, k], head.scores(embeddings)[:, j])


def fewer_deep_steps(monkeypatch: pytest.MonkeyPatch, steps: int = 30) -> list[int]:
    """`train --deep`'s fits (core/retrain_deep.py) take `steps` optimiser steps (30) and distil
    on 16 unlabelled photos, for tests that check what a deep run says or records, not how far
    it converges; the list fills with how many photos each fit trains on."""
    from phototagger.core import retrain_deep
    from phototagger.ml import deep

    fits: list[int] = []
    real_fit = deep.fit_deep

    def fewer_steps(*args: Any, **kwargs: Any) -> Any:
        fits.append(len(args[3]))  # the features it trains on
        return real_fit(*args, **{**kwargs, "steps": steps})

    monkeypatch.setattr(deep, "fit_deep", fewer_steps)
    monkeypatch.setattr(retrain_deep, "DEEP_DISTILL_SAMPLE", 16)
    return fits


def deep_trains_on(engine: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """`train --deep` (core/retrain_deep.DeepTrainer) reads the photos' features with the
    session's `engine` where the version it trains from has no CNN top of its own: it would
    load the same TensorFlow CNN again in the test's fresh home (converting its weights there
    first, seconds a run), as `phototagger scan` would (conftest's scans_with_engine). It uses
    the engine's CNN only, never its head; a deep parent's CNN is loaded as before."""
    from phototagger.core import retrain_deep
    from phototagger.core.model.tagger import load_tagger

    def session_cnn(library: Any, version: str, **options: Any) -> Any:
        if library.models.record(version).top_weights or options != {"runtime": "tensorflow"}:
            return load_tagger(library, version, **options)
        return engine

    monkeypatch.setattr(retrain_deep, "load_tagger", session_cnn)
