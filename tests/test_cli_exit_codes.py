"""Exit codes tell a bug from a failure from problems; Ctrl-C never shows a traceback (9.12)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from phototagger.cli import main
from phototagger.commands.base import COMMANDS
from phototagger.core.jobs import Cancelled
from phototagger.core.library import open_library
from phototagger.core.model import active, retag
from phototagger.paths import default_home
from phototagger.store.photos import ids_not_tagged_by
from tests.switch_helpers import save_second_version, synthetic_library


def test_an_unexpected_error_is_a_bug_with_a_log(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(args: argparse.Namespace) -> int:
        return int("twelve")  # a programming error, as a real bug would be

    monkeypatch.setitem(COMMANDS, "stats", broken)
    assert main(["stats"]) == 70
    err = capsys.readouterr().err
    assert "unexpected error: ValueError" in err and "please report" in err
    assert "Traceback" not in err
    [log] = default_home().logs.glob("crash-*.log")
    assert log.name in err
    text = log.read_text()
    assert "Traceback" in text and "broken" in text and "phototagger stats" in text


def test_a_stopped_job_is_130_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def stopped(args: argparse.Namespace) -> int:
        raise Cancelled()

    monkeypatch.setitem(COMMANDS, "stats", stopped)
    assert main(["stats"]) == 130
    err = capsys.readouterr().err
    assert "stopped" in err and "Traceback" not in err


def test_ctrl_c_during_a_model_switch_prints_no_traceback_and_puts_photos_back(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 3 * retag.SWITCH_CHUNK)
    version = save_second_version()
    real = retag.write_model_tags_flat
    calls = []

    def ctrl_c_on_the_second_chunk(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt  # as Python raises it wherever the program happens to be
        return real(*args, **kwargs)

    monkeypatch.setattr(retag, "write_model_tags_flat", ctrl_c_on_the_second_chunk)
    assert main(["models", "use", version]) == 130
    err = capsys.readouterr().err
    assert "interrupted" in err and "Traceback" not in err
    with open_library(default_home()) as lib:
        assert active.active_version(lib.db) == "v1"
        assert ids_not_tagged_by(lib.db, "v1") == []


def test_a_photo_the_library_lacks_named_alone_is_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Nothing labelled: 'it could not be done', as `tags` says it (1 is for the others done)."""
    assert main(["label", str(tmp_path / "not-in-library.jpg"), "--add", "x"]) == 3
