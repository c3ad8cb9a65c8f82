"""A photographer rejected 'Holiday', a keyword Lightroom had put into the photo, and wrote the
keywords: the file kept it (phototagger takes out only keywords it wrote) and digiKam and
Lightroom went on showing 'Holiday', while the write said only "1 sidecar created". The write
now says so, in the status bar ("1 rejected tag stays in its file", short enough beside the
other counts) and on the command line, which adds why and "remove them in digiKam or Lightroom".
A rejected tag phototagger had written is taken out, and not counted. The details panel says
it under the rejected tag: "still in the file's keywords: remove it in digiKam or Lightroom"."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.core.metadata.settings import load_settings, save_settings
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.paths import default_home
from phototagger.store.photos import add_folder
from tests.cli_helpers import run
from tests.gui_helpers import click_photo, open_window, write_keywords
from tests.keyword_readers import exiftool_keywords, exiftool_set
from tests.store_helpers import add_photo

SETTING = "as set in Settings ▸ Keywords in files"  # why sidecars, in the status line

DET = Path("/work/shared/data/det-photos")
NOTE = "1 rejected tag stays in its file"


def _exported(folder: Path) -> Path:
    """A Lightroom export: a det-photo with 'Holiday' and 'Places|Beach' in its XMP, in a
    library that has read them."""
    folder.mkdir()
    photo = Path(shutil.copy(sorted(DET.glob("*goldfish.jpg"))[0], folder / "LR_000.jpg"))
    photo.chmod(0o644)
    exiftool_set(
        photo,
        "-XMP-dc:Subject=Holiday",
        "-XMP-dc:Subject=Beach",
        "-XMP-lr:HierarchicalSubject=Holiday",
        "-XMP-lr:HierarchicalSubject=Places|Beach",
    )
    with open_library(default_home()) as library:
        add_folder(library.db, str(folder))
        st = photo.stat()
        add_photo(library.db, str(photo), size=st.st_size, mtime=st.st_mtime)
        assert sync_file_metadata(library.db, [str(folder)]).keywords_added == 2
        label_paths(library.db, [str(photo)], add=["Sunset"], reject=["Holiday"])
    return photo


def test_the_cli_says_a_rejected_keyword_stays_in_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = _exported(tmp_path / "pics")
    code, out, err = run(capsys, "metadata", "write", "--embed", "--quiet")
    assert code == 0
    assert out.startswith("1 photo: written into 1 photo, 0 already up to date;"), out
    assert (
        f"phototagger: note: {NOTE}: phototagger removes only keywords it wrote; remove them in "
        "digiKam or Lightroom"
    ) in err, err
    assert "Holiday" in exiftool_keywords(photo)["Xmp.lr.hierarchicalSubject"]
    code, out, _ = run(capsys, "metadata", "write", "--embed", "--json", "--quiet")
    assert json.loads(out)["rejected_kept"] == 1

    # A tag phototagger wrote, then rejected, is taken out of the file: nothing to say (and
    # 'Holiday' is the user's again).
    with open_library(default_home()) as library:
        label_paths(library.db, [str(photo)], add=["Holiday"], reject=["Sunset"])
    code, out, err = run(capsys, "metadata", "write", "--embed", "--quiet")
    assert (code, "note" in err) == (0, False), err
    assert "Sunset" not in exiftool_keywords(photo)["Xmp.lr.hierarchicalSubject"]


def test_the_status_bar_says_a_rejected_keyword_stays_in_the_file(
    qtbot: QtBot, tmp_path: Path
) -> None:
    photo = _exported(tmp_path / "pics")
    with open_library(default_home()) as library:
        settings = load_settings(library.db)
        save_settings(library.db, replace(settings, enabled=True, asked=True))
    window = open_window(qtbot, None, tmp_path)
    click_photo(qtbot, window, photo.name)
    assert write_keywords(qtbot, window) == (
        f"Keywords written into 1 new sidecar file beside its photo ({SETTING}), "
        f"0 already up to date. {NOTE}"
    )


def test_the_details_panel_says_a_rejected_keyword_is_still_in_the_file(
    qtbot: QtBot, tmp_path: Path
) -> None:
    photo = _exported(tmp_path / "pics")
    window = open_window(qtbot, None, tmp_path)
    click_photo(qtbot, window, photo.name)
    rows = {row.entry.name: row for row in window.details.tags.rows}
    said = "still in the file's keywords: remove it in digiKam or Lightroom"
    holiday = rows["Holiday"].origin_label
    assert holiday is not None and holiday.text().replace("\u200b", "") == said
    assert rows["Holiday"].entry.source == "you rejected it"
    assert rows["Sunset"].origin_label is None
