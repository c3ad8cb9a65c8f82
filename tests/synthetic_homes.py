"""A library home of 12,000 synthetic photos on v1, built once per run (conftest's
`synthetic_12k`): the killed-switch tests each built the same one (switch_helpers.
synthetic_library, seconds each time) before their own photos, answers and switch; each now
starts from a copy."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from phototagger.core.library import open_library
from phototagger.paths import HOME_VARIABLE, LibraryHome
from tests.switch_helpers import synthetic_library

SYNTHETIC = 12_000  # photos on v1 (rows with embeddings): a switch of a few seconds


def build_synthetic_home(root: Path) -> Path:
    """A fresh library home in `root`, SYNTHETIC photos on v1 in it, as synthetic_library makes
    them in a fresh library: the home."""
    home = root / "home"
    with open_library(LibraryHome.under(home)) as lib:
        synthetic_library(lib.db, SYNTHETIC)
    return home


def on_synthetic_home(built: Path) -> None:
    """The library home PHOTOTAGGER_HOME names (not made yet, or empty) made a copy of `built`
    (build_synthetic_home's)."""
    shutil.copytree(built, os.environ[HOME_VARIABLE], dirs_exist_ok=True)
