"""The desktop app's entry point on the command line."""

from __future__ import annotations

import argparse
import os
import sys

from phototagger.commands.base import CommandError, command


@command("gui")
def _gui(args: argparse.Namespace) -> int:
    missing = _no_display()
    if missing:
        raise CommandError(missing)
    from phototagger.gui.app import run
    from phototagger.paths import default_home

    # Given with --home, that folder wins; else the GUI chooses (environment, Settings, default).
    given = getattr(args, "home", None) or getattr(args, "global_home", None)
    return run(sys.argv[:1], default_home(given) if given else None)


def _no_display() -> str | None:
    """Why the app cannot open here, or None. Without a display (an ssh session, a server) Qt
    aborted the process (exit 134) advising to reinstall the application."""
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "there is no display to open the app on (neither DISPLAY nor WAYLAND_DISPLAY is set): "
        "run 'phototagger gui' in your desktop session; the other commands work here"
    )
