"""An empty name is a command-line error everywhere, as `label --add ''` has it: `review ''` and
`scores '  '` said "there is no tag called ''; to make it a new tag, label a few photos with it
and train" (exit 3), advice `label` then refused; `models use ''` said "there is no model
version  (versions: v1, v2)", a blank where the version goes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_helpers import face_labelled, run


@pytest.mark.parametrize("argv", [["review", ""], ["scores", "  "], ["review", "--json", " "]])
def test_an_empty_tag_is_refused_as_label_refuses_it(
    argv: list[str], template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    face_labelled(template, capsys)
    assert run(capsys, *argv) == (2, "", "phototagger: a tag name cannot be empty\n")


def test_models_use_with_no_version_asks_which(
    template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    face_labelled(template, capsys)
    assert run(capsys, "train")[0] == 0
    code, out, err = run(capsys, "models", "use", "")
    assert (code, out) == (2, "")
    assert err == "phototagger: which version? (versions: v1, v2)\n"
