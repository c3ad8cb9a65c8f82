"""Running the command line in a test as a user would, and the CLI's first lesson: a tag taught."""

from __future__ import annotations

import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from phototagger.cli import main
from phototagger.core.library import open_library
from phototagger.core.metadata.settings import KeywordSettings, save_settings
from phototagger.paths import default_home
from phototagger.store.photos import add_folder, update_photo
from tests.keyword_readers import exiv2_set
from tests.retrain_helpers import library_from
from tests.store_helpers import DET, add_photo


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of `phototagger ARGV...`."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def line_and_notes(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[str, list[str]]:
    """A command that succeeds: its output, stripped, and its notes on stderr, each without
    "phototagger: note: "."""
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    return out.strip(), [line.removeprefix("phototagger: note: ") for line in err.splitlines()]


def searched_stems(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    """`phototagger search ARGV`'s photos' names less their suffix, sorted; it must succeed."""
    code, out, err = run(capsys, "search", *argv)
    assert code == 0, err
    return sorted(Path(line).stem for line in out.splitlines())


def read_only_unwritten(
    capsys: pytest.CaptureFixture[str],
    folder: Path,
    sources: list[Path],
    names: list[str] | None = None,
) -> list[Path]:
    """Copies of `sources` as IMG_0.jpg... (or `names`) in `folder`, read-only, tagged
    "harbour", whose keywords `metadata write` (into the files, as the settings say) could not
    write."""
    folder.mkdir()
    names = names or [f"IMG_{n}.jpg" for n in range(len(sources))]
    photos = [
        Path(shutil.copy(src, folder / name)) for src, name in zip(sources, names, strict=True)
    ]
    with open_library(default_home()) as library:
        add_folder(library.db, str(folder))
        for photo in photos:
            update_photo(library.db, add_photo(library.db, str(photo)), model_version="v1")
        save_settings(library.db, KeywordSettings(enabled=True, asked=True, target="embed"))
    for photo in photos:
        photo.chmod(0o444)
    assert run(capsys, "label", *map(str, photos), "--add", "harbour")[0] == 0
    assert run(capsys, "metadata", "write", "--quiet", *map(str, photos))[0] == 1
    return photos


def scan_with(
    engine: object,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *options: str,
) -> int:
    """`phototagger scan --quiet [OPTIONS] FOLDER` with the session's engine (the CLI would
    load its own again); its exit status, its output read and dropped (scan_said keeps it)."""
    return scan_said(engine, folder, monkeypatch, capsys, *options)[0]


def scan_said(
    engine: object,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *options: str,
) -> tuple[int, str, str]:
    """scan_with's scan, with what it said: (exit status, stdout, stderr). `engine`: the
    session's, or one standing in for it, which the CLI's tagger loader gives the scan."""
    monkeypatch.setattr(
        "phototagger.commands.library.tagger_loader", lambda library, args: lambda: engine
    )
    return run(capsys, "scan", "--quiet", *options, str(folder))


def det_photos_scanned(
    engine: object,
    folder: Path,
    names: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    marks: Mapping[str, Sequence[str]] | None = None,
) -> Path:
    """Copies of the det-photos `names` (file names without .jpg) in `folder`, scanned with the
    session's engine (scan_with); the folder. `marks`: name -> what exiv2 writes into the copy
    first (exiv2 -M commands: 'set Xmp.xmp.Rating 4'), as digiKam or Lightroom would."""
    folder.mkdir()
    for name in names:
        copy = Path(shutil.copy(DET / f"{name}.jpg", folder))
        if marks and marks.get(name):
            exiv2_set(copy, *marks[name])
    assert scan_with(engine, folder, monkeypatch, capsys) == 0
    return folder


def given_tags_rescored(
    engine: object,
    pics: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *label: str,
) -> Path:
    """det-photos' zebra copied into `pics` (made here) as zebra.jpg, with the keywords 'beach'
    (a tag the model has, and gives a zebra ~0) and 'Zoo' as digiKam or Lightroom write them,
    scanned, 'car' added with `label` (and its further `label` options), then rated in the
    file and scanned again: the model scores the photo again, the user's rows too. The copy."""
    pics.mkdir()
    photo = Path(shutil.copy(DET / "n02391049_2847_zebra.jpg", pics / "zebra.jpg"))
    exiv2_set(photo, "set Xmp.dc.subject beach", "set Xmp.dc.subject Zoo")
    assert scan_with(engine, pics, monkeypatch, capsys) == 0
    assert run(capsys, "label", str(photo), "--add", "car", *label)[0] == 0
    exiv2_set(photo, "set Xmp.xmp.Rating 3")
    assert scan_with(engine, pics, monkeypatch, capsys) == 0
    return photo


def face_labelled(
    template: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[Path, list[str], list[str]]:
    """The template library copied, 'face' added to 6 faces and rejected on 12 patches from the
    command line: (the photos' folder, the faces, the patches)."""
    lib, pics = library_from(template)
    lib.close()
    faces = [str(pics / f"face{i:03d}.jpg") for i in range(6)]
    patches = [str(pics / f"patch{i:03d}.jpg") for i in range(12)]
    assert run(capsys, "label", *faces, "--add", "face")[0] == 0
    assert run(capsys, "label", *patches, "--reject", "face")[0] == 0
    return pics, faces, patches


def critters_labelled(
    engine: object,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """40 det-photos of animals and 20 of things scanned in `folder`; "critters" said yes on 5
    of the animals and no on 15 of the things: a quarter of the answers yes, and the tag learned
    goes on the animals, two thirds of the library (more than its answers suggest)."""
    animals = ["zebra", "dog", "horse", "sheep", "elephant", "lion", "tiger", "monkey"]
    things = ["violin", "trumpet", "washer", "vacuum"]
    names = [p.stem for kind in animals + things for p in sorted(DET.glob(f"n*_{kind}.jpg"))]
    pics = det_photos_scanned(engine, folder, names, monkeypatch, capsys)
    yes = [str(pics / f"{n}.jpg") for n in names[:40:8]]
    no = [str(pics / f"{n}.jpg") for n in names[40:55]]
    assert run(capsys, "label", *yes, "--add", "critters")[0] == 0
    assert run(capsys, "label", *no, "--reject", "critters")[0] == 0
