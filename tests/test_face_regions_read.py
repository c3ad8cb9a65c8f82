"""Names other programs gave to faces, as XMP face regions, were lost: phototagger kept the
regions when it wrote a file but never read them. digiKam, Lightroom Classic, Picasa, darktable
and Immich write the Metadata Working Group's mwg-rs:Regions; Windows Live Photo Gallery (and
digiKam) Microsoft's MP:RegionInfo, often with no keyword for the name. A named face now gives
the photo the tag a People keyword of that name gives ('People (keywords)/Anna'), a named pet
'Pets/Rex', as a tag from the file: read again when the file changes, taken off when the region
goes, a user's rejection kept. Files made with exiftool as each program writes them; real
det-photos, a real SQLite library."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from phototagger.core.metadata.job import write_keywords
from phototagger.core.metadata.sync import REGIONS_CODE, sync_file_metadata
from phototagger.core.metadata.write import TARGET_EMBED, WriteOptions
from phototagger.core.problem_files import grouped
from phototagger.store.file_metadata import file_record
from phototagger.store.photos import update_photo
from phototagger.store.problems import list_problems
from phototagger.store.tags import add_user_tag, reject_tag, remove_tag
from tests.exiftool_process import exiftool as run_exiftool
from tests.keyword_readers import exiftool_set_struct, exiv2_set
from tests.store_helpers import DET, add_photo, det_photos_added, tag_states

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool makes files")

ANNA = "People (keywords)/Anna"


def mwg(*regions: str) -> str:
    """exiftool's assignment of an mwg-rs:RegionInfo with these RegionList items."""
    return (
        "-XMP-mwg-rs:RegionInfo={AppliedToDimensions={W=500,H=375,Unit=pixel},"
        f"RegionList=[{','.join(regions)}]}}"
    )


def face(x: float, y: float, name: str | None = None, kind: str = "Face") -> str:
    named = f",Name={name}" if name is not None else ""
    return f"{{Area={{X={x},Y={y},W=0.1,H=0.12,Unit=normalized}},Type={kind}{named}}}"


# Anna, an unnamed face and Rex the dog as digiKam writes them (mwg-rs), and Anna as Windows
# Photo Gallery does (MP): both schemes in one file, as digiKam keeps them.
BOTH_SCHEMES = (
    mwg(face(0.3, 0.4, "Anna"), face(0.6, 0.4), face(0.8, 0.7, "Rex", "Pet")),
    "-XMP-MP:RegionInfoMP={Regions=[{PersonDisplayName=Anna,Rectangle=0.25|, 0.34|, 0.1|, 0.12}]}",
)


def det_copy(dest: Path) -> Path:
    """A det-photo copied to `dest` (its folder made), writable: the shared copies are not."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    photo = Path(shutil.copy(sorted(DET.glob("*.jpg"))[0], dest))
    photo.chmod(0o644)
    return photo


def regions_seen_by_exiftool(path: Path) -> object:
    out = run_exiftool(
        "-j", "-struct", "-XMP-mwg-rs:RegionInfo", "-XMP-MP:RegionInfoMP", str(path)
    ).stdout
    found = json.loads(out)[0]
    found.pop("SourceFile")
    return found


def changed(db, photo_id: int, path: Path) -> None:
    """As another program's save leaves it (a later mtime), and as the scan then finds it."""
    st = path.stat()
    os.utime(path, (st.st_atime + 10, st.st_mtime + 10))
    update_photo(db, photo_id, size=st.st_size, mtime=st.st_mtime + 10)


