"""What every command shares: exit codes, errors, JSON output, opening the library."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

# EXIT_USAGE: the command line is wrong in itself; EXIT_FAILED: a domain error, with a one-line
# reason; EXIT_INTERRUPTED: Ctrl-C, or stopped (a Cancelled): what was done is kept. Domain
# errors carry theirs (core/errors.py).
from phototagger.core.errors import EXIT_FAILED as EXIT_FAILED
from phototagger.core.errors import EXIT_INTERRUPTED as EXIT_INTERRUPTED
from phototagger.core.errors import EXIT_USAGE as EXIT_USAGE
from phototagger.core.errors import PhototaggerError
from phototagger.core.names import json_escaped, os_path

if TYPE_CHECKING:
    from phototagger.core.library import Library
    from phototagger.core.scan import Tagger

from phototagger.paths import LibraryHome, default_home

EXIT_OK = 0
EXIT_PROBLEMS = 1  # the job finished, but some files had problems
EXIT_BUG = 70  # an unexpected error: a bug (EX_SOFTWARE); its traceback is in a log file


def named_paths_exit(done: int, missed: int) -> int:
    """The exit status of a command given photos by path (`label`, `metadata write`), `missed`
    of them (or a tag) not in the library: 1 when the others were done (each missed one named),
    3 when nothing was, as `tags PATH` and `similar PATH` exit for a photo the library does not
    hold (`label` of such a photo alone exited 1, "done, but some files had problems")."""
    if not missed:
        return EXIT_OK
    return EXIT_PROBLEMS if done else EXIT_FAILED


class CommandError(PhototaggerError):
    """A command line that cannot be carried out as given (nothing to do, a bad value)."""


class UsageError(CommandError):
    """A command line wrong in itself, whatever the library holds: nothing to do, options that
    contradict each other, a number out of its range. Exit 2, as argparse's own refusals (these
    once said 3, "it could not be done", where the README and --help give 2 to usage)."""

    exit_code = EXIT_USAGE


class NoAction(UsageError):
    """A command that needs an action given none (`phototagger tag`): the command line is
    incomplete, as argparse's own "required" refusals."""


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


def common(
    json_output: bool = True, device: bool = False, action: bool = False
) -> argparse.ArgumentParser:
    """The options every command takes. `action`: for an action under a command (`tag rename`,
    `metadata write`, `models use`), whose options must not undo the command's own:
    `phototagger tag --home DIR rename A B` renamed A in the default library, argparse filling
    the action's unset --home (and --json) with their defaults over the command's."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--home",
        metavar="DIR",
        default=argparse.SUPPRESS if action else None,
        help="keep the library and caches under DIR (same as PHOTOTAGGER_HOME)",
    )
    if json_output:
        parent.add_argument(
            "--json",
            action="store_true",
            default=argparse.SUPPRESS if action else False,
            help="machine-readable output (JSON)",
        )
    if device:
        parent.add_argument(
            "--device",
            choices=("auto", "cpu", "gpu"),
            default=argparse.SUPPRESS if action else None,
            help="where the model runs; auto: the GPU if there is one, else the CPU (default: "
            "the library setting, else auto)",
        )
    return parent


def command(name: str) -> Callable[[Handler], Handler]:
    def wrap(fn: Handler) -> Handler:
        COMMANDS[name] = fn
        return fn

    return wrap


def one_line(text: str) -> str:
    """`text` (a path, a tag name) for a line of text output: a file name may hold a line break,
    a tab or an escape character, which split one photo over two lines of `search` or `export`,
    shifted `export`'s tab-separated columns, or reached the terminal as a control sequence.
    Those characters are shown as Python escapes (\\n, \\t, \\x1b); --json gives the exact name.
    A name's bytes that are not UTF-8 are the bytes themselves (core/names.os_path, written so
    by phototagger/text_out.py): `search cat | xargs ls` opens them."""
    text = os_path(text)
    if not any(unicodedata.category(ch) == "Cc" for ch in text):
        return text
    return "".join(repr(ch)[1:-1] if unicodedata.category(ch) == "Cc" else ch for ch in text)


def shown_width(text: str) -> int:
    """How many terminal columns `text` takes: a wide character (CJK, most emoji) two, a
    combining accent none, any other one."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


# The names column of `stats`, `tags PHOTO` and `train`'s table: as wide as the longest name up
# to this; a longer name has its line to itself and the rest of its line goes on the next, in
# the column. A name is never cut: it is what `search` takes, and two long names cut alike
# ("Places/France/Paris/Montmartre/…") could no longer be told apart.
NAME_COLUMN_CAP = 40


def name_column_lines(names: Sequence[str], rests: Sequence[str], indent: str = "  ") -> list[str]:
    """'  name   rest' lines: each rest starts in one column, after the widest name that fits
    under NAME_COLUMN_CAP (terminal columns); a longer name has its line to itself, whole, and
    its rest goes on the next line, in the column."""
    shown = [(name, shown_width(name)) for name in map(one_line, names)]
    width = max((w for _, w in shown if w <= NAME_COLUMN_CAP), default=0)
    lines = []
    for (name, name_width), rest in zip(shown, rests, strict=True):
        if name_width > width:
            lines.append(f"{indent}{name}")
            name, name_width = "", 0
        lines.append(f"{indent}{name}{' ' * (width - name_width)}  {rest}")
    return lines


def tell_left_copies(left_copies: dict[str, str]) -> None:
    """The copies a keyword write left behind that could not be removed, on stderr: told
    once, by the scan or write that first lists them in problems."""
    for path, what in left_copies.items():
        print(f"phototagger: {path}: {what}", file=sys.stderr)


def json_text(data: object, indent: int | None = 2) -> str:
    """`data` as JSON; a file name's bytes that are not UTF-8 as \\udcXX (core/names)."""
    return json_escaped(json.dumps(data, indent=indent, ensure_ascii=False))


def print_json(data: object) -> None:
    sys.stdout.write(json_text(data) + "\n")


def device_name(args: argparse.Namespace, fallback: str = "auto") -> str:
    """The device asked for on the command line, else `fallback` (checked where it is used)."""
    return getattr(args, "device", None) or fallback


def open_library_or_fail() -> Library:
    """The library of this run; a newer library's refusal and the like arrive as domain errors
    (cli.py runs each command inside core.boundary.domain_errors)."""
    from phototagger.core.library import open_library

    def told(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    return open_library(library_home(), waiting=told, upgrading=told)


def tagger_loader(library: Library, args: argparse.Namespace) -> Callable[[], Tagger]:
    """Loads the active model for a scan, only if the scan finds photos to tag."""

    def load() -> Tagger:
        from phototagger.core.model.tagger import load_active_tagger

        # No --device or --runtime: the library's settings decide.
        return load_active_tagger(
            library, getattr(args, "device", None), getattr(args, "runtime", None)
        )

    return load


def bar(value: float, width: int = 20) -> str:
    filled = int(round(max(0.0, min(1.0, value)) * width))
    return "#" * filled + "." * (width - filled)
