"""Moving a photo to the trash takes its XMP sidecar with it (digiKam does the same), and Undo
brings both back. The sidecar was left behind in the folder, beside no photo: litter that
another tool could take for the keywords of a new photo of that name."""

from __future__ import annotations

import os
from pathlib import Path

from phototagger.core.labels import label_paths
from phototagger.core.metadata.job import write_keywords
from phototagger.core.metadata.write import WriteOptions
from phototagger.store.photos import get_photo_by_path
from tests import photo_factory as pf
from tests.gui_helpers import open_window, row_of, scan, settle, shown_names, trash_in_folder


def test_trash_takes_the_sidecar_and_undo_brings_it_back(qtbot, engine, tmp_path: Path) -> None:
    card = tmp_path / "card"
    pf.real_photo(card / "zoo.jpg", "chelsea")
    pf.real_photo(card / "other.jpg", "coffee")
    pf.real_photo(card / "pair.jpg", "rocket")
    pf.real_photo(card / "pair.png", "astronaut")
    window = open_window(qtbot, engine, tmp_path)
    trash = tmp_path / "trash"
    trash_in_folder(window, trash)
    scan(qtbot, window, card)
    db = window.db
    label_paths(db, [str(card / "zoo.jpg")], add=["Zoo Berlin"])
    photo = get_photo_by_path(db, str(card / "zoo.jpg"))
    assert photo is not None
    assert write_keywords(db, [photo.id], WriteOptions()).written == 1
    sidecar = (card / "zoo.jpg.xmp").read_bytes()
    (card / "other.xmp").write_bytes(sidecar)  # named after its stem only: other.jpg's
    (card / "pair.xmp").write_bytes(sidecar)  # pair.jpg's or pair.png's: taken with neither

    ids = [window.model.photo_id(row_of(window, n)) for n in ("zoo.jpg", "other.jpg", "pair.jpg")]
    assert window.tools.move_photos_to_trash(ids)
    settle(qtbot, window)
    assert sorted(os.listdir(trash)) == [
        "other.jpg",
        "other.xmp",
        "pair.jpg",
        "zoo.jpg",
        "zoo.jpg.xmp",
    ]
    assert sorted(os.listdir(card)) == ["pair.png", "pair.xmp"]

    window.undo_stack.undo()
    settle(qtbot, window)
    assert os.listdir(trash) == []
    assert sorted(os.listdir(card)) == [
        "other.jpg",
        "other.xmp",
        "pair.jpg",
        "pair.png",
        "pair.xmp",
        "zoo.jpg",
        "zoo.jpg.xmp",
    ]
    assert sorted(shown_names(window)) == ["other.jpg", "pair.jpg", "pair.png", "zoo.jpg"]


def test_the_trash_question_names_the_sidecar_that_goes_along(
    qtbot, engine, tmp_path: Path
) -> None:
    """'Move this photo to the system trash?' said nothing of the XMP sidecar (or RAW) that
    the move takes along: the photographer learned it only in the folder. It names them now."""
    card = tmp_path / "card"
    pf.real_photo(card / "zoo.jpg", "chelsea")
    pf.real_photo(card / "other.jpg", "coffee")
    window = open_window(qtbot, engine, tmp_path)
    trash_in_folder(window, tmp_path / "trash")
    scan(qtbot, window, card)
    (card / "zoo.jpg.xmp").write_text('<x:xmpmeta xmlns:x="adobe:ns:meta/"/>\n')
    asked: list[str] = []

    def confirm(_parent: object, _title: str, text: str) -> bool:
        asked.append(text)
        return True

    window.tools.confirm = confirm
    zoo, other = (window.model.photo_id(row_of(window, n)) for n in ("zoo.jpg", "other.jpg"))
    assert window.tools.move_photos_to_trash([zoo])
    settle(qtbot, window)
    assert asked[-1].startswith("Move this photo to the system trash, with zoo.jpg.xmp beside it?")
    assert window.tools.move_photos_to_trash([other])
    assert asked[-1].startswith("Move this photo to the system trash? Undo")
