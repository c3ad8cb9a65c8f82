"""`phototagger models` in a library with no photos said "embeddings: made in fp32 (not recorded:
scanned before runtimes were recorded)": a claim about a scan that never happened. It says there
are none yet."""

from __future__ import annotations

import pytest

from tests.cli_helpers import run


def test_models_before_any_scan_says_there_are_no_embeddings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "models")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("v1    active built in")
    assert lines[-1] == "embeddings: none yet"
