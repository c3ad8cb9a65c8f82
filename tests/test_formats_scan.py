"""A phone-and-camera folder (HEIC, AVIF, WebP, RAW+JPEG, RAW alone, a clip, a live photo, a
Latin-1 name) is scanned into one library: every item tagged with the right tag, counted once,
listed by format in stats and export; damaged variants are recorded problems."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from phototagger.core import errors
from phototagger.core.catalog import export_records, library_stats
from phototagger.core.decoders import video
from phototagger.core.embeddings import decode_embeddings
from phototagger.core.labels import label_paths
from phototagger.core.names import os_path
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.store.embeddings import get_embedding
from phototagger.store.photos import all_photos
from phototagger.store.problems import list_problems
from phototagger.store.tags import tags_of_photos
from tests import media_factory as mf
from tests import photo_factory as pf
from tests.scan_helpers import new_library, run_scan


def _phone_and_camera_folder(root: Path) -> None:
    mf.heic_photo(root / "IMG_0001.HEIC", "chelsea")
    mf.heic_photo(root / "IMG_0002.HEIC", "coffee")
    mf.photo_clip(root / "IMG_0002.MOV", ("coffee",), seconds_each=2)  # its live clip
    mf.photo_clip(root / "IMG_0003.MOV", ("chelsea",), seconds_each=4)  # a clip of its own
    pf.real_photo(root / "DSC_0001.JPG", "rocket")
    mf.raw_photo(root / "DSC_0001.DNG")  # the RAW twin
    mf.raw_photo(root / "DSC_0002.DNG")  # RAW only
    mf.avif_photo(root / "coffee.avif", "coffee")
    pf.real_photo(root / "tmp.jpg", "chelsea")
    os.replace(root / "tmp.jpg", os.fsencode(root) + b"/k\xe4tzchen.jpg")  # Latin-1 name
    from PIL import Image

    Image.open(pf.real_photo(root / "w.jpg", "coffee")).save(root / "cup.webp", "WEBP")
    (root / "w.jpg").unlink()


def _tags(lib, photo_id: int) -> set[str]:
    return {t.name for t in tags_of_photos(lib.db, [photo_id])[photo_id]}


def test_every_item_of_a_phone_and_camera_folder_is_tagged_once(engine, tmp_path: Path) -> None:
    root = tmp_path / "DCIM"
    _phone_and_camera_folder(root)
    with new_library() as lib:
        summary = run_scan(lib, [root], engine)
        assert (summary.tagged, summary.problems) == (8, 0)
        photos = {os.path.basename(os_path(p.path)): p for p in all_photos(lib.db)}
        assert set(photos) == {
            "IMG_0001.HEIC",
            "IMG_0002.HEIC",
            "IMG_0003.MOV",
            "DSC_0001.JPG",
            "DSC_0002.DNG",
            "coffee.avif",
            "k\udce4tzchen.jpg",
            "cup.webp",
        }
        expected = {
            "IMG_0001.HEIC": "cat",
            "IMG_0002.HEIC": "coffee",
            "IMG_0003.MOV": "cat",
            "DSC_0002.DNG": "computer",
            "coffee.avif": "coffee",
            "k\udce4tzchen.jpg": "cat",
            "cup.webp": "coffee",
        }
        for name, tag in expected.items():
            assert tag in _tags(lib, photos[name].id), name
        records = {os.path.basename(os_path(r.path)): r.record for r in export_records(lib.db)}
        assert records["IMG_0003.MOV"]["media_type"] == "clip"
        assert records["IMG_0003.MOV"]["duration"] == pytest.approx(4.0, abs=0.2)
        assert records["IMG_0002.HEIC"]["companions"] == ["IMG_0002.MOV"]
        assert records["DSC_0001.JPG"]["companions"] == ["DSC_0001.DNG"]
        assert (records["DSC_0002.DNG"]["media_type"], records["DSC_0002.DNG"]["format"]) == (
            "raw",
            "DNG",
        )
        # The name as the shell passes it (surrogate-escaped bytes) finds the stored photo.
        latin1 = os.fsdecode(os.fsencode(root) + b"/k\xe4tzchen.jpg")
        assert label_paths(lib.db, [latin1], add=["grandma's cat"]).labelled
        assert "grandma's cat" in _tags(lib, photos["k\udce4tzchen.jpg"].id)
        stats = library_stats(lib.db)
        assert stats.by_format == {
            "photo": {"AVIF": 1, "HEIF": 2, "JPEG": 2, "WEBP": 1},
            "raw": {"DNG": 1},
            "clip": {"MOV": 1},
        }


def test_a_clip_is_tagged_from_all_its_frames_and_keeps_a_pooled_embedding(
    engine, tmp_path: Path
) -> None:
    # Half cat, half coffee: mean pooling of frame probabilities tags both (core/media.py).
    path = mf.photo_clip(tmp_path / "clips" / "two.mp4", ("chelsea", "coffee"), seconds_each=3)
    with new_library() as lib:
        run_scan(lib, [tmp_path / "clips"], engine)
        [photo] = list(all_photos(lib.db))
        assert {"cat", "coffee"} <= _tags(lib, photo.id)
        blob = get_embedding(lib.db, photo.id, BACKBONE_NAME)
        assert blob is not None
        from phototagger.core.imaging import decode_photo

        frames = decode_photo(path).frames
        assert frames is not None
        per_frame = engine.embed(frames)
        stored = decode_embeddings([blob])[0]
        np.testing.assert_allclose(stored, per_frame.mean(axis=0), atol=2e-2)


@pytest.mark.parametrize(
    ("make", "name", "code"),
    [
        (mf.truncated_heic, "cut.heic", (errors.TRUNCATED, errors.CORRUPT)),
        (mf.truncated_raw, "cut.cr2", (errors.TRUNCATED,)),
        (mf.audio_only_clip, "memo.m4v", (errors.UNSUPPORTED,)),
        (mf.truncated_clip, "cut.mp4", (errors.CORRUPT,)),
    ],
)
def test_damaged_files_are_recorded_and_the_scan_goes_on(
    engine, tmp_path: Path, make, name: str, code
) -> None:
    make(tmp_path / "in" / name)
    pf.real_photo(tmp_path / "in" / "ok.jpg", "chelsea")
    with new_library() as lib:
        summary = run_scan(lib, [tmp_path / "in"], engine)
        assert (summary.tagged, summary.problems) == (1, 1)
        [problem] = list_problems(lib.db)
        assert problem.code in code and problem.path.endswith(name)


def test_a_stalling_clip_is_given_up_as_a_timeout(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mf.slow_clip(tmp_path / "in" / "stall.mp4", seconds=20)
    pf.real_photo(tmp_path / "in" / "ok.jpg", "coffee")
    monkeypatch.setattr(video, "_budget", [0.01])
    with new_library() as lib:
        summary = run_scan(lib, [tmp_path / "in"], engine)
        assert (summary.tagged, summary.problems) == (1, 1)
        [problem] = list_problems(lib.db)
        assert problem.code == errors.TIMEOUT