def test_digikam_regions_in_the_jpeg_name_people_and_pets(db, tmp_path: Path) -> None:
    [(pid, photo)] = det_photos_added(db, tmp_path / "lib", 1)
    exiftool_set_struct(
        photo,
        mwg(
            face(0.3, 0.4, "Anna"),
            face(0.6, 0.4),  # a face nobody named
            face(0.8, 0.7, "Rex", "Pet"),  # Immich, Lightroom: a pet
            face(0.1, 0.2, "Zoë Ångström"),
            face(0.45, 0.8, "Anna"),  # Anna again: a mirror, a photo in the photo
            face(0.5, 0.5, "Focus point", "Focus"),  # a camera's focus area: nobody
        ),
    )
    summary = sync_file_metadata(db, [str(tmp_path)])
    assert tag_states(db, pid) == {
        ANNA: "file",
        "Pets/Rex": "file",
        "People (keywords)/Zoë Ångström": "file",
    }
    assert summary.keywords_added == 3
    record = file_record(db, pid)
    assert record is not None and record.keywords == ()  # no keyword: the regions gave them
    assert [(r["name"], r["kind"], r["tag"]) for r in record.regions] == [
        ("Anna", "face", ANNA),
        (None, "face", None),
        ("Rex", "pet", "Pets/Rex"),
        ("Zoë Ångström", "face", "People (keywords)/Zoë Ångström"),
        ("Anna", "face", ANNA),
        ("Focus point", "focus", None),
    ]
    # The box, top-left and size as fractions of the photo (MWG gives the centre).
    assert record.regions[0]["box"] == [0.25, 0.34, 0.1, 0.12]
    assert record.regions[0]["scheme"] == "mwg"
    assert list_problems(db) == []


def test_windows_photo_gallery_regions(db, tmp_path: Path) -> None:
    [(pid, photo)] = det_photos_added(db, tmp_path / "lib", 1)
    exiftool_set_struct(
        photo,
        "-XMP-MP:RegionInfoMP={Regions=[{PersonDisplayName=Bob,Rectangle=0.1|, 0.2|, 0.3|, 0.4},"
        "{Rectangle=0.5|, 0.5|, 0.1|, 0.1}]}",
    )
    sync_file_metadata(db, [str(tmp_path)])
    assert tag_states(db, pid) == {"People (keywords)/Bob": "file"}
    record = file_record(db, pid)
    assert record is not None
    assert [(r["name"], r["box"], r["scheme"]) for r in record.regions] == [
        ("Bob", [0.1, 0.2, 0.3, 0.4], "mp"),
        (None, [0.5, 0.5, 0.1, 0.1], "mp"),
    ]


@pytest.mark.parametrize("naming", ["{name}.xmp", "{stem}.xmp"])  # digiKam's, Lightroom's
def test_regions_in_a_sidecar(db, tmp_path: Path, naming: str) -> None:
    [(pid, photo)] = det_photos_added(db, tmp_path / "lib", 1)
    sidecar = photo.with_name(naming.format(name=photo.name, stem=photo.stem))
    exiftool_set_struct(
        sidecar, mwg(face(0.3, 0.4, "Anna")), "-XMP-lr:HierarchicalSubject=Places|Oslo"
    )
    sync_file_metadata(db, [str(tmp_path)])
    assert tag_states(db, pid) == {ANNA: "file", "Places/Oslo": "file"}


def test_a_raw_named_in_its_sidecar_only(db, tmp_path: Path) -> None:
    """A RAW (never written into: darktable and Lightroom keep its XMP in a sidecar)."""
    raw = Path(shutil.copy(Path(__file__).parent / "data" / "canon_eos_6d.dng", tmp_path))
    raw.chmod(0o644)
    st = raw.stat()
    pid = add_photo(db, str(raw), size=st.st_size, mtime=st.st_mtime)
    exiftool_set_struct(raw.with_name(raw.name + ".xmp"), mwg(face(0.5, 0.5, "Anna")))
    sync_file_metadata(db, [str(tmp_path)])
    assert tag_states(db, pid) == {ANNA: "file"}


def test_a_name_also_in_a_people_keyword_is_one_tag(db, tmp_path: Path) -> None:
    """digiKam writes People/Anna into its keyword fields beside Anna's region; Lightroom a
    person keyword, flat ('Bea'), beside hers."""
    (a, first), (b, second) = det_photos_added(db, tmp_path / "lib", 2)
    exiftool_set_struct(
        first,
        mwg(face(0.3, 0.4, "Anna")),
        "-XMP-digiKam:TagsList=People/Anna",
        "-XMP-lr:HierarchicalSubject=People|Anna",
        "-XMP-dc:Subject=Anna",
    )
    exiftool_set_struct(second, mwg(face(0.3, 0.4, "Bea")), "-XMP-dc:Subject=Bea")
    sync_file_metadata(db, [str(tmp_path)])
    assert tag_states(db, a) == {ANNA: "file"}
    assert tag_states(db, b) == {"Bea": "file"}


