"""digiKam and Lightroom keep a person twice: a named face region (mwg-rs) and a keyword
(`People/Anna` in TagsList and hierarchicalSubject, `Anna` in dc:subject and IPTC). A face the
file named Anna, renamed Carla in phototagger and written back, had its region say Carla while
the keywords still said Anna (walk63: digiKam then showed Anna tagged on the photo, the face
saying Carla); only --remove-rejected took another program's keyword out. Now, as digiKam drops
a person's tag with their face, the old name's keyword goes from every keyword field (its
parents kept where another keyword needs them) and the new one's comes; a keyword naming
someone on no face stays. A real det-photo with fields written by exiftool, a real scan with
the real model and face detector, a real SQLite library; exiftool and exiv2 read the result."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.cli_helpers import run
from tests.keyword_readers import exiftool_keywords, exiftool_set_struct, exiv2_tags_list
from tests.people_photos import SANTA
from tests.test_face_regions_write import (
    _ANNA,
    THEIRS,
    _exiv2_names,
    _people,
    _regions,
    _santa,
    _scan,
    _shown,
)

pytestmark = pytest.mark.skipif(
    shutil.which("exiftool") is None or shutil.which("exiv2") is None,
    reason="exiftool writes the other program's fields, and both read what was written",
)

TAGS_LIST = "Xmp.digiKam.TagsList"
HIERARCHY = "Xmp.lr.hierarchicalSubject"
SUBJECT = "Xmp.dc.subject"
IPTC = "Iptc.Application2.Keywords"


def _region_list(regions: list[dict[str, Any]]) -> str:
    listed = ",".join(
        "{Area={X=%s,Y=%s,W=%s,H=%s,Unit=normalized},Type=%s,Name=%s}"  # noqa: UP031 - braces
        % (a["X"], a["Y"], a["W"], a["H"], r["Type"], r["Name"])
        for r in regions
        if isinstance(a := r["Area"], dict)
    )
    return f"-XMP-mwg-rs:RegionInfo={{RegionList=[{listed}]}}"


def _photo(pics: Path) -> Path:
    """SANTA stored on its side (Orientation 6), as test_face_regions_write's portrait."""
    pics.mkdir()
    photo = pics / "portrait.jpg"
    Image.open(SANTA).transpose(Image.Transpose.ROTATE_90).save(photo, quality=95)
    exiftool_set_struct(photo, "-Orientation#=6")
    return photo


def _keywords(path: Path) -> dict[str, list[str]]:
    found = exiftool_keywords(path)
    return {k: v for k, v in found.items() if k in (TAGS_LIST, HIERARCHY, SUBJECT, IPTC)}


