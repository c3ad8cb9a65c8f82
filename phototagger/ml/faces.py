"""Face detection: MTCNN's three-stage cascade over a batch of small decoded images.

The networks run in ml.mtcnn_net (Keras, loaded lazily) or ml.runtimes.mtcnn_openvino (OpenVINO,
no TensorFlow); this module is numpy only: the image pyramid, box decoding, non-maximum
suppression and crops. A batch is grouped by image shape so each
pyramid level is one network call for all photos of that shape (a scan's photos mostly share two
shapes, landscape and portrait thumbnails).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

DETECTOR_NAME = "mtcnn-1.0.0"
PYRAMID_FACTOR = 0.709
CELL = 12
BUCKET = 32


@dataclass(frozen=True)
class FaceBox:
    """A face in relative coordinates (0-1 of the image's width and height)."""

    x: float
    y: float
    w: float
    h: float
    confidence: float


@dataclass(frozen=True)
class DetectorSettings:
    min_face: int = 24  # pixels of the detector's input image
    pnet_threshold: float = 0.6
    rnet_threshold: float = 0.7
    onet_threshold: float = 0.8
    pyramid_factor: float = PYRAMID_FACTOR  # each P-Net level's scale over the one before


Runner = Callable[..., list[np.ndarray]]


class FaceDetector:
    """Finds faces in uint8 RGB images (H, W, 3), a batch at a time."""

    def __init__(
        self,
        nets: dict[str, Runner],
        settings: DetectorSettings | None = None,
        runtime: str = "tensorflow",
    ) -> None:
        self._nets = nets
        self.settings = settings or DetectorSettings()
        self.runtime = runtime  # what runs the nets; the version (stored with faces) omits it:
        # both runtimes give the same boxes (tests/test_people_openvino_agrees.py)

    @property
    def version(self) -> str:
        s = self.settings
        factor = "" if s.pyramid_factor == PYRAMID_FACTOR else f"/f{s.pyramid_factor:g}"
        return f"{DETECTOR_NAME}/min{s.min_face}/o{s.onet_threshold:g}{factor}"

    @staticmethod
    def canvas_shape(height: int, width: int) -> tuple[int, int]:
        """The padded shape a photo is detected in: each side rounded up to BUCKET pixels. The
        canvas decides the pyramid's resampling grid, so another shape (a square canvas shared
        by landscape and portrait, measured 30 % cheaper on OpenVINO, which prepares its kernels
        per input shape) changes the people tags of ~2 % of photos (benchmarks/face_cost.py)."""
        return -(-height // BUCKET) * BUCKET, -(-width // BUCKET) * BUCKET

    def detect(self, images: Sequence[np.ndarray]) -> list[list[FaceBox]]:
        results: list[list[FaceBox]] = [[] for _ in images]
        # Photos are padded (mid-grey) to a canvas_shape, so a batch of varied aspect ratios
        # makes few groups, and each pyramid level is one call per group.
        groups: dict[tuple[int, int], list[int]] = {}
        for i, image in enumerate(images):
            if image.ndim == 3 and image.shape[2] == 3 and min(image.shape[:2]) >= CELL:
                groups.setdefault(self.canvas_shape(*image.shape[:2]), []).append(i)
        for (bucket_h, bucket_w), members in groups.items():
            canvas = np.full((len(members), bucket_h, bucket_w, 3), 128, np.uint8)
            for slot, i in enumerate(members):
                h, w = images[i].shape[:2]
                canvas[slot, :h, :w] = images[i]
            for row in self._detect_group(canvas):
                height, width = images[members[int(row[0])]].shape[:2]
                x1, y1 = max(float(row[1]), 0.0), max(float(row[2]), 0.0)
                x2, y2 = min(float(row[3]), width), min(float(row[4]), height)
                if x2 <= x1 or y2 <= y1:
                    continue
                results[members[int(row[0])]].append(
                    FaceBox(
                        x1 / width,
                        y1 / height,
                        (x2 - x1) / width,
                        (y2 - y1) / height,
                        float(row[5]),
                    )
                )
        return results

    def _detect_group(self, stack: np.ndarray) -> np.ndarray:
        """Rows of [image index, x1, y1, x2, y2, confidence] in the images' pixels."""
        s = self.settings
        normalised = (stack.astype(np.float32) - 127.5) / 128.0
        boxes = self._propose(normalised, s)
        if len(boxes):
            boxes = self._refine(normalised, boxes, "rnet", s.rnet_threshold, 0.7, "union")
        if len(boxes):
            boxes = self._refine(normalised, _square(boxes), "onet", s.onet_threshold, 0.7, "min")
        return boxes

    def _propose(self, normalised: np.ndarray, s: DetectorSettings) -> np.ndarray:
        height, width = normalised.shape[1:3]
        found: list[np.ndarray] = []
        scale = CELL / s.min_face
        while min(height, width) * scale >= CELL:
            size = np.array([np.ceil(height * scale), np.ceil(width * scale)], np.int32)
            reg, prob = self._nets["pnet"](normalised, size)
            boxes = _pnet_boxes(reg, prob[..., 1], s.pnet_threshold, scale)
            if len(boxes):
                found.append(_nms_per_image(boxes, 0.5, "union"))
            scale *= s.pyramid_factor
        if not found:
            return np.empty((0, 6), np.float32)
        return _square(_nms_per_image(np.concatenate(found), 0.7, "union"))

    def _refine(
        self,
        normalised: np.ndarray,
        boxes: np.ndarray,
        net: str,
        threshold: float,
        overlap: float,
        method: str,
    ) -> np.ndarray:
        _, height, width, _ = normalised.shape
        # crop_and_resize's convention: corners divided by the image size.
        relative = (boxes[:, [2, 1, 4, 3]] / np.array([height, width, height, width])).astype(
            np.float32
        )
        outputs = self._nets[net](normalised, relative, boxes[:, 0].astype(np.int32))
        offsets, prob = outputs[0], outputs[-1][:, 1]
        keep = prob > threshold
        boxes = boxes[keep].copy()
        offsets = offsets[keep]
        boxes[:, 5] = prob[keep]
        w = boxes[:, 3] - boxes[:, 1] + 1
        h = boxes[:, 4] - boxes[:, 2] + 1
        boxes[:, 1:5] += offsets * np.stack([w, h, w, h], axis=1)
        return _nms_per_image(boxes, overlap, method) if len(boxes) else boxes


def _pnet_boxes(reg: np.ndarray, prob: np.ndarray, threshold: float, scale: float) -> np.ndarray:
    n, y, x = np.nonzero(prob > threshold)
    if not len(n):
        return np.empty((0, 6), np.float32)
    offsets = reg[n, y, x]
    x1, y1 = x * 2 + 1.0, y * 2 + 1.0
    x2, y2 = x * 2 + float(CELL), y * 2 + float(CELL)
    side = CELL - 1.0
    rows = np.stack(
        [
            n.astype(np.float32),
            x1 + offsets[:, 0] * side,
            y1 + offsets[:, 1] * side,
            x2 + offsets[:, 2] * side,
            y2 + offsets[:, 3] * side,
            prob[n, y, x],
        ],
        axis=1,
    )
    rows[:, 1:5] /= scale
    return rows.astype(np.float32)


def _square(boxes: np.ndarray) -> np.ndarray:
    out = boxes.copy()
    w = out[:, 3] - out[:, 1]
    h = out[:, 4] - out[:, 2]
    side = np.maximum(w, h)
    out[:, 1] += (w - side) / 2
    out[:, 2] += (h - side) / 2
    out[:, 3] = out[:, 1] + side
    out[:, 4] = out[:, 2] + side
    return out


def _nms_per_image(boxes: np.ndarray, overlap: float, method: str) -> np.ndarray:
    kept = [
        group[nms(group[:, 1:5], group[:, 5], overlap, method)]
        for image in np.unique(boxes[:, 0])
        for group in [boxes[boxes[:, 0] == image]]
    ]
    return np.concatenate(kept) if kept else boxes[:0]


def nms(corners: np.ndarray, scores: np.ndarray, overlap: float, method: str) -> np.ndarray:
    """Indices kept by greedy non-maximum suppression, best first."""
    order = np.argsort(-scores, kind="stable")
    areas = (corners[:, 2] - corners[:, 0]) * (corners[:, 3] - corners[:, 1])
    keep: list[int] = []
    while len(order):
        best, rest = order[0], order[1:]
        keep.append(int(best))
        ix1 = np.maximum(corners[best, 0], corners[rest, 0])
        iy1 = np.maximum(corners[best, 1], corners[rest, 1])
        ix2 = np.minimum(corners[best, 2], corners[rest, 2])
        iy2 = np.minimum(corners[best, 3], corners[rest, 3])
        inter = np.maximum(ix2 - ix1, 0) * np.maximum(iy2 - iy1, 0)
        base = (
            np.minimum(areas[best], areas[rest])
            if method == "min"
            else areas[best] + areas[rest] - inter
        )
        order = rest[inter / np.maximum(base, 1e-9) <= overlap]
    return np.asarray(keep, dtype=np.int64)


def load_face_detector(
    settings: DetectorSettings | None = None, runtime: str = "tensorflow"
) -> FaceDetector:
    """The MTCNN detector with the weights from the installed `mtcnn` wheel, its nets on
    `runtime`: "openvino" (CPU; TensorFlow is never imported) or "tensorflow" (Keras; GPU too)."""
    if runtime == "openvino":
        from phototagger.ml.runtimes.mtcnn_openvino import load_nets as load_openvino_nets

        return FaceDetector(load_openvino_nets(), settings, runtime)
    from phototagger.ml.device import import_tensorflow
    from phototagger.ml.mtcnn_net import load_nets

    import_tensorflow()
    return FaceDetector(load_nets(), settings, runtime)