def test_a_region_edited_or_removed_elsewhere_and_a_rejection(db, tmp_path: Path) -> None:
    (a, first), (b, second) = det_photos_added(db, tmp_path / "lib", 2)
    exiftool_set_struct(first, mwg(face(0.3, 0.4, "Anna"), face(0.6, 0.4, "Carl")))
    exiftool_set_struct(second, mwg(face(0.3, 0.4, "Anna")))
    sync_file_metadata(db, [str(tmp_path)])
    assert tag_states(db, a) == {ANNA: "file", "People (keywords)/Carl": "file"}
    reject_tag(db, b, ANNA)  # the user says it is not Anna

    # digiKam: Carl's face renamed Dora; Anna's region taken out of the second photo and put
    # back: the user's "no" stands, as it does for a keyword.
    exiftool_set_struct(first, mwg(face(0.3, 0.4, "Anna"), face(0.6, 0.4, "Dora")))
    exiftool_set_struct(second, mwg(face(0.3, 0.4, "Anna"), face(0.6, 0.4, "Eve")))
    changed(db, a, first)
    changed(db, b, second)
    sync_file_metadata(db, [str(tmp_path)])
    assert tag_states(db, a) == {ANNA: "file", "People (keywords)/Dora": "file"}
    assert tag_states(db, b) == {ANNA: "rejected", "People (keywords)/Eve": "file"}

    # Every region deleted: their tags go, as a keyword taken out goes.
    exiftool_set_struct(first, "-XMP-mwg-rs:RegionInfo=")
    changed(db, a, first)
    summary = sync_file_metadata(db, [str(tmp_path)])
    assert summary.keywords_removed == 2
    assert tag_states(db, a) == {}


def test_a_malformed_region_is_said_and_the_rest_read(db, tmp_path: Path) -> None:
    [(pid, photo)] = det_photos_added(db, tmp_path / "lib", 1)
    exiftool_set_struct(
        photo,
        "-XMP-mwg-rs:RegionInfo={RegionList=[{Area={X=abc,Y=0.4,W=0.1,H=0.1,Unit=normalized},"
        "Type=Face,Name=Anna},{Area={X=0.5,Y=0.5,W=0.1,H=0.1,Unit=normalized},Type=Face,"
        "Name=Bea}]}",
        "-XMP-dc:Subject=holiday",
    )
    # exiftool leaves out an x that is no number; another program may write it.
    exiv2_set(photo, "set Xmp.mwg-rs.Regions/mwg-rs:RegionList[2]/mwg-rs:Area/stArea:w wide")
    sync_file_metadata(db, [str(tmp_path)])
    assert tag_states(db, pid) == {
        "holiday": "file",
        ANNA: "file",
        "People (keywords)/Bea": "file",
    }
    [problem] = list_problems(db)
    assert (problem.path, problem.code) == (str(photo), REGIONS_CODE)
    assert problem.message == (
        "face region 1 ('Anna') of mwg-rs:Regions in the photo: its area (no x, y='0.4', "
        "w='0.1', h='0.1') is not four numbers; its box is left out; face region 2 ('Bea') of "
        "mwg-rs:Regions in the photo: its area (x='0.5', y='0.5', w='wide', h='0.1') is not "
        "four numbers; its box is left out"
    )
    record = file_record(db, pid)
    assert record is not None and [r["box"] for r in record.regions] == [None, None]
    # Problems lists it apart from files that could not be read.
    [(heading, [listed])] = grouped(list_problems(db), set())
    assert heading == (
        "1 photo: a face region in its file could not be read whole (the names were read, "
        "those boxes left out; each row says which region)"
    )

    # Mended in the other program: no longer a problem.
    exiftool_set_struct(photo, mwg(face(0.3, 0.4, "Anna"), face(0.5, 0.5, "Bea")))
    changed(db, pid, photo)
    sync_file_metadata(db, [str(tmp_path)])
    assert list_problems(db) == []


