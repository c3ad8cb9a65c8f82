"""A Lightroom user's keywords 'Places|Greece|Crete' and 'Trips|Summer 2024' are in the library
as Places/Greece/Crete and Trips/Summer 2024, and the files' dc:subject lists 'Greece' and
'Summer 2024' on their own, as Lightroom writes them (polish34). `phototagger search Greece`
said only "there is no tag called 'Greece'" (and so did 'greece/crete'); the app's search box
"No photos match: no tag is called “Greece”". Both now name the level of the tree it ends:
"did you mean 'Places/Greece'?", "there is “Places/Greece”". Where one tag only ends so
('greece/crete'), it is searched (search35)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.photos import add_folder
from tests.cli_helpers import run
from tests.gui_helpers import open_window, search_for, settle
from tests.store_helpers import add_photo

DET = Path("/work/shared/data/det-photos")


@pytest.fixture
def greece(tmp_path: Path) -> Path:
    folder = tmp_path / "2024" / "Summer in Greece"
    folder.mkdir(parents=True)
    with open_library(default_home()) as library:
        add_folder(library.db, str(folder))
        photos = []
        for n, source in enumerate(sorted(DET.glob("*.jpg"))[:3]):
            photo = Path(shutil.copy(source, folder / f"IMG_{1000 + n}.JPG"))
            st = photo.stat()
            add_photo(library.db, str(photo), size=st.st_size, mtime=st.st_mtime)
            photos.append(str(photo))
        label_paths(library.db, photos[:2], add=["Places/Greece/Crete", "Trips/Summer 2024"])
        label_paths(library.db, photos[2:], add=["Trips/Greece"])
    return folder


def test_search_names_the_level_a_word_ends(
    greece: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typed, meant = "Greece", "did you mean 'Trips/Greece' or 'Places/Greece'?"  # the tag first
    code, out, err = run(capsys, "search", typed)
    assert (code, out) == (0, ""), err
    # Before: "there is no tag called 'Greece'", nothing more.
    assert f"phototagger: note: there is no tag called {typed!r}: {meant}\n" in err, err
    # The last levels of one tag only mean it (search35): its photos are found, and said so.
    for typed, meant in [
        ("greece/crete", "Places/Greece/Crete"),
        ("summer 2024", "Trips/Summer 2024"),
    ]:
        code, out, err = run(capsys, "search", typed)
        assert out.count("\n") == 2, err
        assert f"phototagger: note: {typed}: {meant}\n" in err, err
    # A tag at the top is found, as before; a word nowhere in the tree is named alone.
    code, out, err = run(capsys, "search", "Places")
    assert out.count("\n") == 2 and "2 photos" in err
    code, out, err = run(capsys, "search", "Norway")
    assert "there is no tag called 'Norway'\n" in err, err


def test_the_search_box_names_the_level_a_word_ends(
    qtbot: QtBot, greece: Path, tmp_path: Path
) -> None:
    window = open_window(qtbot, None, tmp_path)
    window.resize(1440, 900)
    settle(qtbot, window)
    typed, meant = "Greece", "“Places/Greece” and “Trips/Greece”"
    search_for(qtbot, window, typed)
    assert window.model.rowCount() == 0
    # Before: "No photos match: no tag is called “Greece”", nothing more.
    said = f"No photos match: no tag is called “{typed}”; there is {meant}"
    assert window.header.text() == said
    # The last levels of one tag only mean it (search35): 'Places/Greece/Crete' is searched.
    search_for(qtbot, window, "greece/crete")
    assert window.model.rowCount() == 2
    assert "Places/Greece/Crete" in window.header.text()
