"""A person's or a place's name typed alone finds their tag: digiKam's and Lightroom's Anna (a
face region or a 'People|Anna' keyword) is the tag 'People (keywords)/Anna', and 'Places|Greece|
Crete' is 'Places.../Crete'; "Anna", "Crete" and "-Anna" (left out) in the app's search box and
with `phototagger search` mean them, and say so. A name that ends several tags ('Paris' of a
person and of a place) is asked about as before; a tag literally called so wins. Completion on
Enter takes a tag whose last level starts with what was typed ("Ann"). Files made with exiftool,
read by the metadata sync into a real SQLite library, the real main window (offscreen), the CLI.
The five files are written by exiftool once per module (`written`); each test's library reads
copies of them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests import people_photos
from tests.cli_helpers import run
from tests.gui_helpers import open_window, search_for, settle, shown_names
from tests.people_photos import REGIONS, library_of_det_photos

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool makes files")


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of _library's five photos, as exiftool wrote them (in a library of its own)."""
    root = tmp_path_factory.mktemp("written")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PHOTOTAGGER_HOME", str(root / "home"))
        library_of_det_photos(root / "pics", _ASSIGNMENTS)
    return root / "pics"


@pytest.fixture(autouse=True)
def _copies_of_written(written: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """library_of_det_photos copies `written`'s photos, not writing them with exiftool again."""

    def copied(source: Path, folder: Path, assignments: list[str]) -> Path:
        assert assignments in _ASSIGNMENTS, assignments
        return Path(shutil.copy(written / source.name, folder / source.name))

    monkeypatch.setattr(people_photos, "_copied_with", copied)


def _library(pics: Path) -> list[str]:
    """Anna on a face (digiKam's mwg-rs, with Bea), Anna as a keyword, Carl as one with the
    place Crete, a person and a place both called Paris: the five photos' names."""
    return [photo.name for photo in library_of_det_photos(pics, _ASSIGNMENTS)]


_ASSIGNMENTS = [
    [REGIONS],
    ["-XMP-lr:HierarchicalSubject=People|Anna", "-XMP-dc:Subject=Anna"],
    [
        "-XMP-lr:HierarchicalSubject=People|Carl",
        "-XMP-lr:HierarchicalSubject+=Places|Greece|Crete",
        "-XMP-dc:Subject=Carl",
        "-XMP-dc:Subject+=Crete",
    ],
    ["-XMP-lr:HierarchicalSubject=People|Paris", "-XMP-dc:Subject=Paris"],
    ["-XMP-lr:HierarchicalSubject=Places|Paris", "-XMP-dc:Subject=Paris"],
]


def _listed(out: str) -> list[str]:
    return sorted(Path(line.strip()).name for line in out.splitlines() if ".jpg" in line)


def test_search_command_takes_a_name_for_its_tag(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    named, keyword, carl, paris_person, paris_place = _library(tmp_path / "pics")
    code, out, err = run(capsys, "search", "Anna")
    assert code == 0
    assert _listed(out) == sorted([named, keyword])
    assert "Anna: People (keywords)/Anna" in err
    code, out, err = run(capsys, "search", "crete")
    assert _listed(out) == [carl]
    code, out, err = run(capsys, "search", "People (keywords)", "--not", "Anna")
    assert named not in _listed(out) and keyword not in _listed(out)
    assert carl in _listed(out)
    # Paris is a person and a place: which is meant is asked, nothing is found.
    code, out, err = run(capsys, "search", "Paris")
    assert _listed(out) == []
    assert "there is no tag called 'Paris'" in err


def test_a_tag_called_so_wins(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    named, keyword, *_ = _library(tmp_path / "pics")
    code, _, _ = run(capsys, "label", "--add", "Anna", str(tmp_path / "pics" / named))
    assert code == 0
    code, out, err = run(capsys, "search", "Anna")
    assert _listed(out) == [named]
    assert "People (keywords)/Anna" not in err


def _search(qtbot, window, text: str) -> list[str]:
    search_for(qtbot, window, text)
    return sorted(shown_names(window))


def test_search_box_takes_a_name_for_its_tag(qtbot, engine, tmp_path: Path) -> None:
    named, keyword, carl, paris_person, paris_place = _library(tmp_path / "pics")
    window = open_window(qtbot, engine, tmp_path)
    settle(qtbot, window)
    assert _search(qtbot, window, "Anna") == sorted([named, keyword])
    assert "People (keywords)/Anna" in window.header.text()
    assert _search(qtbot, window, "Crete") == [carl]
    left = _search(qtbot, window, "People (keywords), -Anna")
    assert named not in left and keyword not in left and carl in left
    assert _search(qtbot, window, "Paris") == []
    header = window.header.text()
    assert "People (keywords)/Paris" in header and "/Paris" in header.split("and", 1)[-1]
    # Completion: "Ann" + Enter takes 'People (keywords)/Anna', whose last level starts so.
    assert _search(qtbot, window, "Ann") == sorted([named, keyword])
    assert window.sidebar.search.text() == "People (keywords)/Anna"
    search = window.sidebar.search
    search.clear()
    window.sidebar.completer.setCompletionPrefix("cre")
    offered = [
        window.sidebar.completer.completionModel().index(r, 0).data()
        for r in range(window.sidebar.completer.completionCount())
    ]
    assert any(str(o).endswith("/Crete") for o in offered)


def test_review_and_scores_take_a_name_for_its_tag(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Found in a first week with the command line (polish36): 'search crete' found the photo
    whose sidecar says Places|Crete, but 'review crete' said "there is no tag called 'crete';
    to make it a new tag, label a few photos with it and train". They now take the name for
    its tag as search does, and say so."""
    _library(tmp_path / "pics")
    for command in ("review", "scores"):
        code, out, err = run(capsys, command, "crete")
        assert code == 3 and out == ""
        assert "note: crete: Places/Greece/Crete" in err
        assert "there is no tag called" not in err
        assert "the model has not learned 'Places/Greece/Crete' yet: " in err
    # A name that ends several tags is still no tag: which is meant is not guessed.
    code, _, err = run(capsys, "review", "Paris")
    assert code == 3 and "there is no tag called 'Paris'" in err


def test_the_review_tab_takes_a_name_for_its_tag(qtbot: QtBot, tmp_path: Path) -> None:
    """The Review tab said "There is no tag called 'crete'; to make it a new tag, label a few
    photos with it and train" where the search box finds Places/…/Crete (polish36)."""
    _library(tmp_path / "pics")
    window = open_window(qtbot, None, tmp_path)
    window._show_retrain("review")
    page = window.retrain.review_page
    page.load("crete")
    settle(qtbot, window)
    assert page.question.text().startswith(
        "The model has not learned “Places/Greece/Crete” yet: "
    ), page.question.text()
    page.load("Paris")  # a person and a place: not guessed
    settle(qtbot, window)
    assert page.question.text().startswith("There is no tag called “Paris”")
