"""`phototagger models use 1` was refused: "there is no model version 1 (versions: v1, v2)", the
number the list shows after its 'v'. A version's number names it too (its help says so); a
version that does not exist is still refused, by the name it was given."""

from __future__ import annotations

import pytest

from phototagger.core.library import open_library
from phototagger.core.model.active import active_version
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.switch_helpers import save_second_version, synthetic_library


def _active() -> str:
    with open_library(default_home()) as lib:
        return active_version(lib.db)


def test_models_use_takes_a_versions_number(capsys: pytest.CaptureFixture[str]) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 12)
    save_second_version("v2")

    code, out, err = run(capsys, "models", "use", "2")
    assert (code, err) == (0, "")
    assert out.startswith("v2 is now active; ")
    assert _active() == "v2"

    code, out, _ = run(capsys, "models", "use", "1", "--json")
    assert code == 0 and '"active": "v1"' in out
    assert _active() == "v1"

    code, out, _ = run(capsys, "models", "use", "V2")
    assert code == 0 and out.startswith("v2 is now active; ")
    # Asked for the version that is active: said so, not "is now active".
    code, out, _ = run(capsys, "models", "use", "v2")
    assert (code, out) == (0, "v2 was active already; no photo's tags changed\n")

    for missing in ("v99", "99"):
        code, out, err = run(capsys, "models", "use", missing)
        assert (code, out) == (3, "")
        assert err == f"phototagger: there is no model version {missing} (versions: v1, v2)\n"
    assert _active() == "v2"


def test_models_use_help_says_a_number_will_do(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run(capsys, "models", "use", "--help")
    assert "or its number (1, 2...)" in " ".join(capsys.readouterr().out.split())
