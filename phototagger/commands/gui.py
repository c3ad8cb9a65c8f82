"""The desktop app's entry point on the command line."""

from __future__ import annotations

import argparse
import sys

from phototagger.commands.base import command


@command("gui")
def _gui(args: argparse.Namespace) -> int:
    from phototagger.gui.app import run

    return run(sys.argv[:1])
