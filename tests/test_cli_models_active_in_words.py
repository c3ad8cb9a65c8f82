"""`phototagger models` marked the active version with "*", the mark `train`'s table puts on
figures resting on fewer than 5 held-out yes answers: one sign, two meanings. The active version
is now said in a word, and "*" stays train's footnote mark alone."""

from __future__ import annotations

import pytest

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.switch_helpers import save_second_version, synthetic_library


def test_the_active_version_is_said_in_a_word(capsys: pytest.CaptureFixture[str]) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 4)
    save_second_version("v2")
    code, out, _ = run(capsys, "models")
    assert code == 0
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line[:1] == "v"}
    assert rows["v1"][1] == "active" and "active" not in rows["v2"]
    assert "*" not in out

    assert run(capsys, "models", "use", "v2")[0] == 0
    code, out, _ = run(capsys, "models")
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line[:1] == "v"}
    assert rows["v2"][1] == "active" and "active" not in rows["v1"]
