"""`search animal` in a library never scanned said "there is no tag called 'animal'", as if the
model did not know animals: tags come with a scan. It now says the library has no photos yet
(or that none is tagged yet), and how to scan; a typo in a tagged library is named as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.store_helpers import add_photo


def test_a_library_with_no_photos_says_to_scan(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", "animal", "--not", "cat")
    assert code == 0 and out == ""
    assert err.splitlines() == [
        "phototagger: note: the library has no photos yet, so no tags: add a folder with "
        "'phototagger scan DIR'",
        "0 photos",
    ]


def test_photos_found_but_not_tagged_yet_say_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_library(default_home()) as library:
        for i in range(3):
            add_photo(library.db, str(tmp_path / f"p{i}.jpg"), status="pending")
    code, _, err = run(capsys, "search", "animal")
    assert code == 0 and err.splitlines()[0] == (
        "phototagger: note: no photo is tagged yet (3 waiting to be): 'phototagger scan DIR' "
        "on their folder tags them"
    )


def test_a_typo_in_a_tagged_library_is_named_and_a_tag_no_photo_has_is_not_a_typo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A tagged library where no photo got 'animal' (a tag row comes with a photo that has it).
    photo = str(tmp_path / "cat.jpg")
    with open_library(default_home()) as library:
        add_photo(library.db, photo)
    assert run(capsys, "label", photo, "--add", "dog")[0] == 0
    code, out, err = run(capsys, "search", "dgo")
    assert code == 0 and out == ""
    assert err.splitlines() == [
        "phototagger: note: there is no tag called 'dgo': did you mean 'dog'?",
        "0 photos",
    ]
    # 'animal' is a tag the model looks for: it found it on none of the photos.
    code, out, err = run(capsys, "search", "animal")
    assert code == 0 and out == ""
    assert err.splitlines() == [
        "phototagger: note: no photo has 'animal': the model looks for it and found it on none "
        "of them",
        "0 photos",
    ]
