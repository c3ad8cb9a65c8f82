"""`phototagger scan` run by a module or session fixture, outside any test (no monkeypatch or
capsys of a test's): the library a module's tests then each answer a copy of."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from phototagger.cli import main


def cli_scanned(engine: object, folder: Path, home: Path) -> None:
    """`phototagger scan --quiet FOLDER` into the library at `home`, tagging with the session's
    `engine` (the CLI would load its own again); its output dropped. It must succeed."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("PHOTOTAGGER_HOME", str(home))
        monkeypatch.setattr(
            "phototagger.commands.library.tagger_loader", lambda library, args: lambda: engine
        )
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            assert main(["scan", "--quiet", str(folder)]) == 0
