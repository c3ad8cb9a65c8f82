"""polish28: a version trained and neither applied nor discarded (the Train page left as it was,
`train --no-activate`, or a run that measured worse) reads in italics in Model ▸ Versions, its
tooltip "Never made active", and in `models` as any other: "v11  2026-12-05 11:05:25  61 tags
from v9  learned boats; …", one of ten lines, with nothing to say that it never tagged the
library. `models` says it now (and --json: never_active), until it is made active once."""

from __future__ import annotations

import json

import pytest

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.switch_helpers import save_second_version, synthetic_library


def _listed(capsys: pytest.CaptureFixture[str]) -> tuple[list[str], dict[str, bool]]:
    code, out, _ = run(capsys, "models")
    assert code == 0
    code, listed, _ = run(capsys, "models", "--json")
    assert code == 0
    return out.splitlines(), {v["version"]: v["never_active"] for v in json.loads(listed)}


def test_models_says_which_version_was_never_made_active(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 10)
    save_second_version("v2")  # trained from v1, never made active
    lines, never = _listed(capsys)
    assert never == {"v1": False, "v2": True}
    v2 = next(line for line in lines if line.startswith("v2 "))
    assert "tags from v1 (never made active)" in v2, v2
    assert "never made active" not in next(line for line in lines if line.startswith("v1 "))

    assert run(capsys, "models", "use", "v2")[0] == 0
    assert run(capsys, "models", "use", "v1")[0] == 0  # v2 tagged the library once
    lines, never = _listed(capsys)
    assert never == {"v1": False, "v2": False}
    assert not any("never made active" in line for line in lines)
