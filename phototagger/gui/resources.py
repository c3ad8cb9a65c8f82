"""The app's own icons (SVG, drawn for phototagger) from the assets folder."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon


@cache
def assets_dir() -> Path:
    """`assets/` of the source tree, or a copy packaged beside the gui package."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "assets", here.parents[1] / "assets"):
        if (candidate / "phototagger.svg").exists():
            return candidate
    return here.parents[1] / "assets"


def icon(name: str) -> QIcon:
    path = assets_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


def app_icon() -> QIcon:
    return QIcon(str(assets_dir() / "phototagger.svg"))