@pytest.mark.parametrize("target", ["sidecar", TARGET_EMBED])
def test_a_keyword_write_keeps_the_regions_and_writes_no_region_name(
    db, tmp_path: Path, target: str
) -> None:
    """A person tag the user adds is written as a keyword, as ever; the regions stay as they
    were (exiftool reads the same), and a name only a region gave is not copied into keywords:
    it would outlive the region, taken out in the other program."""
    [(pid, photo)] = det_photos_added(db, tmp_path / "lib", 1)
    exiftool_set_struct(
        photo,
        *BOTH_SCHEMES,
    )
    before = regions_seen_by_exiftool(photo)
    sync_file_metadata(db, [str(tmp_path)])
    add_user_tag(db, pid, "People (keywords)/Carl")
    summary = write_keywords(db, [pid], WriteOptions(target=target))
    assert summary.keywords_added == 1
    written = photo if target == TARGET_EMBED else photo.with_name(photo.name + ".xmp")
    assert regions_seen_by_exiftool(photo) == before
    out = run_exiftool("-j", "-XMP-lr:HierarchicalSubject", "-XMP-dc:Subject", str(written)).stdout
    keywords = json.loads(out)[0]
    assert keywords["HierarchicalSubject"] == "People|Carl"
    assert "Anna" not in json.dumps(keywords) and "Rex" not in json.dumps(keywords)
    # Read back: the regions' tags stay, the user's own is there, nothing doubled.
    sync_file_metadata(db, [str(tmp_path)])
    assert tag_states(db, pid) == {
        ANNA: "file",
        "Pets/Rex": "file",
        "People (keywords)/Carl": "added",
    }


def test_the_details_panel_says_a_name_came_from_a_face(qtbot, tmp_path: Path) -> None:
    """The app's details panel: a tag only a face region gave reads "named on a face in the
    file"; rejected, that the file still names the face (as it says of a kept keyword)."""
    from phototagger.core.library import open_library
    from phototagger.paths import default_home
    from tests.gui_helpers import open_window, settle

    with open_library(default_home()) as lib:
        [(pid, photo)] = det_photos_added(lib.db, tmp_path / "lib", 1)
        exiftool_set_struct(
            photo, mwg(face(0.3, 0.4, "Anna"), face(0.6, 0.4, "Carl")), "-XMP-dc:Subject=Bea"
        )
        sync_file_metadata(lib.db, [str(tmp_path / "lib")])
    window = open_window(qtbot, None, tmp_path)
    window.grid.go_to_row(0)
    settle(qtbot, window)
    window.decide([pid], "People (keywords)/Carl", "reject")
    settle(qtbot, window)
    rows = {r.entry.name: r.entry for r in window.details.tags.rows}
    assert rows[ANNA].source == "named on a face in the file"
    assert rows["Bea"].source == "from the file's keywords"
    carl = rows["People (keywords)/Carl"]
    assert (carl.source, carl.origin) == (
        "you rejected it",
        "still named on a face in the file: remove the name in digiKam or Lightroom",
    )


def test_tags_export_and_metadata_read_show_them(capsys, tmp_path: Path) -> None:
    from phototagger.core.library import open_library
    from phototagger.paths import default_home
    from tests.cli_helpers import run

    with open_library(default_home()) as lib:
        [(_, photo)] = det_photos_added(lib.db, tmp_path / "lib", 1)
        exiftool_set_struct(
            photo, mwg(face(0.3, 0.4, "Anna"), face(0.6, 0.4)), "-XMP-dc:Subject=Bea"
        )
        sync_file_metadata(lib.db, [str(tmp_path / "lib")])
    code, out, _ = run(capsys, "tags", str(photo))
    assert code == 0
    assert [" ".join(line.split()) for line in out.splitlines()[1:]] == [
        "Bea - user from file",
        "People (keywords)/Anna - user from file (face region)",
        # The faces the regions mark, Anna's and an unnamed one (the detector has not looked at
        # the photo yet).
        "faces: not looked for by the detector yet, 1 named in the file, 1 unnamed in the file",
        "Anna named in the file (mwg-rs:Regions)",
        "(no name) unnamed in the file (mwg-rs:Regions)",
    ]
    regions = [
        {
            "name": "Anna",
            "kind": "face",
            "box": [0.25, 0.34, 0.1, 0.12],
            "scheme": "mwg",
            "tag": ANNA,
        },
        {
            "name": None,
            "kind": "face",
            "box": [0.55, 0.34, 0.1, 0.12],
            "scheme": "mwg",
            "tag": None,
        },
    ]
    code, out, _ = run(capsys, "tags", "--json", str(photo))
    assert json.loads(out)["face_regions"] == regions
    code, out, _ = run(capsys, "export", "--json")
    [exported] = json.loads(out)
    assert exported["face_regions"] == regions
    assert {t["name"]: t["state"] for t in exported["tags"]} == {
        ANNA: "from file",
        "Bea": "from file",
    }
    code, out, _ = run(capsys, "metadata", "read", str(photo))
    assert out.splitlines()[1:] == [
        "  keywords: Bea",
        "  face regions: Anna (face), 1 unnamed face",
    ]


