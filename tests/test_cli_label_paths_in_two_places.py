"""`label --add x a.jpg --add y b.jpg` (a tag for each photo, as it reads) failed with argparse's
'unrecognized arguments: b.jpg'. Every option applies to every PATH, so PATHs on both sides of
one are refused with how to write it, and nothing is labelled."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from phototagger.store.tags import tags_of_photo
from tests.cli_helpers import run
from tests.store_helpers import add_photo


def _photos(folder: Path) -> tuple[str, str]:
    folder.mkdir()
    paths = []
    with open_library(default_home()) as library:
        for name in ("a.jpg", "b.jpg"):
            path = folder / name
            Image.new("RGB", (16, 16)).save(path)
            add_photo(library.db, str(path))
            paths.append(str(path))
    return paths[0], paths[1]


def _tags(path: str) -> list[str]:
    with open_library(default_home()) as library:
        photo = get_photo_by_path(library.db, path)
        assert photo is not None
        return sorted(t.name for t in tags_of_photo(library.db, photo.id))


def test_paths_on_both_sides_of_an_option_say_how_to_label(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = _photos(tmp_path / "pics")
    for argv in (["--add", "x", a, "--add", "y", b], [a, "--reject", "cat", b]):
        with pytest.raises(SystemExit) as stop:
            run(capsys, "label", *argv)
        err = capsys.readouterr().err
        assert stop.value.code == 2 and "unrecognized arguments" not in err
        assert f"label: PATHs in two places ({a} ... {b})" in err
        assert "every --add, --reject and --remove applies to every PATH" in err
        assert "run label once for each photo" in err
    assert _tags(a) == _tags(b) == []  # nothing half done
    # Together, before or after the options, as the message says: both photos get both tags.
    assert run(capsys, "label", "--add", "x", "--add", "y", a, b)[0] == 0
    assert _tags(a) == _tags(b) == ["x", "y"]
    # An unknown option is still argparse's to refuse.
    with pytest.raises(SystemExit) as stop:
        run(capsys, "label", a, "--add", "x", "--zzz")
    assert stop.value.code == 2 and "unrecognized arguments: --zzz" in capsys.readouterr().err
