"""The face detector's OpenVINO nets (built from the numpy weights, no TensorFlow) find the same
faces as its Keras nets on real photos: same boxes (IoU > 0.9), same confidences (within 1e-3)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from phototagger.core.imaging import decode_photo
from phototagger.core.people import detector_input, load_finder, load_rules
from tests.people_photos import group_photo
from tests.photo_factory import REAL_PHOTOS, real_photo

pytestmark = pytest.mark.model


def _views(folder: Path) -> list[np.ndarray]:
    paths = [real_photo(folder / f"{name}.jpg", name) for name in REAL_PHOTOS]
    paths += [group_photo(folder / "team.jpg"), group_photo(folder / "pair.jpg", faces=2)]
    return [detector_input(decode_photo(p).thumbnail) for p in paths]


def _iou(a: object, b: object) -> float:
    ax, ay, aw, ah = (getattr(a, k) for k in "xywh")
    bx, by, bw, bh = (getattr(b, k) for k in "xywh")
    iw = max(0.0, min(ax + aw, bx + bw) - max(ax, bx))
    ih = max(0.0, min(ay + ah, by + bh) - max(ay, by))
    return iw * ih / (aw * ah + bw * bh - iw * ih)


def test_openvino_detector_agrees_with_keras(tmp_path: Path) -> None:
    views = _views(tmp_path)
    keras_finder = load_finder(load_rules(), runtime="tensorflow")
    openvino_finder = load_finder(load_rules(), runtime="openvino", device="cpu")
    assert [getattr(f, "runtime", None) for f in (keras_finder, openvino_finder)] == [
        "tensorflow",
        "openvino",
    ]
    assert keras_finder.version == openvino_finder.version  # stored faces stay valid
    expected = keras_finder.detect(views)
    got = openvino_finder.detect(views)
    # astronaut: 1 face; the LFW group photos: 4 and 2; so agreement is not vacuous.
    assert sum(len(faces) for faces in expected) >= 7
    for theirs, ours in zip(expected, got, strict=True):
        assert len(ours) == len(theirs)
        for face in theirs:
            best = max(ours, key=lambda f: _iou(f, face))  # noqa: B023 - used at once
            assert _iou(best, face) > 0.9
            assert abs(best.confidence - face.confidence) < 1e-3


def test_resize_and_crop_match_tensorflow(tmp_path: Path) -> None:
    """P-Net's area resize and R/O-Net's crops are TensorFlow's, on a real photo."""
    import tensorflow as tf

    from phototagger.ml.faces import crop_and_resize
    from phototagger.ml.runtimes.mtcnn_openvino import area_resize

    view = detector_input(decode_photo(real_photo(tmp_path / "a.jpg", "astronaut")).thumbnail)
    images = ((np.stack([view, view[::-1]]).astype(np.float32)) - 127.5) / 128.0
    for height, width in [(160, 160), (113, 57), (57, 113), (14, 14)]:
        ours = area_resize(images, height, width)
        theirs = tf.image.resize(images, (height, width), method="area").numpy()
        np.testing.assert_allclose(ours, theirs, atol=1e-5)
    # Boxes partly outside the photo read 0 there, as in TensorFlow.
    boxes = np.array(
        [[0.1, 0.3, 0.4, 0.6], [-0.2, 0.8, 0.3, 1.3], [0.0, 0.0, 1.0, 1.0]], np.float32
    )
    index = np.array([0, 1, 1], np.int32)
    for side in (24, 48):
        np.testing.assert_allclose(
            crop_and_resize(images, boxes, index, side),
            tf.image.crop_and_resize(images, boxes, index, (side, side)).numpy(),
            atol=1e-5,
        )
