"""Libraries that several deep-training test files answer the same way, built once per run
(conftest's hoofed_scanned and hoofed_deep), by one worker where pytest-xdist runs several
(tests/built_once.py): each test answers a copy of one (retrain_helpers.library_from), never
the library itself."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path
from typing import TypedDict

import pytest

from phototagger.cli import main
from tests.built_once import built_once
from tests.hoofed_helpers import hoofed_answered

# A library built once per run: (its root, whose home is root/home; the "no" photos answered,
# as hoofed_answered gives them; what `train --deep` printed, or "" where none ran).
Built = tuple[Path, list[Path], str]


class _Saved(TypedDict):
    """A Built as JSON, for the other workers (built_once)."""

    root: str
    noes: list[str]
    printed: str


def _saved(built: Built) -> _Saved:
    root, noes, printed = built
    return {"root": str(root), "noes": [str(p) for p in noes], "printed": printed}


def _read(saved: _Saved) -> Built:
    return Path(saved["root"]), [Path(p) for p in saved["noes"]], saved["printed"]


def hoofed_built(engine: object, root: Path) -> Built:
    """tests/hoofed_helpers.hoofed_answered's library in root/home, its photos in root/pics
    (built_once)."""
    return built_once("hoofed", root, lambda here: _hoofed_built(engine, here), _saved, _read)


def _hoofed_built(engine: object, root: Path) -> Built:
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("PHOTOTAGGER_HOME", str(root / "home"))
        noes = hoofed_answered(engine, root / "pics")
    return root, noes, ""


def deep_trained(answered: Built, root: Path) -> Built:
    """A copy of `answered`'s library in root/home, trained with `phototagger train --deep
    --force` (made active, as the command does); what it printed (built_once)."""
    return built_once(
        "hoofed-deep", root, lambda here: _deep_trained(answered, here), _saved, _read
    )


def _deep_trained(answered: Built, root: Path) -> Built:
    shutil.copytree(answered[0] / "home", root / "home")
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("PHOTOTAGGER_HOME", str(root / "home"))
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["train", "--deep", "--force"])
    assert code == 0, err.getvalue()
    return root, answered[1], out.getvalue()
