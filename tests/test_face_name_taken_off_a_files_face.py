"""A name only a file's region gave (digiKam's Anna in mwg-rs), taken off in the viewer (N, the
name cleared, Enter) or with `phototagger face PATH 1 ''`, took Anna's tag off the photo (a "no",
so the file's region does not give it back), but B still drew "Anna" on the face, the bar said
"named in the file: Anna" and `tags` listed her there. What the user decided is drawn now: the
face has no name, the bar and `tags` say the file's Anna was taken off by the user, and naming
the face again gives it the name back. A real det-photo, its regions written by exiftool and read
by the metadata sync, a real SQLite library, the real viewer offscreen and the real CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.gui.viewer import FACE_COLOUR, NAMED_COLOUR
from tests.cli_helpers import run
from tests.gui_helpers import viewer_with_faces
from tests.people_photos import ELSEWHERE, FOUND, PERSON, REGIONS, library_with_named_photo

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool makes files")


def test_tags_says_the_files_name_was_taken_off(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    library_with_named_photo(tmp_path / "pics", [FOUND, ELSEWHERE])
    path = str(tmp_path / "pics" / PERSON.name)
    assert run(capsys, "face", path, "1", "")[0] == 0
    code, out, _ = run(capsys, "tags", path)
    assert code == 0
    lines = out.splitlines()
    faces = lines.index(
        "  faces: 2 found by the detector, 1 named in the file, 1 name in the file taken off by you"
    )
    assert lines[faces + 1 :] == [
        "    (no name)  named Anna in the file (mwg-rs:Regions), taken off by you,"
        " a face the detector found (1.00)",
        "    Bea        named in the file (mwg-rs:Regions); the detector found no face there",
        "    (no name)  found by the detector (0.97)",
    ]
    shown = json.loads(run(capsys, "tags", "--json", path)[1])
    assert [(f["name"], f["taken_off"], f["named_in"]) for f in shown["faces"]] == [
        (None, "Anna", ["mwg-rs:Regions"]),
        ("Bea", None, ["mwg-rs:Regions"]),
        (None, None, []),
    ]
    people = {t["name"]: t["state"] for t in shown["tags"] if t["name"].startswith("People")}
    assert people == {"People (keywords)/Anna": "rejected", "People (keywords)/Bea": "from file"}


def test_a_name_also_in_a_people_keyword_taken_off(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """digiKam writes People|Anna beside her region: the keyword gives her tag, not the region,
    and taking her name off the face rejects that tag all the same."""
    keywords = ("-XMP-digiKam:TagsList=People/Anna", "-XMP-lr:HierarchicalSubject=People|Anna")
    library_with_named_photo(tmp_path / "pics", [FOUND, ELSEWHERE], (REGIONS, *keywords))
    path = str(tmp_path / "pics" / PERSON.name)
    assert run(capsys, "face", path, "1", "")[0] == 0
    shown = json.loads(run(capsys, "tags", "--json", path)[1])
    assert [(f["name"], f["taken_off"]) for f in shown["faces"]] == [
        (None, "Anna"),
        ("Bea", None),
        (None, None),
    ]


@pytest.mark.parametrize(
    ("keywords", "tag"),
    [
        # digiKam keeps a face tag anywhere in the tree and writes its whole path beside the
        # region naming Anna.
        (
            ("-XMP-digiKam:TagsList=Family/Anna", "-XMP-lr:HierarchicalSubject=Family|Anna"),
            "Family/Anna",
        ),
        # Lightroom Classic writes a person named on a face as a top-level keyword, flat.
        (("-XMP-dc:Subject=Anna", "-XMP-lr:HierarchicalSubject=Anna"), "Anna"),
    ],
    ids=["keyword tree", "lightroom flat keyword"],
)
def test_a_name_whose_tag_is_a_files_keyword_taken_off(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, keywords: tuple[str, ...], tag: str
) -> None:
    """The file's keyword beside the region naming Anna ('Family/Anna', Lightroom's flat 'Anna')
    is her one tag, and taking her name off the face takes it off ("no"), where it used to look
    for 'People (keywords)/Anna' and do nothing."""
    library_with_named_photo(tmp_path / "pics", [FOUND, ELSEWHERE], (REGIONS, *keywords))
    path = str(tmp_path / "pics" / PERSON.name)
    assert run(capsys, "face", path, "1", "")[0] == 0
    shown = json.loads(run(capsys, "tags", "--json", path)[1])
    assert [(f["name"], f["taken_off"]) for f in shown["faces"]][0] == (None, "Anna")
    assert {t["name"]: t["state"] for t in shown["tags"] if t["state"] != "suggested"} == {
        tag: "rejected",
        "People (keywords)/Bea": "from file",
    }


def test_the_viewer_draws_no_name_taken_off_and_names_it_again(
    qtbot: QtBot, tmp_path: Path
) -> None:
    library_with_named_photo(tmp_path / "pics", [FOUND, ELSEWHERE])
    viewer = viewer_with_faces(qtbot, tmp_path, PERSON.name)
    assert [band.data(0) for band in viewer.canvas.names] == ["Anna", "Bea"]
    qtbot.keyClick(viewer, Qt.Key.Key_Tab)  # Anna's face
    qtbot.keyClick(viewer, Qt.Key.Key_N)
    assert viewer.name_field.text() == "Anna"
    viewer.name_field.clear()
    qtbot.keyClick(viewer.name_field, Qt.Key.Key_Return)
    assert [band.data(0) for band in viewer.canvas.names] == ["Bea"]
    assert [item.data(0) for item in viewer.canvas.boxes] == [  # each box's colour, unchosen
        FACE_COLOUR,
        NAMED_COLOUR,
        FACE_COLOUR,
    ]
    assert viewer.faces_note.full_text() == (
        "2 faces; named in the file: Bea (not found by the detector);"
        " named in the file, taken off by you: Anna"
    )
    # Named again (the face still chosen): the user's name, drawn.
    assert viewer.canvas.selected == 0
    qtbot.keyClick(viewer, Qt.Key.Key_N)
    assert viewer.name_field.text() == ""
    qtbot.keyClicks(viewer.name_field, "Anna")
    qtbot.keyClick(viewer.name_field, Qt.Key.Key_Return)
    assert [band.data(0) for band in viewer.canvas.names] == ["Anna", "Bea"]
    assert viewer.faces_note.full_text() == (
        "2 faces; named in the file: Bea (not found by the detector); named by you: Anna"
    )
