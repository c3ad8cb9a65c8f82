"""A digiKam or Lightroom user who cleaned up a stock photo's keywords in phototagger (rejected
'pest' and 'hq1310' that the agency put into its IPTC and XMP) wrote the keywords and found them
all still there: phototagger removed only keywords it had written itself. Now, when the user asks
(`metadata write --remove-rejected`, Settings ▸ Keywords in files), a rejected tag goes from
every keyword field of the file and its sidecar, as the field spells it; in a hierarchy only its
own node, and in a flat field its leaf and the levels above it that no other tag needs
('Places' stays for Places|Oslo, 'Paris' for Texas|Paris). Nothing else in the file changes,
and without the option everything stays as before."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from phototagger.core.catalog import photo_at
from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.core.media import note_companions
from phototagger.core.metadata.job import write_keywords
from phototagger.core.metadata.settings import load_settings, save_settings
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.core.metadata.write import WriteOptions
from phototagger.paths import default_home
from phototagger.store.photos import add_folder
from tests.cli_helpers import run
from tests.exiftool_process import exiftool
from tests.gui_helpers import click_photo, open_window
from tests.gui_helpers import write_keywords as write_in_window
from tests.keyword_readers import (
    exiftool_keywords,
    exiftool_set,
    exiv2_iptc_keywords,
    exiv2_set,
    write_sidecar_tags,
)
from tests.media_factory import raw_photo
from tests.store_helpers import add_photo, tag_states

SETTING = "as set in Settings ▸ Keywords in files"  # why sidecars, in the status line

DET = Path("/work/shared/data/det-photos")
ISOPOD = DET / "n01990800_3901_isopod.jpg"  # IPTC and dc:subject: 'hq1310', ..., 'pest', ...
# Fields that tell two copies apart whatever was written into them (Photoshop's IPTCDigest
# follows the IPTC's MD5, CurrentIPTCDigest, where it did before the write).
_FILE_FACTS = {
    "SourceFile",
    "System:FileName",
    "System:FileSize",
    "File:CurrentIPTCDigest",
    "Photoshop:IPTCDigest",
}


def _in_library(db, photo: Path) -> int:
    st = photo.stat()
    return add_photo(db, str(photo), size=st.st_size, mtime=st.st_mtime)


def _everything(path: Path) -> dict[str, Any]:
    """Every tag exiftool reads in the file (duplicates too), but its name, size and times."""
    out = exiftool("-j", "-G1", "-a", "-s", "-charset", "iptc=UTF8", str(path)).stdout
    found = json.loads(out)[0]
    return {
        k: v for k, v in found.items() if k not in _FILE_FACTS and not k.startswith("System:File")
    }


def _stock_photos(folder: Path, names: list[str]) -> list[Path]:
    folder.mkdir()
    photos = [Path(shutil.copy(ISOPOD, folder / name)) for name in names]
    for photo in photos:
        photo.chmod(0o644)
    with open_library(default_home()) as library:
        add_folder(library.db, str(folder))
        for photo in photos:
            _in_library(library.db, photo)
        assert sync_file_metadata(library.db, [str(folder)]).read == len(photos)
        # Added too, so that every write changes the IPTC keywords: copies written with and
        # without the option then differ in nothing but the rejected keywords.
        label_paths(
            library.db, [str(p) for p in photos], add=["crustacean"], reject=["pest", "hq1310"]
        )
    return photos


def test_the_cli_removes_rejected_stock_keywords_only_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kept, cleaned = _stock_photos(tmp_path / "pics", ["kept.jpg", "cleaned.jpg"])
    original = exiftool_keywords(ISOPOD)
    mtime = cleaned.stat().st_mtime_ns

    # Without the option: as before, the agency's keywords stay, and the note says the way out.
    code, out, err = run(capsys, "metadata", "write", "--embed", "--quiet", str(kept))
    assert code == 0
    assert "0 removed; " in out.splitlines()[0], out  # the agency's others copied to TagsList
    assert "phototagger: note: 2 rejected tags stay in their files" in err
    assert "or write with --remove-rejected" in err
    assert exiftool_keywords(kept)["Iptc.Application2.Keywords"] == [
        *original["Iptc.Application2.Keywords"],
        "crustacean",
    ]

    code, out, err = run(
        capsys, "metadata", "write", "--embed", "--remove-rejected", "--quiet", str(cleaned)
    )
    assert (code, err) == (0, ""), err
    lines = out.splitlines()
    assert "; 1 keyword added, 2 removed; " in lines[0], out
    assert lines[1] == "phototagger: 2 rejected tags removed from the files"
    gone = [v for v in original["Iptc.Application2.Keywords"] if v not in ("pest", "hq1310")]
    gone.append("crustacean")
    fields = exiftool_keywords(cleaned)
    assert fields["Iptc.Application2.Keywords"] == gone  # the file's order kept
    assert fields["Xmp.dc.subject"] == gone
    assert exiv2_iptc_keywords(cleaned) == gone
    assert cleaned.stat().st_mtime_ns == mtime  # file times kept, as every write does
    assert not list(cleaned.parent.glob("*.phototagger-tmp"))  # the atomic write's temp gone

    # Nothing else differs from the copy written without the option: only the two keywords,
    # which the fields made by the write (digiKam's TagsList, Lightroom's hierarchicalSubject)
    # hold too where the file keeps them: digiKam reads TagsList first (polish34).
    a, b = _everything(kept), _everything(cleaned)
    differ = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
    made = ["XMP-digiKam:TagsList", "XMP-lr:HierarchicalSubject"]
    assert differ == sorted(["IPTC:Keywords", "XMP-dc:Subject", *made]), differ
    for key in ("IPTC:Keywords", *made):
        assert [v for v in a[key] if v not in ("pest", "hq1310")] == b[key], key

    # Read back: the rejections stand, no tag came or went; nothing more to do.
    with open_library(default_home()) as library:
        db = library.db
        pid = photo_at(db, str(cleaned)).id
        before = tag_states(db, pid)
        sync_file_metadata(db, [str(cleaned.parent)])
        assert tag_states(db, pid) == before
        assert (before["pest"], before["hq1310"]) == ("rejected", "rejected")
        summary = write_keywords(db, [pid], WriteOptions(target="embed", remove_rejected=True))
        assert (summary.unchanged, summary.rejected_removed, summary.rejected_kept) == (1, 0, 0)


def test_a_hierarchy_loses_only_the_rejected_node(db, tmp_path: Path) -> None:
    """A digiKam sidecar: TagsList and hierarchicalSubject hold paths, dc:subject the leaves
    and, as Lightroom exports them, the levels above (phototagger's parent rule since kw16)."""
    photo = Path(shutil.copy(sorted(DET.glob("*.jpg"))[0], tmp_path / "trip.jpg"))
    sidecar = tmp_path / "trip.jpg.xmp"
    paths = ["Places/France/Paris", "Places/Oslo", "Texas/Paris", "Stock/Back Pain", "Places"]
    write_sidecar_tags(sidecar, paths)
    exiv2_set(sidecar, *(f"set Xmp.dc.subject {p}" for p in ("France", "Stock")))
    pid = _in_library(db, photo)
    sync_file_metadata(db, [str(tmp_path)])
    label_paths(db, [str(photo)], reject=["Places/France/Paris", "Stock/Back Pain"])
    tags = tag_states(db, pid)
    before = sidecar.read_bytes()

    # Off (the default): the sidecar is left as digiKam wrote it.
    summary = write_keywords(db, [pid], WriteOptions())
    assert (summary.written, summary.rejected_kept, summary.keywords_removed) == (0, 2, 0)
    assert sidecar.read_bytes() == before

    summary = write_keywords(db, [pid], WriteOptions(remove_rejected=True))
    assert (summary.sidecars_updated, summary.rejected_removed, summary.keywords_removed) == (
        1,
        2,
        2,
    )
    assert summary.rejected_kept == 0
    fields = exiftool_keywords(sidecar)
    assert fields["Xmp.digiKam.TagsList"] == ["Places/Oslo", "Texas/Paris", "Places"]
    assert fields["Xmp.lr.hierarchicalSubject"] == ["Places|Oslo", "Texas|Paris", "Places"]
    # 'Paris' is Texas|Paris's too, 'Places' is Oslo's parent (and a tag); 'France', 'Stock'
    # and 'Back Pain' were only the rejected tags'.
    assert fields["Xmp.dc.subject"] == ["Paris", "Oslo", "Paris", "Places"]
    # Read back: the same tags, no 'France' or 'Stock' of their own.
    sync_file_metadata(db, [str(tmp_path)])
    assert tag_states(db, pid) == tags


def test_a_rejected_keyword_goes_however_the_field_spells_it(db, tmp_path: Path) -> None:
    """Lightroom's keyword 'B/W' is one level of hierarchicalSubject (the tag 'B/W', 'B\\W' in
    TagsList); 'People|Anna' is the library's 'People (keywords)/Anna', kept apart from the
    face detector's 'people'; dc:subject spells 'back pain' in its own case."""
    photo = Path(shutil.copy(sorted(DET.glob("*.jpg"))[1], tmp_path / "shoot.jpg"))
    photo.chmod(0o644)
    exiftool_set(
        photo,
        "-XMP-lr:HierarchicalSubject=B/W",
        "-XMP-lr:HierarchicalSubject=People|Anna",
        "-XMP-lr:HierarchicalSubject=People|Ben",
        "-XMP-lr:HierarchicalSubject=Back Pain",
        "-XMP-dc:Subject=B/W",
        "-XMP-dc:Subject=Anna",
        "-XMP-dc:Subject=Ben",
        "-XMP-dc:Subject=People",
        "-XMP-dc:Subject=back pain",
        "-IPTC:Keywords=BACK PAIN",
    )
    pid = _in_library(db, photo)
    sync_file_metadata(db, [str(tmp_path)])
    assert set(tag_states(db, pid)) == {
        "B\u2215W",  # the keyword B/W, one level (tag_names.LITERAL_SLASH); 'B/W' typed below
        "People (keywords)/Anna",
        "People (keywords)/Ben",
        "Back Pain",
    }
    label_paths(db, [str(photo)], reject=["B/W", "People (keywords)/Anna", "Back Pain"])
    summary = write_keywords(db, [pid], WriteOptions(target="embed", remove_rejected=True))
    assert (summary.rejected_removed, summary.rejected_kept) == (3, 0)
    fields = exiftool_keywords(photo)
    assert fields["Xmp.lr.hierarchicalSubject"] == ["People|Ben"]
    assert fields["Xmp.dc.subject"] == ["Ben", "People"]  # 'People' is Ben's parent
    # 'BACK PAIN' gone; the IPTC field in use takes Ben's keywords, as any write does.
    assert exiv2_iptc_keywords(photo) == fields["Iptc.Application2.Keywords"] == ["Ben", "People"]
    sync_file_metadata(db, [str(tmp_path)])
    assert tag_states(db, pid)["People (keywords)/Ben"] == "file"


def test_a_raw_jpeg_pair_loses_it_in_the_jpeg_and_the_raws_sidecar(db, tmp_path: Path) -> None:
    raw = raw_photo(tmp_path / "IMG_0007.DNG")
    jpeg = tmp_path / "IMG_0007.JPG"
    Image.open(raw).convert("RGB").save(jpeg, format="JPEG")
    exiftool_set(jpeg, "-IPTC:Keywords=blurry", "-IPTC:Keywords=harbour")
    sidecar = tmp_path / "IMG_0007.DNG.xmp"
    write_sidecar_tags(sidecar, ["Trips/Porto", "blurry"])
    pid = _in_library(db, jpeg)
    note_companions(db, str(jpeg), [str(raw)])
    sync_file_metadata(db, [str(tmp_path)])
    label_paths(db, [str(jpeg)], reject=["blurry"])

    # Into sidecars only: the JPEG itself keeps its IPTC keyword, and the write says so.
    summary = write_keywords(db, [pid], WriteOptions(remove_rejected=True))
    assert (summary.rejected_removed, summary.rejected_kept) == (1, 1)
    # ('harbour', the JPEG's own keyword, is one of the pair's tags: it goes along.)
    assert exiftool_keywords(sidecar)["Xmp.digiKam.TagsList"] == ["Trips/Porto", "harbour"]
    assert exiv2_iptc_keywords(jpeg) == ["blurry", "harbour"]

    summary = write_keywords(db, [pid], WriteOptions(target="embed", remove_rejected=True))
    assert (summary.rejected_removed, summary.rejected_kept) == (1, 0)
    assert exiv2_iptc_keywords(jpeg) == ["harbour", "Porto", "Trips"]  # the pair's tags came
    assert "blurry" not in exiftool_keywords(jpeg)["Xmp.dc.subject"]
    side = exiftool_keywords(sidecar)
    assert "blurry" not in side["Xmp.dc.subject"] + side["Xmp.lr.hierarchicalSubject"]
    assert not (tmp_path / "IMG_0007.JPG.xmp").exists()


def test_the_settings_option_is_kept_and_used_by_write_keywords(
    qtbot: QtBot, tmp_path: Path
) -> None:
    (photo,) = _stock_photos(tmp_path / "pics", ["stock.jpg"])
    with open_library(default_home()) as library:
        settings = load_settings(library.db)
        assert not settings.remove_rejected  # off unless the user says so
        save_settings(library.db, replace(settings, enabled=True, asked=True))
    window = open_window(qtbot, None, tmp_path)
    dialog = window.open_settings()
    page = dialog.keywords
    assert not page.remove_rejected.isChecked()
    assert page.remove_rejected.text() == (
        "Also remove keywords I rejected, even ones other programs wrote"
    )
    page.remove_rejected.setChecked(True)
    dialog.accept()
    assert load_settings(window.db).remove_rejected
    again = window.open_settings()
    assert again.keywords.remove_rejected.isChecked()
    again.reject()

    click_photo(qtbot, window, photo.name)
    # To sidecars: the photo keeps the agency's keywords, and the status bar says why.
    assert write_in_window(qtbot, window) == (
        f"Keywords written into 1 new sidecar file beside its photo ({SETTING}), "
        "0 already up to date. "
        "2 rejected tags stay in their files: written to sidecars, the photos keep their own "
        "keywords"
    )
    assert "pest" in exiv2_iptc_keywords(photo)
    dialog = window.open_settings()
    dialog.keywords.target.setCurrentIndex(dialog.keywords.target.findData("embed"))
    dialog.accept()
    assert write_in_window(qtbot, window) == (
        "Keywords written into 1 photo, 0 already up to date, "
        "2 rejected tags removed from the files"
    )
    assert "pest" not in exiv2_iptc_keywords(photo)
    assert "hq1310" not in exiftool_keywords(photo)["Xmp.dc.subject"]


def test_parent_keywords_taken_out_with_a_rejected_tag_are_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "pics"
    folder.mkdir()
    photos = [Path(shutil.copy(ISOPOD, folder / name)) for name in ("trip.jpg", "again.jpg")]
    for photo in photos:
        photo.chmod(0o644)
        # Lightroom's export: the hierarchy, and the leaves with their parents in the flat fields.
        exiftool_set(
            photo,
            "-XMP-lr:HierarchicalSubject=Places|France|Paris",
            "-XMP-lr:HierarchicalSubject=Places|Oslo",
            *(f"-XMP-dc:Subject={k}" for k in ("Paris", "France", "Places", "Oslo")),
            *(f"-IPTC:Keywords={k}" for k in ("Paris", "France", "Places", "Oslo")),
        )
    with open_library(default_home()) as library:
        add_folder(library.db, str(folder))
        for photo in photos:
            _in_library(library.db, photo)
        sync_file_metadata(library.db, [str(folder)])
        label_paths(library.db, [str(p) for p in photos], reject=["Places/France/Paris"])
    photo, again = photos
    code, out, err = run(
        capsys, "metadata", "write", "--embed", "--remove-rejected", "--json", str(photo)
    )
    assert code == 0, err
    summary = json.loads(out)
    # 'France' went with Paris ('Places' stays for Oslo): a keyword of no tag, counted apart
    # from the tags, as the line says it.
    assert (summary["rejected_removed"], summary["rejected_parents_removed"]) == (1, 1)
    fields = exiftool_keywords(photo)
    # exiftool and exiv2 agree: Paris and France gone from the flat fields.
    assert fields["Iptc.Application2.Keywords"] == exiv2_iptc_keywords(photo) == ["Places", "Oslo"]
    assert fields["Xmp.dc.subject"] == ["Places", "Oslo"]
    assert fields["Xmp.lr.hierarchicalSubject"] == ["Places|Oslo"]
    code, out, err = run(
        capsys, "metadata", "write", "--embed", "--remove-rejected", "--quiet", str(again)
    )
    assert (code, err) == (0, ""), err
    assert out.splitlines()[1] == (
        "phototagger: 1 rejected tag removed from the files, and 1 parent keyword only they used"
    )
