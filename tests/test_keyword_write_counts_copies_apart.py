"""polish34's first `metadata write --embed` said "396 keywords added" for the 4 tags the user
had given: the rest were Lightroom's own keywords (Places|Greece|Crete ...) written into
digiKam's TagsList, which those files lacked, and read as 392 tags phototagger had put into
them. The count of keywords added is now of those new to the files; the files' own keywords
put into their fields that lacked them are said apart ("2 keywords the files had, copied into
their keyword fields that lacked them"; --json: keywords_copied)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.keyword_readers import exiftool_keywords, exiftool_set
from tests.store_helpers import keywords_read

DET = Path("/work/shared/data/det-photos")


@pytest.fixture
def lightroom_photo(tmp_path: Path) -> Path:
    """A photo Lightroom gave Places|Greece|Crete and Trips|Summer 2024 (hierarchicalSubject
    and dc:subject, no TagsList), read into the library, where the user gave it 'beach day'."""
    folder = tmp_path / "Summer in Greece"
    folder.mkdir()
    photo = Path(shutil.copy(sorted(DET.glob("*.jpg"))[2], folder / "IMG_1050.JPG"))
    photo.chmod(0o644)
    exiftool_set(
        photo,
        "-XMP-lr:HierarchicalSubject=Places|Greece|Crete",
        "-XMP-lr:HierarchicalSubject=Trips|Summer 2024",
        *(f"-XMP-dc:Subject={k}" for k in ("Places", "Greece", "Crete", "Trips", "Summer 2024")),
    )
    keywords_read(folder, photo)
    with open_library(default_home()) as library:
        label_paths(library.db, [str(photo)], add=["beach day"])
    return photo


def test_the_files_own_keywords_copied_are_not_counted_as_added(
    lightroom_photo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = lightroom_photo
    code, out, err = run(capsys, "metadata", "write", "--embed", "--quiet")
    assert (code, err) == (0, ""), err
    # Before: "...; 3 keywords added, 0 removed".
    assert out == (
        "1 photo: written into 1 photo, 0 already up to date; 1 keyword added, 0 removed; "
        "2 keywords the files had, copied into their keyword fields that lacked them "
        "(digiKam's, Lightroom's)\n"
    ), out
    tags_list = exiftool_keywords(photo)["Xmp.digiKam.TagsList"]
    assert sorted(tags_list) == ["Places/Greece/Crete", "Trips/Summer 2024", "beach day"]

    code, out, _ = run(capsys, "metadata", "write", "--embed", "--json", "--quiet")
    done = json.loads(out)
    assert (done["keywords_added"], done["keywords_copied"], done["written"]) == (0, 0, 0)
