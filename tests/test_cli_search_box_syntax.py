"""`search "-dog | cat"` looked for a tag called '-dog | cat' and said only that there is none.
The command line's grammar is TAGs (all of them), --any and --not (README, search --help); the
app's search box writes 'cat | dog', 'cat, -bird'. A TAG written so, which names no tag, is
refused with its command-line spelling; a tag left out inside '|' (not dog, or cat) has none and
is refused as such. A tag that really has such a name is still found."""

from __future__ import annotations

from pathlib import Path

import pytest

from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.tags import add_user_tag
from tests.cli_helpers import run
from tests.store_helpers import add_photo


@pytest.fixture
def photo(tmp_path: Path) -> str:
    path = str(tmp_path / "a.jpg")
    with open_library(default_home()) as library:
        pid = add_photo(library.db, path)
        add_user_tag(library.db, pid, "cat")
        add_user_tag(library.db, pid, "Rome, Italy")
    return path


def test_a_tag_left_out_inside_an_any_of_is_refused(
    photo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for text in ("-dog | cat", "cat | !dog"):
        code, out, err = run(capsys, "search", text)
        assert code == 3 and out == ""
        assert err.count("\n") == 1
        assert f"no tag is called {text!r}, and a tag left out inside '|'" in err
        assert "--any TAG..." in err and "--not TAG" in err


@pytest.mark.parametrize(
    ("text", "spelled"),
    [
        ("cat | dog", "phototagger search --any cat dog"),
        ("cat, -bird", "phototagger search cat --not bird"),
        ("!bird", "phototagger search --not bird"),
    ],
)
def test_the_search_box_way_is_refused_with_the_command_lines(
    photo: str, capsys: pytest.CaptureFixture[str], text: str, spelled: str
) -> None:
    code, out, err = run(capsys, "search", text)
    assert code == 3 and out == ""
    assert err == f"phototagger: no tag is called {text!r}; written as the app's search box " + (
        f"reads it, on the command line it is: {spelled}\n"
    )
    # ...and that is what it finds.
    code, out, _ = run(capsys, *spelled.split()[1:])
    assert code == 0 and out.splitlines() == [photo]


def test_a_tag_with_such_a_name_is_found_and_a_dash_word_gets_a_hint(
    photo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "search", "Rome, Italy")
    assert code == 0 and out.splitlines() == [photo] and "note" not in err
    with pytest.raises(SystemExit) as stop:
        run(capsys, "search", "cat", "-bird")
    err = capsys.readouterr().err
    assert stop.value.code == 2
    assert "unrecognized arguments: -bird (to leave a tag out: --not bird)" in err
