"""The shipped face detector (mtcnn-1.1.1: square canvas, pyramid factor 0.6, R-Net and O-Net
batched over the whole batch) on real faces: a photo's faces do not depend on the rest of its
batch, whatever the photos' shapes; it finds the faces mtcnn-1.0.0 found; its version says which
detector it is. OpenVINO nets, so no TensorFlow (fast tier)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from phototagger.core.imaging import decode_photo
from phototagger.core.people import Face, detector_input, kept_faces, load_finder, load_rules
from phototagger.ml.faces import (
    DETECTOR_NAME,
    LEGACY_PYRAMID_FACTOR,
    DetectorSettings,
    FaceDetector,
)
from tests.people_photos import group_photo
from tests.photo_factory import lfw_face, real_photo


@pytest.fixture(scope="module")
def detector() -> FaceDetector:
    finder = load_finder(load_rules(), runtime="openvino", device="cpu")
    assert isinstance(finder, FaceDetector)
    return finder


def _iou(a: Face, b: Face) -> float:
    iw = max(0.0, min(a.x + a.w, b.x + b.w) - max(a.x, b.x))
    ih = max(0.0, min(a.y + a.h, b.y + b.h) - max(a.y, b.y))
    return iw * ih / (a.w * a.h + b.w * b.h - iw * ih)


def _centres(faces: Sequence[Face], width: int) -> list[float]:
    return sorted((f.x + f.w / 2) * width for f in faces)


def test_batch_finds_what_each_photo_alone_finds(detector: FaceDetector, tmp_path: Path) -> None:
    team = Image.open(group_photo(tmp_path / "team.jpg")).convert("RGB")  # 640x427, 4 faces
    views = {
        "astronaut": detector_input(
            decode_photo(real_photo(tmp_path / "astronaut.jpg", "astronaut")).thumbnail
        ),
        "landscape": detector_input(team),  # 320x214
        "portrait": np.asarray(team.crop((0, 0, 320, 427))),  # the two left faces
        "huge": np.asarray(team.resize((1600, 1068))),  # not shrunk: the detector's API allows it
        "tiny": np.asarray(team.resize((48, 32))),
        "too small": np.zeros((8, 8, 3), np.uint8),
        "lfw": detector_input(decode_photo(lfw_face(tmp_path / "lfw.jpg", 3)).thumbnail),
    }
    batch = dict(zip(views, detector.detect(list(views.values())), strict=True))
    # Photos of different canvases in one batch: not one group, so R/O-Net span canvases.
    assert len({detector.canvas_shape(*v.shape[:2]) for v in views.values()}) >= 4

    # What is in the photos: the team's LFW faces pasted at x = 20 + 150 i of 640, 110 wide.
    assert [round(c) for c in _centres(batch["landscape"], 640)] == pytest.approx(
        [75, 225, 375, 525], abs=25
    )
    assert _centres(batch["huge"], 640) == pytest.approx(_centres(batch["landscape"], 640), abs=8)
    assert _centres(batch["portrait"], 320) == pytest.approx([75, 225], abs=25)
    (face,) = batch["astronaut"]
    assert 0.3 < face.x + face.w / 2 < 0.5 and 0.15 < face.y + face.h / 2 < 0.35
    assert len(batch["lfw"]) == 1 and batch["tiny"] == [] and batch["too small"] == []

    for name, view in views.items():
        (alone,) = detector.detect([view])
        assert len(alone) == len(batch[name]), name
        for ours, theirs in zip(batch[name], alone, strict=True):
            assert (ours.x, ours.y, ours.w, ours.h) == pytest.approx(
                (theirs.x, theirs.y, theirs.w, theirs.h), abs=1e-4
            ), name
            assert ours.confidence == pytest.approx(theirs.confidence, abs=1e-4), name
    # And in another order, split differently.
    names = list(views)[::-1]
    again = detector.detect([views[n] for n in names[:3]]) + detector.detect(
        [views[n] for n in names[3:]]
    )
    for name, faces in zip(names, again, strict=True):
        assert len(faces) == len(batch[name]), name


def test_finds_the_faces_the_previous_detector_found(
    detector: FaceDetector, tmp_path: Path
) -> None:
    legacy = FaceDetector(
        detector._nets,  # noqa: SLF001 - the same loaded nets, other settings
        dataclasses.replace(
            detector.settings, canvas="bucket", pyramid_factor=LEGACY_PYRAMID_FACTOR
        ),
        detector.runtime,
    )
    rules = load_rules()
    views = [
        detector_input(decode_photo(lfw_face(tmp_path / f"{i}.jpg", i)).thumbnail)
        for i in range(40)
    ]
    views.append(detector_input(Image.open(group_photo(tmp_path / "team.jpg")).convert("RGB")))
    ours, theirs = detector.detect(views), legacy.detect(views)
    matched = total = 0
    for new, old in zip(ours, theirs, strict=True):
        counted = kept_faces(new, rules)
        for face in kept_faces(old, rules):
            total += 1
            matched += any(_iou(face, f) > 0.6 for f in counted)
    assert total >= 40  # LFW faces are found, and the team's four
    assert matched / total >= 0.95
    assert sum(len(kept_faces(f, rules)) for f in ours) == pytest.approx(total, abs=2)


def test_version_names_the_detector(detector: FaceDetector) -> None:
    assert detector.settings.canvas == "square" and detector.settings.pyramid_factor == 0.6
    assert detector.version == f"{DETECTOR_NAME}/min24/o0.8"
    legacy = dataclasses.replace(
        detector.settings, canvas="bucket", pyramid_factor=LEGACY_PYRAMID_FACTOR
    )
    # The exact strings libraries scanned by mtcnn-1.0.0 and 1.1.0 (Lanczos thumbnails) hold:
    # their faces stay valid.
    assert detector.version == "mtcnn-1.1.1/min24/o0.8"
    assert detector.compatible_versions == (
        detector.version,
        "mtcnn-1.1.0/min24/o0.8",
        "mtcnn-1.0.0/min24/o0.8",
    )
    assert FaceDetector({}, legacy).version == "mtcnn-1.0.0/min24/o0.8"
    other = FaceDetector({}, dataclasses.replace(detector.settings, pyramid_factor=0.5))
    assert other.version == f"{DETECTOR_NAME}/min24/o0.8/f0.5"
    assert detector.version not in FaceDetector({}, legacy).compatible_versions
    with pytest.raises(ValueError, match="canvas"):
        DetectorSettings(canvas="round")


def test_refining_in_chunks_finds_the_same_faces(
    detector: FaceDetector, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """R-Net and O-Net take the batch's crops REFINE_CHUNK at a call: a chunk boundary changes
    nothing (here a chunk of 5 crops splits every photo's candidates)."""
    team = Image.open(group_photo(tmp_path / "team.jpg")).convert("RGB")
    views = [detector_input(team), np.asarray(team.crop((0, 0, 320, 427)))]
    views += [
        detector_input(decode_photo(lfw_face(tmp_path / f"{i}.jpg", i)).thumbnail) for i in range(4)
    ]
    whole = detector.detect(views)
    monkeypatch.setattr("phototagger.ml.faces.REFINE_CHUNK", 5)
    chunked = detector.detect(views)
    assert sum(len(f) for f in whole) >= 10  # 4 + 2 + the LFW faces
    for ours, theirs in zip(chunked, whole, strict=True):
        assert [c for f in ours for c in (f.x, f.y, f.w, f.h)] == pytest.approx(
            [c for f in theirs for c in (f.x, f.y, f.w, f.h)], abs=1e-4
        )


def test_a_batch_larger_than_a_cascade_finds_the_same_faces(
    detector: FaceDetector, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch goes through the cascade DETECT_CHUNK photos at a time (memory): the faces, and
    their order, are those of one cascade over the whole batch."""
    team = Image.open(group_photo(tmp_path / "team.jpg")).convert("RGB")
    views = [detector_input(team), np.zeros((8, 8, 3), np.uint8)]
    views += [
        detector_input(decode_photo(lfw_face(tmp_path / f"{i}.jpg", i)).thumbnail) for i in range(3)
    ]
    monkeypatch.setattr("phototagger.ml.faces.DETECT_CHUNK", len(views))
    whole = detector.detect(views)
    monkeypatch.setattr("phototagger.ml.faces.DETECT_CHUNK", 2)
    chunked = detector.detect(views)
    assert [len(f) for f in whole][:2] == [4, 0] and sum(len(f) for f in whole) >= 7
    assert chunked == whole
