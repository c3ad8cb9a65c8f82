"""`phototagger --help` said duplicates finds "(resized, recompressed, slightly cropped,
bursts)", while a burst's other frames are photos of their own: Find Duplicates leaves them
apart (README, the pixel check), and a photographer who read the help would expect their burst
grouped for the trash. And `phototagger duplicates --help` (or `scan --help`) showed how to call
the command, never what it does. The help now says what duplicates groups, bursts apart, and
each command's own help opens with what it does."""

from __future__ import annotations

import pytest

from phototagger.cli import main


def _help(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 0
    return " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize("argv", [["--help"], ["duplicates", "--help"]])
def test_the_help_does_not_promise_bursts(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    said = _help(capsys, argv)
    assert "identical and near-identical photos" in said
    assert "slightly cropped, bursts" not in said
    assert "not another frame of a burst" in said


def test_each_command_s_help_says_what_it_does(capsys: pytest.CaptureFixture[str]) -> None:
    assert "add folders to the library" in _help(capsys, ["scan", "--help"])
    assert "0 % for a typical pair" in _help(capsys, ["similar", "--help"])
