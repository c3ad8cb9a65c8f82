"""A face named in phototagger (the viewer's N, `phototagger face`) reached the files only as a
`People|Anna` keyword: digiKam, Lightroom and Immich saw Anna on the photo, not on her face. A
keyword write now makes the mwg-rs RegionList where the keywords go say what the user decided:
a named face is a region (Type Face, Name, Area centre-based fractions of the stored pixels),
a rename replaces that region's Name, a name taken off (or a person rejected) takes the region
out, as digiKam writes only faces that carry a name; every other region stays as it was, and a
second write changes nothing. A real det-photo stored on its side with Orientation 6 and
regions of another program's (exiftool), a real scan with the real model and face detector, a
real SQLite library, exiftool and exiv2 reading what was written."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from phototagger.core.people import PeopleStep
from phototagger.core.scan import scan
from tests.cli_helpers import run
from tests.keyword_readers import exiftool_set
from tests.people_photos import SANTA
from tests.scan_helpers import new_library
from tests.test_face_regions_read import regions_seen_by_exiftool

pytestmark = pytest.mark.skipif(
    shutil.which("exiftool") is None or shutil.which("exiv2") is None,
    reason="exiftool writes the other program's regions, and both read what was written",
)

# Another program's regions, as digiKam and Lightroom write them for the photo stored turned a
# quarter anticlockwise: Bea on the wall, Rex the dog, the camera's focus area.
THEIRS = [
    {
        "Area": {"X": 0.15, "Y": 0.15, "W": 0.1, "H": 0.1, "Unit": "normalized"},
        "Type": "Face",
        "Name": "Bea",
    },
    {
        "Area": {"X": 0.8, "Y": 0.85, "W": 0.2, "H": 0.1, "Unit": "normalized"},
        "Type": "Pet",
        "Name": "Rex",
    },
    {
        "Area": {"X": 0.5, "Y": 0.5, "W": 0.05, "H": 0.05, "Unit": "normalized"},
        "Type": "Focus",
        "Name": "AF point",
    },
]
# Santa's face, where the detector finds it in the photo as shown, at about (0.501, 0.322)
# 0.136 x 0.239, in the stored pixels (turned back): about (0.322, 0.363) 0.239 x 0.136.
STORED_FACE = (0.322, 0.363, 0.239, 0.136)
# A Face region naming Santa Anna, as another program writes it (its Area's X, Y: the centre).
_ANNA = {
    "Area": {
        "X": round(STORED_FACE[0] + STORED_FACE[2] / 2, 3),
        "Y": round(STORED_FACE[1] + STORED_FACE[3] / 2, 3),
        "W": STORED_FACE[2],
        "H": STORED_FACE[3],
        "Unit": "normalized",
    },
    "Type": "Face",
    "Name": "Anna",
}


def _regions(path: Path, scheme: str = "RegionInfo") -> dict[str, Any]:
    """The mwg-rs regions (`scheme` "RegionInfoMP": MP's) as exiftool reads them (-struct)."""
    seen = regions_seen_by_exiftool(path)
    assert isinstance(seen, dict)
    return dict(seen.get(scheme, {}))


def _exiv2_names(path: Path) -> list[str]:
    out = subprocess.run(
        ["exiv2", "-PXkv", str(path)], check=False, capture_output=True, text=True
    ).stdout
    return [
        line.split(None, 1)[1].strip()
        for line in out.splitlines()
        if line.startswith("Xmp.mwg-rs.Regions/mwg-rs:RegionList[") and "/mwg-rs:Name " in line
    ]


def _portrait(
    pics: Path,
    engine: Any,
    face_finder: Any,
    regions: list[dict[str, Any]] = THEIRS,
    *more: str,
) -> Path:
    """SANTA stored on its side (Orientation 6) with `regions` in its XMP (and `more` exiftool
    assignments), in `pics`, scanned."""
    pics.mkdir()
    photo = pics / "portrait.jpg"
    Image.open(SANTA).transpose(Image.Transpose.ROTATE_90).save(photo, quality=95)
    listed = ",".join(
        "{Area={X=%s,Y=%s,W=%s,H=%s,Unit=normalized},Type=%s,Name=%s}"  # noqa: UP031 - braces
        % (a["X"], a["Y"], a["W"], a["H"], r["Type"], r["Name"])
        for r in regions
        if isinstance(a := r["Area"], dict)
    )
    exiftool_set(
        photo,
        "-struct",
        "-Orientation#=6",
        f"-XMP-mwg-rs:RegionInfo={{RegionList=[{listed}]}}",
        *more,
    )
    _scan(pics, engine, face_finder)
    return photo


def _named_portrait(
    tmp_path: Path, engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str]
) -> tuple[Path, Path]:
    """(folder, photo): _portrait with Santa's face named Anna with `phototagger face`."""
    pics = tmp_path / "pics"
    photo = _portrait(pics, engine, face_finder)
    assert run(capsys, "face", str(photo), _santa(capsys, photo), "Anna")[0] == 0
    return pics, photo


