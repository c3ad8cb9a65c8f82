"""A tag the user invents beside one that means nearly the same went unnoticed: a taught
'kitchen things' sat beside the built-in 'kitchen', and nothing pointed to it. Now `label --add`
and the app's add field say so once, without asking ("'kitchen' is already a tag on 3 photos;
'kitchen things' is a new one"), for a name holding a tag as a word ('my dogs': 'dog') or of
its WordNet sense ('auto': 'car'); nothing for an unrelated name, one sharing only 'my' or
'the' with a tag, 'hot dog' (no dog), a name filed under a group ('Places/Kitchen'), or the tag
once it exists; a lookalike ('dogs') keeps its own note. A new name rejected is a tag invented
too: `label --reject "kitchen things"` and the app's Shift+R said nothing of 'kitchen'; now they
say it in the words of an addition, once per name. Real det-photos scanned by the real model
into a real library; the real window."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from phototagger.core.near_meaning import means_nearly
from tests.cli_helpers import det_photos_scanned, line_and_notes, run
from tests.gui_helpers import click_photo, open_window, settle

PAN = "n03400231_10249_frying_pan"
PHOTOS = [PAN, "n03400231_1761_frying_pan", "n03761084_13411_microwave", "n02084071_77_dog"]


@pytest.fixture
def pics(
    engine: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Path:
    return det_photos_scanned(engine, tmp_path / "pics", PHOTOS, monkeypatch, capsys)


def _photos_with(capsys: pytest.CaptureFixture[str], tag: str) -> int:
    code, out, err = run(capsys, "search", "--json", tag)
    assert code == 0, err
    return len(json.loads(out))


def _added(capsys: pytest.CaptureFixture[str], photo: Path, name: str) -> list[str]:
    """`label PHOTO --add NAME`'s notes."""
    code, out, err = run(capsys, "label", str(photo), "--add", name)
    assert code == 0, err
    return [line.removeprefix("phototagger: note: ") for line in err.splitlines()]