def test_heic_regions_in_the_photo_and_in_its_sidecar(db, tmp_path: Path) -> None:
    """Apple Photos exports and phones: a HEIC with its regions inside (exiftool writes them
    where libexiv2 does not find them: read through libheif, as its keywords are), and one
    named in its sidecar only, as digiKam keeps a HEIC's."""
    from tests.media_factory import heic_photo

    inside = heic_photo(tmp_path / "IMG_0001.HEIC")
    beside = heic_photo(tmp_path / "IMG_0002.HEIC")
    exiftool_set_struct(inside, mwg(face(0.5, 0.4, "Anna")))
    exiftool_set_struct(beside.with_name(beside.name + ".xmp"), mwg(face(0.5, 0.4, "Bea")))
    ids = []
    for photo in (inside, beside):
        st = photo.stat()
        ids.append(add_photo(db, str(photo), size=st.st_size, mtime=st.st_mtime))
    sync_file_metadata(db, [str(tmp_path)])
    assert tag_states(db, ids[0]) == {ANNA: "file"}
    assert tag_states(db, ids[1]) == {"People (keywords)/Bea": "file"}


def test_a_write_into_a_sidecar_keeps_its_regions(db, tmp_path: Path) -> None:
    """digiKam's sidecar holds the faces; phototagger writes a keyword into it, then takes it
    out again (exiv2 rebuilds the packet that way): exiftool reads the same regions each time."""
    [(pid, photo)] = det_photos_added(db, tmp_path / "lib", 1)
    sidecar = photo.with_name(photo.name + ".xmp")
    exiftool_set_struct(
        sidecar,
        *BOTH_SCHEMES,
        "-XMP-digiKam:TagsList=Places/Oslo",
    )
    before = regions_seen_by_exiftool(sidecar)
    assert before["RegionInfo"]["RegionList"][0]["Name"] == "Anna"  # type: ignore[index]
    sync_file_metadata(db, [str(tmp_path)])
    add_user_tag(db, pid, "holiday")
    assert write_keywords(db, [pid], WriteOptions()).keywords_added == 1
    assert regions_seen_by_exiftool(sidecar) == before
    remove_tag(db, pid, "holiday")
    assert write_keywords(db, [pid], WriteOptions()).keywords_removed == 1
    assert regions_seen_by_exiftool(sidecar) == before
    sync_file_metadata(db, [str(tmp_path)])
    assert tag_states(db, pid) == {ANNA: "file", "Pets/Rex": "file", "Places/Oslo": "file"}


def test_a_library_read_before_reads_the_regions_after_its_upgrade(tmp_path: Path) -> None:
    """A library whose photos were read by a phototagger that did not read regions: the
    upgrade has their files read again on the next scan, and the names come in."""
    from phototagger.store import migrations
    from phototagger.store.connection import open_database
    from tests.store_helpers import library_at_version, todays_file_records

    path = tmp_path / "library.db"
    old = library_at_version(path, 22)
    [(pid, photo)] = det_photos_added(old, tmp_path / "lib", 1)
    with todays_file_records(old):
        sync_file_metadata(old, [str(tmp_path / "lib")])  # no region in the file yet
    # The regions were there all along for that phototagger: the file as the library knew it.
    st = photo.stat()
    exiftool_set_struct(photo, mwg(face(0.3, 0.4, "Anna")))
    os.utime(photo, (st.st_atime, st.st_mtime))
    update_photo(old, pid, size=photo.stat().st_size, mtime=st.st_mtime)
    with todays_file_records(old):
        old.execute(
            "UPDATE photo_file_metadata SET photo_size = ? WHERE photo_id = ?",
            [photo.stat().st_size, pid],
        )
        assert sync_file_metadata(old, [str(tmp_path / "lib")]).read == 0
    old.close()
    db = open_database(path)
    try:
        assert migrations.user_version(db) == migrations.LATEST_VERSION
        assert sync_file_metadata(db, [str(tmp_path / "lib")]).read == 1
        assert tag_states(db, pid) == {ANNA: "file"}
    finally:
        db.close()


