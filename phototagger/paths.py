"""Where the library, caches and settings live; computed on demand, never at import."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "phototagger"


def home_override() -> Path | None:
    value = os.environ.get("PHOTOTAGGER_HOME")
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """Folder holding the library database and model versions."""
    home = home_override()
    return home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME))


def cache_dir() -> Path:
    """Folder for regenerable things: thumbnails, converted weights."""
    home = home_override()
    return home / "cache" if home else Path(platformdirs.user_cache_dir(APP_NAME))


def database_path() -> Path:
    return data_dir() / "library.db"


def thumbnails_dir() -> Path:
    return cache_dir() / "thumbnails"


def weights_cache_dir() -> Path:
    return cache_dir() / "weights"


def runtimes_cache_dir() -> Path:
    """Converted copies of the backbone for faster CPU runtimes (regenerable)."""
    return cache_dir() / "runtimes"


def model_versions_dir() -> Path:
    return data_dir() / "models"


def models_data_dir() -> Path:
    """The shipped model data (vocabulary, class names): `models/` in the source tree."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "model_data", here.parent / "models"):
        if (candidate / "vocabulary.json").exists():
            return candidate
    return here.parent / "models"