def test_a_face_digikam_named_renamed_here_takes_its_keyword_along(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pics = tmp_path / "pics"
    photo = _photo(pics)
    # As digiKam writes a photo: Anna on Santa's face and Bea on the wall, both as keywords too;
    # Ben a keyword only (on no face), and a place.
    tags = ["People/Anna", "People/Bea", "People/Ben", "Places/Beach"]
    exiftool_set_struct(
        photo,
        _region_list([_ANNA, THEIRS[0]]),
        *(f"-XMP-digiKam:TagsList+={t}" for t in tags),
        *(f"-XMP-lr:HierarchicalSubject+={t.replace('/', '|')}" for t in tags),
        *(f"-XMP-dc:Subject+={t.split('/')[-1]}" for t in tags),
        *(f"-IPTC:Keywords+={t.split('/')[-1]}" for t in tags),
    )
    _scan(pics, engine, face_finder)
    assert _people(capsys, photo) == [f"People (keywords)/{n}" for n in ("Anna", "Bea", "Ben")]
    # Ben said no to (no face names him), Santa's face renamed Carla.
    assert run(capsys, "label", "--reject", "People (keywords)/Ben", str(photo))[0] == 0
    assert run(capsys, "face", str(photo), _santa(capsys, photo), "Carla")[0] == 0
    code, out, _ = run(capsys, "metadata", "write", "--embed", str(photo))
    assert code == 0, out
    assert "1 face region renamed" in out
    # Said as what happened to her face, not as a tag the user rejected (it read "1 rejected tag
    # removed from the files"); Ben's keyword, rejected, is the file's own and stays.
    assert "phototagger: 1 keyword of a face's old name taken out\n" in out, out
    assert "rejected tag" not in out, out
    # Anna's keyword went from every field, Carla's came; Ben's (on no face) stays, as do Bea's
    # and the place; nothing is reordered.
    found = _keywords(photo)
    assert found[TAGS_LIST] == ["People/Bea", "People/Ben", "Places/Beach", "People/Carla"]
    assert found[HIERARCHY] == ["People|Bea", "People|Ben", "Places|Beach", "People|Carla"]
    for key in (SUBJECT, IPTC):
        assert found[key][:3] == ["Bea", "Ben", "Beach"], found
        assert "Carla" in found[key] and "Anna" not in found[key], found
    assert exiv2_tags_list(photo) == ["People/Bea", "People/Ben", "Places/Beach", "People/Carla"]
    assert [r["Name"] for r in _regions(photo)["RegionList"]] == ["Carla", "Bea"]
    assert _exiv2_names(photo) == ["Carla", "Bea"]
    # Scanned again: Carla on the face, no Anna coming back from the file.
    _scan(pics, engine, face_finder)
    assert _people(capsys, photo) == ["People (keywords)/Bea", "People (keywords)/Carla"]
    shown = _shown(capsys, photo)
    assert [f["name"] for f in shown["faces"] if f["found_by_detector"]] == ["Carla"]
    assert all(not f["taken_off"] for f in shown["faces"])
    states = {t["name"]: t["state"] for t in shown["tags"]}
    assert states.get("People (keywords)/Anna") in (None, "rejected"), states
    # Written again: nothing changes.
    before = photo.read_bytes()
    code, out, _ = run(capsys, "metadata", "write", "--embed", str(photo))
    assert code == 0 and "face region" not in out, out
    assert photo.read_bytes() == before


def test_a_face_lightroom_named_unnamed_here_leaves_no_keyword_in_its_sidecar(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pics = tmp_path / "pics"
    photo = _photo(pics)
    # As Lightroom exports to a sidecar: People|Anna with her face, its parents in dc:subject.
    sidecar = pics / "portrait.jpg.xmp"
    exiftool_set_struct(
        sidecar,
        _region_list([_ANNA]),
        "-XMP-lr:HierarchicalSubject=People|Anna",
        "-XMP-lr:HierarchicalSubject+=Places|Beach",
        *(f"-XMP-dc:Subject+={s}" for s in ("People", "Anna", "Places", "Beach")),
    )
    _scan(pics, engine, face_finder)
    assert _people(capsys, photo) == ["People (keywords)/Anna"]
    # The name taken off her face: no other face has it.
    assert run(capsys, "face", str(photo), _santa(capsys, photo), "")[0] == 0
    code, out, _ = run(capsys, "metadata", "write", "--sidecar", str(photo))
    assert code == 0, out
    assert "1 face region taken out" in out
    assert (
        "phototagger: 1 keyword of a face's old name taken out, and 1 parent keyword only they"
        " used\n"
    ) in out, out
    found = _keywords(sidecar)
    # People goes with her from dc:subject: no keyword left needs it; the place stays whole.
    assert found[HIERARCHY] == ["Places|Beach"]
    assert found[SUBJECT] == ["Places", "Beach"]
    assert "Anna" not in _exiv2_names(sidecar)
    _scan(pics, engine, face_finder)
    assert _people(capsys, photo) == []
    assert [f["name"] for f in _shown(capsys, photo)["faces"] if f["found_by_detector"]] == [None]


def test_a_rename_leaves_the_keyword_of_a_name_another_face_keeps(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Two faces named Anna by digiKam (a group photo): one renamed Carla, the other still shows
    Anna, so her keyword stays beside Carla's."""
    pics = tmp_path / "pics"
    photo = _photo(pics)
    exiftool_set_struct(
        photo,
        _region_list([_ANNA, {**THEIRS[0], "Name": "Anna"}]),
        "-XMP-digiKam:TagsList=People/Anna",
        "-XMP-lr:HierarchicalSubject=People|Anna",
        "-XMP-dc:Subject=Anna",
    )
    _scan(pics, engine, face_finder)
    assert run(capsys, "face", str(photo), _santa(capsys, photo), "Carla")[0] == 0
    code, out, _ = run(capsys, "metadata", "write", "--embed", str(photo))
    assert code == 0 and "1 face region renamed" in out, out
    found = _keywords(photo)
    assert found[TAGS_LIST] == ["People/Anna", "People/Carla"]
    assert found[HIERARCHY] == ["People|Anna", "People|Carla"]
    assert [r["Name"] for r in _regions(photo)["RegionList"]] == ["Carla", "Anna"]
    _scan(pics, engine, face_finder)
    assert _people(capsys, photo) == ["People (keywords)/Anna", "People (keywords)/Carla"]


def test_the_status_line_says_a_face_s_old_name_went_not_a_rejected_tag(
    qtbot: Any,
    engine: Any,
    face_finder: Any,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    """Tags ▸ Write Keywords to Files says it as `metadata write` does: Anna's keyword went with
    her face's new name ("1 rejected tag removed from the files" before, of a tag the user never
    rejected)."""
    from dataclasses import replace

    from phototagger.core.library import open_library
    from phototagger.core.metadata.settings import load_settings, save_settings
    from phototagger.paths import default_home
    from tests.gui_helpers import click_photo, open_window
    from tests.gui_helpers import write_keywords as write_in_window

    pics = tmp_path / "pics"
    photo = _photo(pics)
    exiftool_set_struct(
        photo,
        _region_list([_ANNA]),
        "-XMP-digiKam:TagsList=People/Anna",
        "-XMP-lr:HierarchicalSubject=People|Anna",
        "-XMP-dc:Subject=Anna",
    )
    _scan(pics, engine, face_finder)
    assert run(capsys, "face", str(photo), _santa(capsys, photo), "Carla")[0] == 0
    with open_library(default_home()) as library:
        settings = load_settings(library.db)
        save_settings(library.db, replace(settings, enabled=True, asked=True, target="embed"))
    window = open_window(qtbot, None, tmp_path)
    click_photo(qtbot, window, photo.name)
    assert write_in_window(qtbot, window) == (
        "Keywords written into 1 photo, 0 already up to date (1 face region renamed), "
        "1 keyword of a face's old name taken out"
    )
    assert _keywords(photo)[TAGS_LIST] == ["People/Carla"]
