"""Where the library lives. It cannot be stored inside the library it points to, so it is kept in
a small file in the user's config folder and read at start-up, when the GUI builds the library's
home (PHOTOTAGGER_HOME, when set in the environment, wins). The environment is never written."""

from __future__ import annotations

import json
from pathlib import Path

import platformdirs

from phototagger import paths
from phototagger.durable import replace_durably
from phototagger.paths import LibraryHome

ENV = paths.HOME_VARIABLE


def default_location_file() -> Path:
    return Path(platformdirs.user_config_dir(paths.APP_NAME)) / "location.json"


class LibraryLocation:
    def __init__(self, file: Path | None = None) -> None:
        self.file = file or default_location_file()

    def chosen(self) -> str | None:
        """The folder the user chose in Settings, if any."""
        try:
            value = json.loads(self.file.read_text(encoding="utf-8")).get("home")
        except (OSError, ValueError, AttributeError):
            return None
        return value if isinstance(value, str) and value else None

    def choose(self, folder: str | None) -> None:
        """Remember `folder` (None: back to the default) for the next start."""
        self.file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.file.with_suffix(".tmp")
        tmp.write_text(json.dumps({"home": folder}), encoding="utf-8")
        replace_durably(tmp, self.file)

    def startup_home(self) -> LibraryHome:
        """The home the GUI opens at start-up: PHOTOTAGGER_HOME if set, else the folder chosen
        in Settings, else the platform's default folders."""
        if paths.home_override() is not None:
            return paths.default_home()
        return paths.default_home(self.chosen())


def current_home() -> str:
    """The folder holding the library now, as a person would recognise it."""
    override = paths.home_override()
    return str(override) if override else str(paths.default_home().data)