def test_a_new_sidecar_carries_the_photos_regions(db, tmp_path: Path) -> None:
    """digiKam reads a photo's XMP from its sidecar once there is one: a sidecar phototagger
    made for a keyword hid the faces named in the photo from it. A new sidecar now starts with
    them, as it does with the rating; the photo keeps its own."""
    [(pid, photo)] = det_photos_added(db, tmp_path / "lib", 1)
    exiftool_set_struct(
        photo,
        *BOTH_SCHEMES,
        "-XMP-xmp:Rating=3",
    )
    in_photo = regions_seen_by_exiftool(photo)
    sync_file_metadata(db, [str(tmp_path)])
    add_user_tag(db, pid, "holiday")
    write_keywords(db, [pid], WriteOptions())
    sidecar = photo.with_name(photo.name + ".xmp")
    assert regions_seen_by_exiftool(sidecar) == in_photo
    assert regions_seen_by_exiftool(photo) == in_photo
    sync_file_metadata(db, [str(tmp_path)])
    assert tag_states(db, pid) == {ANNA: "file", "Pets/Rex": "file", "holiday": "added"}


def test_a_sidecar_carried_along_keeps_its_own_regions(tmp_path: Path) -> None:
    """A photo moved away from its sidecar, which named Bea: the new sidecar beside it starts
    as a copy of that one (left_sidecars), its face list whole, none of the photo's mixed in."""
    from phototagger.core.metadata.write import write_photo

    photo = det_copy(tmp_path / "b" / "beach.jpg")
    exiftool_set_struct(photo, *BOTH_SCHEMES)
    left = tmp_path / "a" / "photo.jpg.xmp"
    left.parent.mkdir()
    exiftool_set_struct(left, mwg(face(0.5, 0.5, "Bea")))
    theirs = regions_seen_by_exiftool(left)
    result = write_photo(photo, [("holiday",)], set(), WriteOptions(), left=left)
    assert result.carried_from == left and result.target == photo.with_name("beach.jpg.xmp")
    assert regions_seen_by_exiftool(result.target) == theirs


def test_a_scan_says_a_region_it_could_not_read_whole(
    scans_with_engine: object, tmp_path: Path, capsys
) -> None:
    """`scan` read the file, its keywords and its names: no failure (exit 0), but a note that
    points to Problems, where the region is named."""
    from tests.cli_helpers import run

    pics = tmp_path / "pics"
    photo = det_copy(pics / "a.jpg")
    exiftool_set_struct(
        photo,
        "-XMP-mwg-rs:RegionInfo={RegionList=[{Area={Y=0.4,W=0.1,H=0.1,Unit=normalized},"
        "Type=Face,Name=Anna}]}",
    )
    code, _, err = run(capsys, "scan", "--quiet", str(pics))
    assert code == 0
    assert err.splitlines()[-1] == (
        "phototagger: note: 1 photo has a face region that could not be read whole: the names "
        "were read, those boxes left out (see: phototagger problems)"
    )
    code, out, _ = run(capsys, "tags", str(photo))
    assert " ".join(out.splitlines()[1].split()) == f"{ANNA} - user from file (face region)"


def test_the_apps_scan_line_says_a_region_it_could_not_read_whole(qtbot, tmp_path: Path) -> None:
    from phototagger.core.scan import ScanSummary
    from tests.gui_helpers import open_window

    window = open_window(qtbot, None, tmp_path)
    done = ScanSummary(found=2, new=2, tagged=2, region_problems=1)
    window.job_control._scan_done(done)  # noqa: SLF001
    assert window.status.currentMessage() == (
        "Scan finished: 2 photos found, 2 new, 2 tagged, 1 photo has a face region that could "
        "not be read whole: the names were read, those boxes left out (File ▸ Problems)"
    )


