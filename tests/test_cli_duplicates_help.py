"""`phototagger --help` said duplicates finds "(resized, recompressed, slightly cropped,
bursts)", while a burst's other frames are photos of their own: Find Duplicates leaves them
apart (README, the pixel check), and a photographer who read the help would expect their burst
grouped for the trash. The help now says what duplicates groups, bursts apart."""

from __future__ import annotations

import pytest

from phototagger.cli import main


def _help(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 0
    return " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize("argv", [["--help"]])
def test_the_help_does_not_promise_bursts(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    said = _help(capsys, argv)
    assert "identical and near-identical photos" in said
    assert "slightly cropped, bursts" not in said
    assert "not another frame of a burst" in said
