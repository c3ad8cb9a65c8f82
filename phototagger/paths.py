"""Where a library keeps its things: a LibraryHome, built once by a front (the CLI, the GUI) and
passed down. Nothing below the fronts reads the environment or platformdirs; this module only
computes, on demand, never at import.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

import platformdirs

APP_NAME = "phototagger"
HOME_VARIABLE = "PHOTOTAGGER_HOME"
DATABASE_NAME = "library.db"
# The model versions folder sits next to the database: a library's versions belong to it.
VERSIONS_FOLDER = "models"


@dataclass(frozen=True)
class LibraryHome:
    """The folders of one library: its database and model versions (data to keep), and the
    regenerable caches (thumbnails, converted weights, runtimes, the embedding matrix)."""

    database: Path
    model_versions: Path
    thumbnails: Path
    weights_cache: Path
    runtimes_cache: Path
    embeddings_cache: Path  # all embeddings as one memory-mapped matrix (core/embedding_matrix.py)
    logs: Path  # crash logs (commands/crash_report.py)
    window_settings: Path  # the GUI's layout file (gui/window_state.py)

    @classmethod
    def in_folders(cls, data: Path, cache: Path) -> LibraryHome:
        """The house layout: database, versions, logs under `data`; caches under `cache`."""
        return cls(
            database=data / DATABASE_NAME,
            model_versions=data / VERSIONS_FOLDER,
            thumbnails=cache / "thumbnails",
            weights_cache=cache / "weights",
            runtimes_cache=cache / "runtimes",
            embeddings_cache=cache / "embeddings",
            logs=data / "logs",
            window_settings=data / "gui.ini",
        )

    @classmethod
    def under(cls, root: Path) -> LibraryHome:
        """Everything under one folder (what --home and PHOTOTAGGER_HOME name)."""
        root = root.expanduser()
        return cls.in_folders(root / "data", root / "cache")

    @classmethod
    def beside(cls, database: Path) -> LibraryHome:
        """A library whose database is `database`: its versions next to it, caches below it."""
        folder = database.parent
        return replace(cls.in_folders(folder, folder / "cache"), database=database)

    @property
    def data(self) -> Path:
        return self.database.parent

    def own_folders(self) -> tuple[Path, ...]:
        """Every folder the library writes to (a scan never treats them as photo folders)."""
        return (
            self.database.parent,
            self.model_versions,
            self.thumbnails,
            self.weights_cache,
            self.runtimes_cache,
            self.embeddings_cache,
            self.logs,
            self.window_settings.parent,
        )


def home_override() -> Path | None:
    """PHOTOTAGGER_HOME, if set: for the fronts only, when they build the default home."""
    value = os.environ.get(HOME_VARIABLE)
    return Path(value).expanduser() if value else None


def default_home(chosen: Path | str | None = None) -> LibraryHome:
    """The home a front opens: `chosen` (--home, the GUI's location setting), else
    PHOTOTAGGER_HOME, else the platform's data and cache folders. Fronts only."""
    if chosen:
        return LibraryHome.under(Path(chosen).expanduser().resolve())
    override = home_override()
    if override is not None:
        return LibraryHome.under(override)
    return LibraryHome.in_folders(
        Path(platformdirs.user_data_dir(APP_NAME)), Path(platformdirs.user_cache_dir(APP_NAME))
    )


def models_data_dir() -> Path:
    """The shipped model data (vocabulary, class names): `models/` in the source tree."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "model_data", here.parent / "models"):
        if (candidate / "vocabulary.json").exists():
            return candidate
    return here.parent / "models"
