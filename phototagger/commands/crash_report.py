"""An unexpected error is a bug: its traceback goes to a log file, the user gets one line."""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

from phototagger.paths import LibraryHome

ISSUES_URL = "https://github.com/phototagger/phototagger/issues"


def report_bug(exc: BaseException, argv: list[str], home: LibraryHome) -> Path | None:
    """Write the traceback to a log in the library's data folder (or the temp folder if that
    cannot be written), tell the user where, and return the log's path."""
    text = f"phototagger {' '.join(argv)}\n{time.strftime('%Y-%m-%d %H:%M:%S %z')}\n\n" + "".join(
        traceback.format_exception(exc)
    )
    name = f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
    log: Path | None = None
    for folder in (home.logs, Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # An argument in bytes that are not UTF-8 crashed the report of the crash.
            (folder / name).write_text(text, encoding="utf-8", errors="backslashreplace")
            log = folder / name
            break
        except OSError:
            continue
    detail = str(exc) or type(exc).__name__
    print(f"phototagger: unexpected error: {type(exc).__name__}: {detail}", file=sys.stderr)
    where = f" with the log {log}" if log else ""
    print(f"phototagger: this is a bug; please report it at {ISSUES_URL}{where}", file=sys.stderr)
    return log
