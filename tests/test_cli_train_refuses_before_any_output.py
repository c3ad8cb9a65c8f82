"""`phototagger train` printed a progress line, "preparing: 0", and then refused ("the library
has no tagged photos yet", "no new decisions since v1 learned..."): a job seemed to start that
never did. A refusal is now the only thing it prints, and `train --deep` refuses before
TensorFlow is loaded (seconds on a CPU)."""

from __future__ import annotations

import pytest

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.switch_helpers import synthetic_library


@pytest.mark.parametrize("deep", [[], ["--deep"]])
def test_train_in_an_empty_library_prints_only_its_refusal(
    deep: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "train", *deep)
    assert (code, out) == (3, "")
    assert err == "phototagger: the library has no tagged photos yet: scan a folder first\n"


def test_train_with_nothing_new_prints_only_its_refusal(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 12)
    code, out, err = run(capsys, "train")
    assert (code, out) == (3, "")
    assert err.startswith("phototagger: there are no corrections to learn from yet"), err
    assert len(err.splitlines()) == 1, err

    # One photo of a new tag: not enough to learn it; said alone too.
    assert run(capsys, "label", "/synthetic/000003.jpg", "--add", "grandma")[0] == 0
    code, out, err = run(capsys, "train")
    assert (code, out) == (3, "")
    assert err.startswith("phototagger: a new tag is learned once 5 photos have it"), err
    assert len(err.splitlines()) == 1, err