def _scan(pics: Path, engine: Any, face_finder: Any) -> None:
    with new_library() as lib:
        scan(lib, [str(pics)], lambda: engine, people=PeopleStep(lambda: face_finder))


def _shown(capsys: pytest.CaptureFixture[str], photo: Path) -> dict[str, Any]:
    code, out, _ = run(capsys, "tags", "--json", str(photo))
    assert code == 0, out
    return dict(json.loads(out))


def _santa(capsys: pytest.CaptureFixture[str], photo: Path) -> str:
    """The index `face` takes for the face the detector found (Santa's)."""
    faces = _shown(capsys, photo)["faces"]
    return str(next(i for i, f in enumerate(faces, 1) if f["found_by_detector"]))


def _people(capsys: pytest.CaptureFixture[str], photo: Path) -> list[str]:
    return [
        t["name"]
        for t in _shown(capsys, photo)["tags"]
        if t["name"].startswith("People (keywords)/") and t["state"] != "rejected"
    ]


def _write(capsys: pytest.CaptureFixture[str], photo: Path, where: str) -> str:
    code, out, _ = run(capsys, "metadata", "write", where, str(photo))
    assert code == 0, out
    return out


def _santa_region(region: dict[str, Any], name: str) -> None:
    assert (region["Name"], region["Type"], region["Area"]["Unit"]) == (name, "Face", "normalized")
    x, y, w, h = STORED_FACE
    area = region["Area"]
    assert [area["X"], area["Y"], area["W"], area["H"]] == pytest.approx(
        [x + w / 2, y + h / 2, w, h], abs=0.01
    )


