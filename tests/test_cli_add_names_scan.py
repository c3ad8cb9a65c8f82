"""polish28: the brief for this session said `phototagger --home H add DIR`, as a photographer
who has used other tools would type it: argparse answered "invalid choice: 'add' (choose from
'classify', 'scan', …)", eighteen names and not a word of which one adds photos. A word a new
user reaches for to add photos ('add', 'import') now names the command that does."""

from __future__ import annotations

import pytest

from tests.cli_helpers import run


@pytest.mark.parametrize("word", ["add", "import", "Add"])
def test_add_or_import_names_scan(capsys: pytest.CaptureFixture[str], word: str) -> None:
    with pytest.raises(SystemExit) as done:
        run(capsys, "--home", "H", word, "/photos")
    assert done.value.code == 2  # the command line was wrong
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == (
        f"phototagger: error: there is no command '{word}': 'phototagger scan DIR' adds the "
        "photos in DIR to the library and tags them"
    )


def test_another_unknown_word_is_refused_as_before(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        run(capsys, "frobnicate")
    assert done.value.code == 2
    assert "invalid choice: 'frobnicate'" in capsys.readouterr().err