def test_label_add_says_a_tag_means_nearly_the_same(
    pics: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kitchen, dogs = _photos_with(capsys, "kitchen"), _photos_with(capsys, "dog")
    assert kitchen >= 2 and dogs >= 1  # the model sees the pans' kitchen, the dog
    photo = pics / f"{PAN}.jpg"
    assert _added(capsys, photo, "kitchen things") == [
        f"'kitchen' is already a tag on {kitchen} photos; 'kitchen things' is a new one"
    ]
    # Once: it is a tag now, added to another photo.
    assert _added(capsys, pics / f"{PHOTOS[1]}.jpg", "kitchen things") == []
    assert _added(capsys, photo, "My Dogs") == [
        f"'dog' is already a tag on {dogs} photo{'s' if dogs > 1 else ''}; 'My Dogs' is a new one"
    ]
    # One WordNet sense: a built-in tag on no photo is said so.
    assert _added(capsys, photo, "auto") == [
        "'car' is already a tag the tagger looks for, on no photo yet; 'auto' is a new one"
    ]
    # A toy dog is a dog, not the tagger's 'toy' (a plaything) that WordNet also calls it.
    assert _added(capsys, photo, "toy dog") == [
        f"'dog' is already a tag on {dogs} photo{'s' if dogs > 1 else ''}; 'toy dog' is a new one"
    ]
    # A name with other meanings, beside the tag of its usual one, says which it was taken in.
    assert _added(capsys, photo, "telephone") == [
        "'phone', the usual meaning of 'telephone', is already a tag the tagger looks for, on "
        "no photo yet; 'telephone' is a new one"
    ]
    # A lookalike keeps its own note, alone.
    assert _added(capsys, photo, "dogs") == [
        "'dogs' is a new tag, but 'dog' exists "
        '(`phototagger tag merge "dogs" "dog"` joins them)'
    ]
    # Quiet for unrelated names: nothing shared, only 'my' or 'the' shared with a tag ('My
    # Dogs', 'The Band') or a letter ('X'), a WordNet noun that is no kind of the tag ('hot
    # dog', 'toy terrier'), a word whose usual sense is none of the tags ('machine'; 'java',
    # 'cycle': an island, a rhythm in WordNet more often than its coffee and bicycle; 'bike',
    # neither sense used), a sense that is not the tagger's ('railway car', 'passenger car':
    # its 'car' is an automobile); and for a name filed under a group on purpose.
    for name in (
        "grandma",
        "X",
        "x-ray",
        "The Band",
        "my holiday",
        "the holiday",
        "hot dog",
        "machine",
        "java",
        "cycle",
        "bike",
        "railway car",
        "passenger car",
        "toy terrier",
        "Places/Kitchen",
    ):
        assert _added(capsys, photo, name) == [], name


@pytest.mark.parametrize(
    ("name", "tag", "near"),
    [
        # Every sense WordNet gives the name is the tag's.
        ("automobile", "car", True),
        ("autos", "car", True),
        ("beverage", "drink", True),
        ("plaything", "toy", True),
        # WordNet gives the name senses the closure of the 1,000 classes leaves out, used as
        # often (in its sense-tagged texts) as the tag's, or more.
        ("java", "coffee", False),  # an island 2 times, coffee once, a programming language
        ("cycle", "bicycle", False),  # a rhythm, a hertz... 10 times, a bicycle never
        ("wheel", "bicycle", False),  # a steering wheel, a roulette wheel...
        ("coach", "bus", False),  # a trainer 20 times, a bus never
        ("mount", "mountain", False),  # a riding horse, a setting
        ("bike", "bicycle", False),  # a motorcycle, a bicycle: neither used
        ("nutrient", "food", False),  # food once: too few uses to tell
        # ... and the tag's is the usual one, three uses in four or more.
        ("telephone", "phone", True),  # a phone 18 times, telephony once
        ("creature", "animal", True),  # an animal 16 times, 3 times else
        ("beast", "animal", True),  # 4 times, a brute of a person once
        # A user's tag of several senses counts in its usual one: their 'machine' is a
        # machine, not the car WordNet also calls one; their 'sofa' has one sense.
        ("car", "machine", False),
        ("couch", "sofa", True),
        # A sense of the tag's name that the tagger does not look for.
        ("railway car", "car", False),
        ("railcar", "car", False),
        ("toy dog", "toy", False),
        ("toy dog", "dog", True),
        ("sports car", "car", True),
    ],
)
def test_a_name_with_other_senses_is_not_one_tags_synonym(name: str, tag: str, near: bool) -> None:
    """The WordNet rule, on the default tags (no model, no library)."""
    assert means_nearly(name, tag) is near


def _window_and_kitchen(
    engine: Any, qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[Any, int]:
    """The app's window on the library, and the photos having 'kitchen'."""
    kitchen = _photos_with(capsys, "kitchen")
    window = open_window(qtbot, engine, tmp_path)
    settle(qtbot, window)
    return window, kitchen


def test_the_add_field_says_a_tag_means_nearly_the_same(
    pics: Path, engine: Any, qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    window, kitchen = _window_and_kitchen(engine, qtbot, tmp_path, capsys)
    click_photo(qtbot, window, f"{PAN}.jpg")
    field = window.details.add_field

    def add(name: str) -> str:
        qtbot.keyClick(window.grid, Qt.Key.Key_T)
        qtbot.keyClicks(field, name)
        qtbot.keyClick(field, Qt.Key.Key_Return)  # no question: nothing waits on one
        settle(qtbot, window)
        return window.status.currentMessage()

    said = add("kitchen things")
    assert said == (
        f"Added “kitchen things”, a new tag; “kitchen” is already a tag on {kitchen} photos "
        "(Ctrl+Z to undo)"
    )
    assert window.status.fontMetrics().horizontalAdvance(said) < window.status.width() * 0.7
    # Said once: on another photo (as the add field decides it) "kitchen things" is a tag.
    click_photo(qtbot, window, f"{PHOTOS[1]}.jpg")
    window.decide(window.chosen_photo_ids(), "kitchen things", "add")
    settle(qtbot, window)
    assert window.status.currentMessage() == "Added “kitchen things” (Ctrl+Z to undo)"
    # A name with other meanings says which it was taken in.
    said = add("telephone")
    assert said == (
        "Added “telephone”, a new tag; “phone”, its usual meaning, is already a tag the tagger "
        "looks for, on no photo yet (Ctrl+Z to undo)"
    )
    assert window.status.fontMetrics().horizontalAdvance(said) < window.status.width()
    assert add("grandma") == "Added “grandma” (Ctrl+Z to undo)"


def _label(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[str, list[str]]:
    """`label ARGS...`'s line and its notes."""
    return line_and_notes(capsys, "label", *args)


def test_label_reject_of_a_new_name_says_a_tag_means_nearly_the_same(
    pics: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kitchen, dogs = _photos_with(capsys, "kitchen"), _photos_with(capsys, "dog")
    assert kitchen >= 2 and dogs >= 1  # the model sees the pans' kitchen, the dog
    photo = str(pics / f"{PAN}.jpg")
    assert _label(capsys, photo, "--reject", "kitchen things") == (
        "recorded 'no' for 'kitchen things' on 1 photo",
        [f"'kitchen' is already a tag on {kitchen} photos; 'kitchen things' is a new one"],
    )
    # Once: it is a tag now, rejected on another photo.
    assert _label(capsys, str(pics / f"{PHOTOS[1]}.jpg"), "--reject", "kitchen things")[1] == []
    # Once per name: given twice, in another case, and beside an addition of another new name.
    plural = "s" if dogs > 1 else ""
    _, notes = _label(capsys, photo, "--reject", "My Dogs", "--reject", "my dogs ", "--add", "auto")
    assert notes == [
        "'car' is already a tag the tagger looks for, on no photo yet; 'auto' is a new one",
        f"'dog' is already a tag on {dogs} photo{plural}; 'My Dogs' is a new one",
    ]
    # A lookalike keeps its own note, alone; an unrelated name none.
    assert _label(capsys, photo, "--reject", "dogs", "--reject", "grandma")[1] == [
        "'dogs' is a new tag, but 'dog' exists "
        '(`phototagger tag merge "dogs" "dog"` joins them)'
    ]


def test_shift_r_with_a_new_name_says_a_tag_means_nearly_the_same(
    pics: Path, engine: Any, qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    window, kitchen = _window_and_kitchen(engine, qtbot, tmp_path, capsys)

    def reject(photo: str, name: str) -> str:
        click_photo(qtbot, window, f"{photo}.jpg")
        qtbot.keyClick(window.grid, Qt.Key.Key_R, Qt.KeyboardModifier.ShiftModifier)
        dialog = window.findChild(QInputDialog, "reject-tag")
        assert dialog is not None and dialog.isVisible()
        dialog.setTextValue(name)
        dialog.accept()
        qtbot.waitUntil(lambda: window.findChild(QInputDialog, "reject-tag") is None)
        settle(qtbot, window)
        return window.status.currentMessage()

    assert reject(PAN, "kitchen things") == (
        f"Rejected “kitchen things”, a new tag; “kitchen” is already a tag on {kitchen} photos "
        "(Ctrl+Z to undo)"
    )
    # Said once: on another photo "kitchen things" is a tag.
    assert reject(PHOTOS[1], "kitchen things") == "Rejected “kitchen things” (Ctrl+Z to undo)"
    assert reject(PAN, "grandma") == "Rejected “grandma” (Ctrl+Z to undo)"