def test_a_named_face_is_written_as_a_region_once(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pics, photo = _named_portrait(tmp_path, engine, face_finder, capsys)
    out = _write(capsys, photo, "--sidecar")
    assert "1 face region added" in out
    sidecar = pics / "portrait.jpg.xmp"
    regions = _regions(sidecar)
    # The photo's own regions first, as they were; then Anna, on the face, in the stored pixels.
    assert regions["AppliedToDimensions"] == {"W": 333, "H": 500, "Unit": "pixel"}
    *theirs, anna = regions["RegionList"]
    assert theirs == THEIRS
    _santa_region(anna, "Anna")
    assert _exiv2_names(sidecar) == ["Bea", "Rex", "AF point", "Anna"]
    # The photo itself is not touched (the keywords go to the sidecar, so does the region).
    assert _regions(photo)["RegionList"] == THEIRS
    # Read back (the next scan reads the sidecar): Anna is one tag and one face, not two.
    _scan(pics, engine, face_finder)
    assert _people(capsys, photo) == ["People (keywords)/Anna", "People (keywords)/Bea"]
    faces = _shown(capsys, photo)["faces"]
    assert [(f["name"], f["found_by_detector"]) for f in faces if f["kind"] == "face"] == [
        ("Anna", True),
        ("Bea", False),
    ]
    # Written again: nothing changes.
    before = sidecar.read_bytes()
    out = _write(capsys, photo, "--sidecar")
    assert "1 already up to date" in out and "face region" not in out
    assert sidecar.read_bytes() == before


def test_a_rename_and_a_name_taken_off_rewrite_the_region(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pics, photo = _named_portrait(tmp_path, engine, face_finder, capsys)
    _write(capsys, photo, "--embed")
    assert [r["Name"] for r in _regions(photo)["RegionList"]] == ["Bea", "Rex", "AF point", "Anna"]
    # Renamed: the same region carries the new name, no second one beside it.
    assert run(capsys, "face", str(photo), _santa(capsys, photo), "Carl")[0] == 0
    out = _write(capsys, photo, "--embed")
    assert "1 face region renamed" in out
    *theirs, carl = _regions(photo)["RegionList"]
    assert theirs == THEIRS
    _santa_region(carl, "Carl")
    assert _exiv2_names(photo) == ["Bea", "Rex", "AF point", "Carl"]
    # The name taken off: the region goes, as digiKam writes only the faces with a name.
    assert run(capsys, "face", str(photo), _santa(capsys, photo), "")[0] == 0
    out = _write(capsys, photo, "--embed")
    assert "1 face region taken out" in out
    assert _regions(photo)["RegionList"] == THEIRS
    # Scanned again, no name comes back from the file: the user's decisions stand.
    _scan(pics, engine, face_finder)
    assert _people(capsys, photo) == ["People (keywords)/Bea"]
    faces = _shown(capsys, photo)["faces"]
    assert [f["name"] for f in faces if f["found_by_detector"]] == [None]
    before = photo.read_bytes()
    out = _write(capsys, photo, "--embed")
    assert "written into 0 photos" in out and "face region" not in out
    assert photo.read_bytes() == before
    # Bea (the other program's) rejected: her region goes too; Rex and the focus area stay.
    assert run(capsys, "label", "--reject", "People (keywords)/Bea", str(photo))[0] == 0
    out = _write(capsys, photo, "--embed")
    assert "1 face region taken out" in out
    assert _regions(photo)["RegionList"] == THEIRS[1:]
    _scan(pics, engine, face_finder)
    assert _people(capsys, photo) == []


def test_a_face_digikam_named_is_renamed_in_both_its_regions(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # digiKam wrote Anna on Santa's face twice: in mwg-rs and in Windows Photo Gallery's MP.
    x, y, w, h = STORED_FACE
    centre = {"X": round(x + w / 2, 3), "Y": round(y + h / 2, 3), "W": w, "H": h}
    anna = {"Area": {**centre, "Unit": "normalized"}, "Type": "Face", "Name": "Anna"}
    rectangle = f"{x}, {y}, {w}, {h}"
    mp = "{Regions=[{PersonDisplayName=Anna,Rectangle=%s}]}" % rectangle.replace(",", "|,")  # noqa: UP031
    pics = tmp_path / "pics"
    photo = _portrait(pics, engine, face_finder, [anna, *THEIRS], f"-XMP-MP:RegionInfoMP={mp}")
    index = _santa(capsys, photo)
    assert _shown(capsys, photo)["faces"][int(index) - 1]["name"] == "Anna"
    # Renamed here: both regions of the face carry the new name; no Anna is left to come back.
    assert run(capsys, "face", str(photo), index, "Dora")[0] == 0
    out = _write(capsys, photo, "--embed")
    assert "1 face region renamed" in out
    assert _regions(photo)["RegionList"] == [{**anna, "Name": "Dora"}, *THEIRS]
    assert _regions(photo, "RegionInfoMP") == {
        "Regions": [{"PersonDisplayName": "Dora", "Rectangle": rectangle}]
    }
    _scan(pics, engine, face_finder)
    assert _people(capsys, photo) == ["People (keywords)/Bea", "People (keywords)/Dora"]
    # The name taken off: the face leaves both schemes.
    assert run(capsys, "face", str(photo), _santa(capsys, photo), "")[0] == 0
    assert "1 face region taken out" in _write(capsys, photo, "--embed")
    assert _regions(photo)["RegionList"] == THEIRS
    assert _regions(photo, "RegionInfoMP") == {}
    _scan(pics, engine, face_finder)
    assert _people(capsys, photo) == ["People (keywords)/Bea"]


def test_a_heic_named_face_goes_to_its_sidecar_as_its_keywords_do(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import pillow_heif

    pillow_heif.register_heif_opener()
    pics = tmp_path / "pics"
    pics.mkdir()
    photo = pics / "santa.heic"
    Image.open(SANTA).save(photo, quality=90)
    _scan(pics, engine, face_finder)
    before = photo.read_bytes()
    assert run(capsys, "face", str(photo), _santa(capsys, photo), "Anna")[0] == 0
    # Asked to write into the photos: a HEIC cannot hold them, so its sidecar takes both.
    out = _write(capsys, photo, "--embed")
    assert "HEIC files are not written into" in out and "1 face region added" in out
    assert photo.read_bytes() == before
    sidecar = pics / "santa.heic.xmp"
    (anna,) = _regions(sidecar)["RegionList"]
    assert (anna["Name"], anna["Type"]) == ("Anna", "Face")
    _scan(pics, engine, face_finder)
    assert _people(capsys, photo) == ["People (keywords)/Anna"]
    assert [f["name"] for f in _shown(capsys, photo)["faces"]] == ["Anna"]


def test_a_rejected_persons_only_region_leaves_the_sidecar_read_over_the_photo(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # The photo's one region names Bea; the keywords go to a sidecar, read over the photo.
    pics = tmp_path / "pics"
    photo = _portrait(pics, engine, face_finder, THEIRS[:1])
    before = photo.read_bytes()
    assert run(capsys, "label", "--reject", "People (keywords)/Bea", str(photo))[0] == 0
    out = _write(capsys, photo, "--sidecar")
    assert "1 face region taken out" in out
    # The sidecar says the photo has no region: an empty list, not none (the photo's own would
    # be read instead, Bea with it); the photo is untouched.
    sidecar = pics / "portrait.jpg.xmp"
    assert not _regions(sidecar).get("RegionList")
    assert _exiv2_names(sidecar) == []
    assert photo.read_bytes() == before
    _scan(pics, engine, face_finder)
    shown = _shown(capsys, photo)
    assert [f["name"] for f in shown["faces"]] == [None]
    assert shown["face_regions"] == []
    out = _write(capsys, photo, "--sidecar")
    assert "face region" not in out


def test_a_rejected_tag_of_another_tree_or_a_pet_takes_its_region_out(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """digiKam keeps a face tag anywhere in its tree ('Family/Anna', written beside her region):
    rejected here, it takes her name off the face (face_marks.name_tag), and now her region out
    of the file too, where only a rejected 'People (keywords)/Anna' did; a rejected 'Pets/Rex'
    takes the pet's region out as well. Bea and the focus area stay."""
    pics = tmp_path / "pics"
    family = ("-XMP-digiKam:TagsList=Family/Anna", "-XMP-lr:HierarchicalSubject=Family|Anna")
    photo = _portrait(pics, engine, face_finder, [_ANNA, *THEIRS], *family)
    tags = {t["name"]: t["state"] for t in _shown(capsys, photo)["tags"]}
    assert tags["Family/Anna"] == tags["Pets/Rex"] == "from file"
    assert "People (keywords)/Anna" not in tags
    for tag in ("Family/Anna", "Pets/Rex"):
        assert run(capsys, "label", "--reject", tag, str(photo))[0] == 0
    faces = _shown(capsys, photo)["faces"]
    assert [(f["name"], f["taken_off"]) for f in faces if f["taken_off"]] == [
        (None, "Anna"),
        (None, "Rex"),
    ]
    out = _write(capsys, photo, "--embed")
    assert "2 face regions taken out" in out, out
    assert _regions(photo)["RegionList"] == [THEIRS[0], THEIRS[2]]
    # Scanned again: neither comes back from the file.
    _scan(pics, engine, face_finder)
    names = [f["name"] or f["taken_off"] for f in _shown(capsys, photo)["faces"]]
    assert "Anna" not in names and "Rex" not in names
    assert "face region" not in _write(capsys, photo, "--embed")


def test_a_face_named_here_is_written_in_mp_too_as_digikam_does(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """digiKam writes each face it names twice, in mwg-rs and in Windows Photo Gallery's
    MP:RegionInfo (DMetadata::setItemFacesMap), and Windows' Photos reads the MP one: a face
    named here went into mwg-rs alone. It goes into both now, the MP region's Rectangle
    "left, top, width, height" of the stored pixels; renamed and taken off in both."""
    pics, photo = _named_portrait(tmp_path, engine, face_finder, capsys)
    out = _write(capsys, photo, "--embed")
    assert "1 face region added" in out, out
    (mp,) = _regions(photo, "RegionInfoMP")["Regions"]
    assert mp["PersonDisplayName"] == "Anna"
    rectangle = [float(v) for v in mp["Rectangle"].split(",")]
    assert rectangle == pytest.approx(list(STORED_FACE), abs=0.01)
    # Read back: one Anna, one face, named in both schemes.
    _scan(pics, engine, face_finder)
    assert _people(capsys, photo) == ["People (keywords)/Anna", "People (keywords)/Bea"]
    shown = _shown(capsys, photo)
    assert [f["name"] for f in shown["faces"] if f["found_by_detector"]] == ["Anna"]
    assert [(r["name"], r["scheme"]) for r in shown["face_regions"] if r["name"] == "Anna"] == [
        ("Anna", "mwg"),
        ("Anna", "mp"),
    ]
    assert "face region" not in _write(capsys, photo, "--embed")
    # Renamed and taken off: both regions follow.
    assert run(capsys, "face", str(photo), _santa(capsys, photo), "Carl")[0] == 0
    assert "1 face region renamed" in _write(capsys, photo, "--embed")
    assert [r["PersonDisplayName"] for r in _regions(photo, "RegionInfoMP")["Regions"]] == ["Carl"]
    assert run(capsys, "face", str(photo), _santa(capsys, photo), "")[0] == 0
    assert "1 face region taken out" in _write(capsys, photo, "--embed")
    assert _regions(photo, "RegionInfoMP") == {}
    assert _regions(photo)["RegionList"] == THEIRS


def test_a_face_only_mp_marks_is_renamed_there_not_added_twice(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Windows Live Photo Gallery writes MP:RegionInfo alone: Anna on Santa's face in MP, no
    mwg-rs region over it. Renamed Bea here, the write renamed MP's Anna and also added the face
    to every scheme as new (no mwg-rs region marked it): MP then held Bea twice ("1 face region
    added, 1 renamed"). Now the MP region is renamed and nothing is added."""
    x, y, w, h = STORED_FACE
    rectangle = f"{x}, {y}, {w}, {h}"
    mp = "{Regions=[{PersonDisplayName=Anna,Rectangle=%s}]}" % rectangle.replace(",", "|,")  # noqa: UP031
    pics = tmp_path / "pics"
    photo = _portrait(pics, engine, face_finder, THEIRS, f"-XMP-MP:RegionInfoMP={mp}")
    index = _santa(capsys, photo)
    assert _shown(capsys, photo)["faces"][int(index) - 1]["name"] == "Anna"
    assert run(capsys, "face", str(photo), index, "Dora")[0] == 0
    out = _write(capsys, photo, "--embed")
    assert "1 face region renamed" in out, out
    assert "face region added" not in out, out
    assert _regions(photo, "RegionInfoMP") == {
        "Regions": [{"PersonDisplayName": "Dora", "Rectangle": rectangle}]
    }
    assert _regions(photo)["RegionList"] == THEIRS
    _scan(pics, engine, face_finder)
    assert _people(capsys, photo) == ["People (keywords)/Bea", "People (keywords)/Dora"]
    assert "face region" not in _write(capsys, photo, "--embed")


def test_a_renamed_pet_stays_a_pet_in_its_tags_and_its_region(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Naming the dog the file calls Rex "Max" (`phototagger face`) gave the photo the person
    tag 'People (keywords)/Max' and took 'Pets/Rex' off, and the keyword write took the Pet
    region out and added a Face region "Max" at the dog's box: the pet became a person. Its
    tag is now 'Pets/Max' and the write renames the Pet region, its Type kept."""
    pics = tmp_path / "pics"
    photo = _portrait(pics, engine, face_finder)
    faces = _shown(capsys, photo)["faces"]
    rex = next(i for i, f in enumerate(faces, 1) if f["name"] == "Rex")
    assert faces[rex - 1]["kind"] == "pet"
    assert run(capsys, "face", str(photo), str(rex), "Max")[0] == 0
    tags = {t["name"]: t["state"] for t in _shown(capsys, photo)["tags"]}
    assert tags.get("Pets/Max") == "added", tags
    assert "People (keywords)/Max" not in tags
    assert tags.get("Pets/Rex") in (None, "rejected")
    assert [(f["name"], f["kind"]) for f in _shown(capsys, photo)["faces"] if f["name"]] == [
        ("Max", "pet"),
        ("Bea", "face"),
    ]
    out = _write(capsys, photo, "--embed")
    assert out.rstrip().endswith("keyword added, 0 removed; 1 face region renamed"), out
    listed = _regions(photo)["RegionList"]
    assert [(r["Type"], r["Name"]) for r in listed] == [
        ("Face", "Bea"),
        ("Pet", "Max"),
        ("Focus", "AF point"),
    ]
    assert listed[1]["Area"] == THEIRS[1]["Area"]
    assert "face region" not in _write(capsys, photo, "--embed")  # a second write: nothing


def test_a_pets_name_taken_off_here_leaves_its_region(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The dog the file calls Rex, named "Max" here and written, then its name taken off
    (`phototagger face PATH N ''`): the next write kept the Pet region "Max" (the names taken off
    here matched Face regions only). The Pet region Max goes; Bea and the focus area stay."""
    pics = tmp_path / "pics"
    photo = _portrait(pics, engine, face_finder)
    faces = _shown(capsys, photo)["faces"]
    rex = next(i for i, f in enumerate(faces, 1) if f["name"] == "Rex")
    assert run(capsys, "face", str(photo), str(rex), "Max")[0] == 0
    assert "1 face region renamed" in _write(capsys, photo, "--embed")
    faces = _shown(capsys, photo)["faces"]
    max_ = next(i for i, f in enumerate(faces, 1) if f["name"] == "Max")
    assert run(capsys, "face", str(photo), str(max_), "")[0] == 0
    # Written, the name is the file's too: taken off, it is a "no" (faces39), drawn so.
    shown = _shown(capsys, photo)
    assert {t["name"]: t["state"] for t in shown["tags"]}["Pets/Max"] == "rejected"
    assert [(f["kind"], f["taken_off"]) for f in shown["faces"] if f["taken_off"]] == [
        ("pet", "Max")
    ]
    out = _write(capsys, photo, "--embed")
    assert "1 face region taken out" in out, out
    listed = _regions(photo)["RegionList"]
    assert [(r["Type"], r["Name"]) for r in listed] == [("Face", "Bea"), ("Focus", "AF point")]
    assert "face region" not in _write(capsys, photo, "--embed")  # a second write: nothing


def test_a_rejected_top_level_person_keyword_takes_its_region_out(
    engine: Any, face_finder: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Lightroom keeps a person as a top-level keyword ('Anna', written beside her region):
    rejected here, the viewer drew her face taken off (face_marks.name_tag) but the keyword
    write kept her region (it looked only at rejected tags of two levels or more). One rule
    says both now (face_marks.rejected_people): her region goes; Bea, Rex and the focus area
    stay."""
    lightroom = ("-XMP-dc:Subject=Anna", "-XMP-lr:HierarchicalSubject=Anna")
    photo = _portrait(tmp_path / "pics", engine, face_finder, [_ANNA, *THEIRS], *lightroom)
    tags = {t["name"]: t["state"] for t in _shown(capsys, photo)["tags"]}
    assert tags["Anna"] == "from file", tags
    assert "People (keywords)/Anna" not in tags
    assert run(capsys, "label", "--reject", "Anna", str(photo))[0] == 0
    faces = _shown(capsys, photo)["faces"]
    assert [(f["name"], f["taken_off"]) for f in faces if f["taken_off"]] == [(None, "Anna")]
    out = _write(capsys, photo, "--embed")
    assert "1 face region taken out" in out, out
    assert _regions(photo)["RegionList"] == THEIRS
    assert "face region" not in _write(capsys, photo, "--embed")
