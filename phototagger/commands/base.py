"""What every command shares: exit codes, errors, JSON output, opening the library."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from phototagger.paths import LibraryHome, default_home

EXIT_OK = 0
EXIT_PROBLEMS = 1  # the job finished, but some files had problems
EXIT_USAGE = 2
EXIT_FAILED = 3  # a failure with a one-line reason: nothing the user could not act on
EXIT_BUG = 70  # an unexpected error: a bug (EX_SOFTWARE); its traceback is in a log file
EXIT_INTERRUPTED = 130  # Ctrl-C, or stopped: what was done is kept


class CommandError(Exception):
    """A failure with a one-line reason for the user."""


_home: list[LibraryHome] = []  # the home cli.main built for this run (see use_home)


def use_home(home: LibraryHome) -> LibraryHome:
    """Called by cli.main once per run: the library home every command of the run opens."""
    _home[:] = [home]
    return home


def library_home() -> LibraryHome:
    """The home of this run (cli.main sets it; a command called on its own gets the default)."""
    return _home[0] if _home else default_home()


Handler = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, Handler] = {}


def common(json_output: bool = True, device: bool = False) -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--home",
        metavar="DIR",
        help="keep the library and caches under DIR (same as PHOTOTAGGER_HOME)",
    )
    if json_output:
        parent.add_argument("--json", action="store_true", help="machine-readable output")
    if device:
        parent.add_argument(
            "--device",
            choices=("auto", "cpu", "gpu"),
            default=None,
            help="where the model runs (default: the library setting, else auto)",
        )
    return parent


def command(name: str) -> Callable[[Handler], Handler]:
    def wrap(fn: Handler) -> Handler:
        COMMANDS[name] = fn
        return fn

    return wrap


def print_json(data: object) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def device_choice(args: argparse.Namespace, fallback: str = "auto") -> Any:
    from phototagger.ml.device import parse_choice

    return parse_choice(getattr(args, "device", None) or fallback)


def open_library_or_fail() -> Any:
    from phototagger.core.library import open_library
    from phototagger.store.migrations import DatabaseTooNewError

    try:
        return open_library(library_home())
    except DatabaseTooNewError as exc:
        raise CommandError(str(exc)) from exc


def tagger_loader(library: Any, args: argparse.Namespace) -> Callable[[], Any]:
    def load() -> Any:
        from phototagger.core.library import device_setting
        from phototagger.core.model.tagger import load_active_tagger

        return load_active_tagger(
            library, device_choice(args, device_setting(library.db)), getattr(args, "runtime", None)
        )

    return load


def bar(value: float, width: int = 20) -> str:
    filled = int(round(max(0.0, min(1.0, value)) * width))
    return "#" * filled + "." * (width - filled)
