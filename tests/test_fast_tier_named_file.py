"""The fast tier (`make check`, `pytest --fast`) given a test file by name that runs the real
model as a whole (`pytestmark = pytest.mark.model`): the file is skipped as the full tier's, as
when the fast tier collects the folder. It was an ImportError at collection ("the fast tier
imported keras"), since pytest does not ask pytest_ignore_collect about the paths it is given."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODEL_FILE = "tests/test_retrain_deep_fine_tune.py"  # pytestmark = pytest.mark.model, imports keras


def test_a_model_file_named_to_the_fast_tier_is_skipped_not_an_error() -> None:
    assert "pytestmark = pytest.mark.model" in (ROOT / MODEL_FILE).read_text(encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--fast", "-p", "no:cacheprovider", "-rs"]
        + ["-p", "no:xdist", MODEL_FILE],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    out = done.stdout + done.stderr
    # 5: pytest's "no tests ran" (the one module skipped whole); an import error at collection is 2.
    assert done.returncode == pytest.ExitCode.NO_TESTS_COLLECTED, out
    assert "imported keras" not in out and "error" not in out.lower(), out
    assert "test_retrain_deep_fine_tune.py runs the real model: full tier" in out, out
    assert "1 skipped" in out, out
