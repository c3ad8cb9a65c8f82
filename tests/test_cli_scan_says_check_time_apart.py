"""A first scan on a model ended "379 tagged in 2:24", where 1:30 of it was the one-time check
after tagging (finding the fastest way to run the model): a user read 379 photos in 2:24 as the
tagging speed. The check's time is said apart ("3 tagged in 0:05; finding the fastest way to run
the model took 0:03"), and `scan --json` gives its seconds (runtime_check_s) beside elapsed_s."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import numpy as np
import pytest

from phototagger.core.scan import AFTER_SCAN_CHECK
from phototagger.ml.runtimes.deferred import DeferredCheckEngine
from tests.cli_helpers import scan_said
from tests.photo_factory import real_photo

pytestmark = pytest.mark.model

CHECK_S = 2.6  # what the check below takes at the least


def _first_scan_engine(engine: object, tmp_path: Path) -> DeferredCheckEngine:
    """The session's engine as a first scan on a model runs it: checked after the scan, the
    check (too few photos to judge by) reading the library's own, CHECK_S to read them."""

    def library_sample() -> np.ndarray:
        time.sleep(CHECK_S)
        return np.zeros((0, 224, 224, 3), np.uint8)

    return DeferredCheckEngine(engine, [], tmp_path / "choice.json", library_sample)  # type: ignore[arg-type]


def _scan(
    tagger: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *options: str,
) -> str:
    pics = tmp_path / "pics"
    for i in range(3):
        real_photo(pics / f"c-{i}.jpg", "coffee", quality=70 + i)
    code, out, err = scan_said(tagger, pics, monkeypatch, capsys, *options)
    assert code == 0, err
    return out


def test_the_check_after_a_first_scan_is_said_apart_from_the_tagging(
    engine: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = _scan(_first_scan_engine(engine, tmp_path), tmp_path, monkeypatch, capsys)
    tagged = out.splitlines()[1]
    said = re.fullmatch(rf"3 tagged in (\d+):(\d\d); {AFTER_SCAN_CHECK} took 0:0(\d)", tagged)
    assert said is not None, out
    assert int(said[3]) >= 3  # CHECK_S, rounded


def test_scan_json_gives_the_checks_seconds_within_the_scans(
    engine: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = _scan(_first_scan_engine(engine, tmp_path), tmp_path, monkeypatch, capsys, "--json")
    summary = json.loads(out)
    assert CHECK_S <= summary["runtime_check_s"] < summary["elapsed_s"], summary


def test_a_scan_with_no_check_says_its_time_alone(
    engine: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = _scan(engine, tmp_path, monkeypatch, capsys)
    assert re.fullmatch(r"3 tagged in \d+:\d\d", out.splitlines()[1]), out
    out = _scan(engine, tmp_path, monkeypatch, capsys, "--json")
    assert json.loads(out)["runtime_check_s"] == 0.0
