"""The desktop app's entry point on the command line."""

from __future__ import annotations

import argparse
import sys

from phototagger.commands.base import command


@command("gui")
def _gui(args: argparse.Namespace) -> int:
    from phototagger.gui.app import run
    from phototagger.paths import default_home

    # Given with --home, that folder wins; else the GUI chooses (environment, Settings, default).
    given = getattr(args, "home", None) or getattr(args, "global_home", None)
    return run(sys.argv[:1], default_home(given) if given else None)
