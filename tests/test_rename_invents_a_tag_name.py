"""A tag renamed to a name no tag had invents that name as much as `label --add` does, and said
nothing of a tag it looks like or means nearly: 'my stuff' renamed 'kitchen things' beside the
built-in 'kitchen', or 'pets' renamed 'dogs' beside 'dog', went unnoticed, where `label --add`
and the app's add field say so. Now `tag rename` and the app's Rename Tag (the sidebar's F2, the
Tag Manager's Rename…) say it in the same words, once; nothing for a name under a group
('Places/Kitchen'), a merge into an existing tag, a new case of the same name, a group with no
tag of its own, or a tag renamed to a lookalike of its own old name ('dog' to 'dogs'). Real
det-photos scanned by the real model into a real library; the real window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.cli_helpers import line_and_notes
from tests.gui_helpers import open_window, settle
from tests.test_new_tag_near_meaning import PAN, _photos_with, pics  # noqa: F401 - the photos


def test_tag_rename_to_a_new_name_says_what_label_add_says(
    pics: Path,  # noqa: F811 - the fixture
    capsys: pytest.CaptureFixture[str],
) -> None:
    kitchen, dogs = _photos_with(capsys, "kitchen"), _photos_with(capsys, "dog")
    assert kitchen >= 2 and dogs >= 1  # the model sees the pans' kitchen, the dog
    pan = str(pics / f"{PAN}.jpg")
    line_and_notes(
        capsys, "label", pan, "--add", "my stuff", "--add", "pets", "--add", "shelf/fish"
    )
    assert line_and_notes(capsys, "tag", "rename", "my stuff", "kitchen things") == (
        "renamed 'my stuff' to 'kitchen things' (1 photo)",
        [f"'kitchen' is already a tag on {kitchen} photos; 'kitchen things' is a new one"],
    )
    # In the words of `label --add`, for a lookalike too.
    assert line_and_notes(capsys, "tag", "rename", "pets", "dogs") == (
        "renamed 'pets' to 'dogs' (1 photo)",
        [
            "'dogs' is a new tag, but 'dog' exists "
            '(`phototagger tag merge "dogs" "dog"` joins them)'
        ],
    )
    # Once: another case of the same name is no new name.
    assert line_and_notes(capsys, "tag", "rename", "kitchen things", "Kitchen Things")[1] == []
    # Under a group: filed there on purpose.
    assert line_and_notes(capsys, "tag", "rename", "Kitchen Things", "Places/Kitchen")[1] == []
    # A group with no tag of its own: no tag gets the name ('shelf/fish' is 'my dogs/fish').
    assert line_and_notes(capsys, "tag", "rename", "shelf", "my dogs")[1] == []
    # Onto an existing tag: a merge, nothing invented.
    assert line_and_notes(capsys, "tag", "rename", "Places/Kitchen", "dogs")[0].startswith("merged")
    # Not beside itself: 'pets' renamed 'pet' is gone, no tag the new name looks like.
    assert line_and_notes(capsys, "tag", "rename", "dogs", "pets")[1] == []
    assert line_and_notes(capsys, "tag", "rename", "pets", "pet") == (
        "renamed 'pets' to 'pet' (1 photo)",
        [],
    )
    # A name with other meanings says which it was taken in.
    assert line_and_notes(capsys, "tag", "rename", "pet", "telephone")[1] == [
        "'phone', the usual meaning of 'telephone', is already a tag the tagger looks for, on "
        "no photo yet; 'telephone' is a new one"
    ]


def test_rename_tag_in_the_app_says_what_the_add_field_says(
    pics: Path,  # noqa: F811 - the fixture
    engine: Any,
    qtbot: QtBot,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    kitchen = _photos_with(capsys, "kitchen")
    line_and_notes(capsys, "label", str(pics / f"{PAN}.jpg"), "--add", "my stuff", "--add", "pets")
    window = open_window(qtbot, engine, tmp_path)
    settle(qtbot, window)

    def rename(name: str, new: str) -> str:
        window.tools.ask_text = lambda *_: new
        window.tools.ask_rename(name)
        settle(qtbot, window)
        return window.status.currentMessage()

    assert rename("my stuff", "kitchen things") == (
        "Renamed “my stuff” to “kitchen things” (1 photo). “kitchen” is already a tag on "
        f"{kitchen} photos; “kitchen things” is a new one. Ctrl+Z to undo."
    )
    assert rename("pets", "dogs") == (
        "Renamed “pets” to “dogs” (1 photo). “dogs” is a new tag, but “dog” exists "
        "(“Merge Tag Into…” joins them). Ctrl+Z to undo."
    )
    # Nothing for a rename to a name under a group.
    assert rename("kitchen things", "Places/Kitchen") == (
        "Renamed “kitchen things” to “Places/Kitchen” (1 photo). Ctrl+Z to undo."
    )
    # A name with other meanings says which it was taken in.
    assert rename("Places/Kitchen", "telephone") == (
        "Renamed “Places/Kitchen” to “telephone” (1 photo). “phone”, the usual meaning of "
        "“telephone”, is already a tag the tagger looks for, on no photo yet; “telephone” is a "
        "new one. Ctrl+Z to undo."
    )
