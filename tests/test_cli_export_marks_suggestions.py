"""`export`'s text listed the model's suggestions as the user's own tags: polish34's
DSC_3002.JPG read "dog, Seasons/Winter, people, animal, Places/Greece/Crete, ...", the
keyword Lightroom wrote and the guesses of a version trained on keywords alike, though
`export --help` says it gives "the model's confidence, source (model or user) and your
decision". A suggestion now reads "animal (suggested 0.99)" (its confidence as `tags` shows
it); the user's tags (added, accepted, from the files) as before, a no as "(rejected)"."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli_helpers import run
from tests.keyword_readers import exiftool_set

DET = Path("/work/shared/data/det-photos")
DOG = "n02084071_77_dog.jpg"


def test_export_text_tells_suggestions_from_the_users_tags(
    scans_with_engine: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pics = tmp_path / "2023" / "Winter"
    pics.mkdir(parents=True)
    photo = Path(shutil.copy(DET / DOG, pics / "DSC_3002.JPG"))
    exiftool_set(photo, "-XMP-lr:HierarchicalSubject=Seasons|Winter")
    assert run(capsys, "scan", "--quiet", str(tmp_path))[0] == 0
    assert run(capsys, "label", str(photo), "--add", "Rex")[0] == 0
    [record] = json.loads(run(capsys, "export", "--json")[1])
    suggested = [t for t in record["tags"] if t["source"] == "model" and t["state"] != "rejected"]
    assert suggested, record  # the model sees a dog, at least an animal
    rejected = suggested.pop()["name"]
    assert run(capsys, "label", str(photo), "--reject", rejected)[0] == 0

    code, out, err = run(capsys, "export")
    assert (code, err) == (0, "exported 1 photo\n")
    path, tags = out.rstrip("\n").split("\t")
    words = tags.split(", ")
    assert path == str(photo)
    assert "Seasons/Winter" in words and "Rex" in words  # the user's: as before
    assert f"{rejected} (rejected)" in words
    for tag in suggested:
        # Before: the name alone, as the user's own.
        assert f"{tag['name']} (suggested {tag['confidence']:.2f})" in words, words
    assert len(words) == len(suggested) + 3
