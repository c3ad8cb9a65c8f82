"""A photo whose name starts with '-' (polish32: a phone folder's '-1.jpg'-style names) named to a
command was taken for an option: `phototagger tags -rf.jpg` said only "the following arguments
are required: PATH", `metadata write -rf.jpg` "unrecognized arguments: -rf.jpg", though the
file was right there. The refusal stays (argparse's, exit 2), and a line after it now says
which name was read as an option and the two ways to name it, as `rm` does."""

from __future__ import annotations

from pathlib import Path

import pytest

from phototagger.cli import main
from tests.photo_factory import real_photo


@pytest.fixture
def in_a_folder_with_a_dashed_name(
    tmp_path: Path, library_home: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The current folder holds a real photo named -rf.jpg; the library is the test's own."""
    real_photo(tmp_path / "-rf.jpg", "coffee")
    monkeypatch.chdir(tmp_path)
    return tmp_path


HINT = (
    "phototagger: -rf.jpg was read as an option, its name starting with '-': name the file "
    "./-rf.jpg, or put -- before the files (-- -rf.jpg)\n"
)


@pytest.mark.parametrize(
    ("argv", "argparse_said"),
    [
        (["tags", "-rf.jpg"], "the following arguments are required: PATH"),
        (["label", "-rf.jpg", "--add", "hen"], "the following arguments are required: PATH"),
        (["metadata", "write", "-rf.jpg"], "unrecognized arguments: -rf.jpg"),
    ],
)
def test_a_file_named_like_an_option_is_told_how_to_name(
    argv: list[str],
    argparse_said: str,
    in_a_folder_with_a_dashed_name: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as refused:
        main(argv)

    assert refused.value.code == 2
    err = capsys.readouterr().err
    assert argparse_said in err
    assert err.endswith(HINT)


def test_a_file_named_with_dash_dash_before_it_is_no_option(
    in_a_folder_with_a_dashed_name: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["tags", "--", "-rf.jpg"])

    err = capsys.readouterr().err
    assert (
        code == 3 and err == "phototagger: -rf.jpg is not in the library (scan its folder first)\n"
    )
