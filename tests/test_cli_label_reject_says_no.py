"""`label --reject` said "labelled 10 photos", the words of `--add`: read after the fact, the
user could not tell a "no" from a tag put on. It says what it recorded; `--add` keeps its
words, and a "no" given with it is still "labelled"."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_helpers import run, scan_with
from tests.photo_factory import real_photo


@pytest.fixture
def pics(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> list[str]:
    folder = tmp_path / "Pictures"
    photos = [
        real_photo(folder / "cat.jpg", "chelsea"),
        real_photo(folder / "coffee.jpg", "coffee"),
        real_photo(folder / "rocket.jpg", "rocket"),
    ]
    assert scan_with(engine, folder, monkeypatch, capsys) == 0
    return [str(p) for p in photos]


def test_reject_says_it_recorded_a_no(pics: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "label", *pics[:2], "--reject", "dog ") == (
        0,
        "recorded 'no' for 'dog' on 2 photos\n",
        "",
    )
    # Two tags, one of them given twice: each named once.
    code, out, err = run(
        capsys, "label", pics[2], "--reject", "dog", "--reject", "grandma's garden", "--reject",
        "dog",
    )  # fmt: skip
    assert (code, out, err) == (
        0,
        """recorded 'no' for 'dog' and "grandma's garden" on 1 photo\n""",
        # A new name rejected is a tag invented: said beside the built-in one, as --add says it.
        "phototagger: note: 'garden' is already a tag the tagger looks for, on no photo yet; "
        "'grandma's garden' is a new one\n",
    )
    # Some photos already had the "no": said as before, with the new words first.
    assert run(capsys, "label", *pics, "--reject", "dog") == (
        0,
        "nothing changed: all 3 photos were already as you said\n",
        "",
    )
    assert run(capsys, "label", *pics, "--reject", "grandma's garden") == (
        0,
        """recorded 'no' for "grandma's garden" on 3 photos; 1 of them was already as you """
        "said (nothing changed there)\n",
        "",
    )
    assert run(capsys, "label", pics[0], "--reject", "dog") == (
        0,
        "nothing changed: the photo was already as you said\n",
        "",
    )


def test_add_and_remove_keep_their_words(
    pics: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "label", *pics, "--add", "mine") == (0, "labelled 3 photos\n", "")
    assert run(capsys, "label", pics[0], "--add", "pets", "--reject", "dog") == (
        0,
        "labelled 1 photo\n",
        "",
    )
    # --remove says its own words (test_cli_label_remove_says_removed.py): here the "no" to
    # dog just said is what it takes back.
    assert run(capsys, "label", pics[0], "--remove", "dog") == (
        0,
        "took back your 'no' to 'dog' on 1 photo\n",
        "",
    )