# Apple Photos' export: each face's region carries Apple's own details in mwg-rs:Extensions,
# under a namespace of its own; and a region's extension in another language (German), as in
# exiftool's own test file XMP5.xmp.
APPLE_XMP = """<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:mwg-rs="http://www.metadataworkinggroup.com/schemas/regions/"
    xmlns:stArea="http://ns.adobe.com/xmp/sType/Area#"
    xmlns:stDim="http://ns.adobe.com/xap/1.0/sType/Dimensions#"
    xmlns:apple-fi="http://ns.apple.com/faceinfo/1.0/"
    xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/">
   <mwg-rs:Regions rdf:parseType="Resource">
    <mwg-rs:AppliedToDimensions stDim:w="500" stDim:h="375" stDim:unit="pixel"/>
    <mwg-rs:RegionList>
     <rdf:Bag>
      <rdf:li rdf:parseType="Resource">
       <mwg-rs:Name>Anna</mwg-rs:Name>
       <mwg-rs:Type>Face</mwg-rs:Type>
       <mwg-rs:Area stArea:x="0.3" stArea:y="0.4" stArea:w="0.1" stArea:h="0.12"
         stArea:unit="normalized"/>
       <mwg-rs:Extensions rdf:parseType="Resource">
        <apple-fi:FaceID>3</apple-fi:FaceID>
        <apple-fi:ConfidenceLevel>812</apple-fi:ConfidenceLevel>
        <xmpRights:UsageTerms>
         <rdf:Alt><rdf:li xml:lang="de">nur privat</rdf:li></rdf:Alt>
        </xmpRights:UsageTerms>
       </mwg-rs:Extensions>
      </rdf:li>
     </rdf:Bag>
    </mwg-rs:RegionList>
   </mwg-rs:Regions>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
"""


def test_regions_with_extensions_go_into_a_new_sidecar_whole(db, tmp_path: Path) -> None:
    """Regions holding more than the schemes' own fields are read, and a new sidecar takes them
    as they are: Apple's details, and the German text as German (read as text, it came back
    without its language)."""
    [(pid, photo)] = det_photos_added(db, tmp_path / "lib", 1)
    packet = tmp_path / "apple.xmp"
    packet.write_text(APPLE_XMP)
    exiftool_set_struct(photo, f"-xmp<={packet}")
    in_photo = regions_seen_by_exiftool(photo)
    sync_file_metadata(db, [str(tmp_path / "lib")])
    assert tag_states(db, pid) == {ANNA: "file"}
    add_user_tag(db, pid, "holiday")
    summary = write_keywords(db, [pid], WriteOptions())
    assert (summary.keywords_added, summary.problems) == (1, 0)
    assert json.dumps(in_photo).count("UsageTerms-de") == 1
    assert regions_seen_by_exiftool(photo.with_name(photo.name + ".xmp")) == in_photo
    assert regions_seen_by_exiftool(photo) == in_photo
    sync_file_metadata(db, [str(tmp_path / "lib")])
    assert tag_states(db, pid) == {ANNA: "file", "holiday": "added"}


def test_a_box_outside_the_photo_is_said(db, tmp_path: Path) -> None:
    """exiftool's own test file's region: w=8, h=8 and no unit (pixels, not fractions)."""
    [(pid, photo)] = det_photos_added(db, tmp_path / "lib", 1)
    exiftool_set_struct(
        photo,
        "-XMP-mwg-rs:RegionInfo={RegionList=[{Area={X=0,Y=0,W=8,H=8},Type=Face,Name=Anna}]}",
    )
    sync_file_metadata(db, [str(tmp_path / "lib")])
    assert tag_states(db, pid) == {ANNA: "file"}
    [problem] = list_problems(db)
    assert problem.message == (
        "face region 1 ('Anna') of mwg-rs:Regions in the photo: its area (x=0, y=0, w=8, h=8) "
        "does not lie within the photo (fractions of its width and height, 0 to 1); its box is "
        "left out"
    )
