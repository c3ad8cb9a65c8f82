"""Face detection: MTCNN's three-stage cascade over a batch of small decoded images.

The networks run in ml.mtcnn_net (Keras, loaded lazily) or ml.runtimes.mtcnn_openvino (OpenVINO,
no TensorFlow); this module is numpy only: the image pyramid, box decoding, non-maximum
suppression and the R-Net/O-Net crops. Each photo is padded to a canvas that depends on its own
shape only (so a photo's faces never depend on the rest of its batch), photos sharing a canvas
go through each pyramid level in one P-Net call, and each refining stage (R-Net, O-Net) takes the
crops of the whole batch together, REFINE_CHUNK a call (a batch: DETECT_CHUNK photos at most).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from phototagger.ml.mtcnn_net import ONET, RNET

# 1.1.1: the 1.1.0 detector (square canvas, pyramid factor 0.6, refining stages batched over
# the whole batch) looking at bicubic thumbnails instead of Lanczos ones (core/imaging.py's
# THUMBNAIL_RESAMPLE): people tags identical on 99.0 % of 1,000 det-photos, the same number of
# photos with people (benchmarks/people.py). 1.1.0's stored results stay valid.
DETECTOR_NAME = "mtcnn-1.1.1"
SQUARE_PREVIOUS_NAME = "mtcnn-1.1.0"
PYRAMID_FACTOR = 0.6
# 1.0.0: a canvas per 32-px bucket of each side, MTCNN's pyramid factor 0.709. Its stored
# results stay valid (see FaceDetector.compatible_versions).
LEGACY_NAME = "mtcnn-1.0.0"
LEGACY_PYRAMID_FACTOR = 0.709
CELL = 12
BUCKET = 32  # the legacy canvas's step
SQUARE_STEP = 64  # the square canvas's step: a scan's 320-px thumbnails all share one canvas
CANVASES = ("square", "bucket")
# Crops per R-Net/O-Net call. A whole batch's crops in one call (1,250 R-Net crops for 32
# det-photos) made OpenVINO keep buffers that large: 668 MiB peak RSS against 581 at 256 crops a
# call, same CPU time (300 det-photos, batches of 32).
REFINE_CHUNK = 256
# Photos per cascade: a scan's batch of 32 goes through in two halves. The P-Net levels of 32
# thumbnails at once (a 32x320x320 canvas in float32, its resized levels and OpenVINO's buffers
# for them) were most of the detector's memory: 1,000 det-photos, faces on, peaked at 924 MiB
# with 32 a cascade and 787 MiB with 16, using no more CPU (benchmarks/scan_profile.py). A
# photo's faces do not depend on the rest of its batch, so neither on this.
DETECT_CHUNK = 16


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
    # "square": padded to a square of the long side (rounded up to SQUARE_STEP), so landscape
    # and portrait photos share one P-Net input shape per level: OpenVINO prepares its kernels
    # per input shape, and this with factor 0.6 cost 44 % less CPU than "bucket" with 0.709
    # at the same recall (benchmarks/face_cost.py). "bucket": each side rounded up to BUCKET.
    canvas: str = "square"

    def __post_init__(self) -> None:
        if self.canvas not in CANVASES:
            raise ValueError(f"detector canvas must be one of {', '.join(CANVASES)}")
        if not 0.1 <= self.pyramid_factor < 1:
            raise ValueError("detector pyramid_factor must be at least 0.1 and below 1")
        if self.min_face < CELL:
            raise ValueError(f"detector min_face must be at least {CELL} pixels")


def detector_version(s: DetectorSettings, square_name: str = DETECTOR_NAME) -> str:
    """What the stored faces record as their detector: the settings that change the boxes
    (not the runtime: both give the same boxes, tests/test_people_openvino_agrees.py)."""
    name, default = (
        (square_name, PYRAMID_FACTOR)
        if s.canvas == "square"
        else (LEGACY_NAME, LEGACY_PYRAMID_FACTOR)
    )
    factor = "" if s.pyramid_factor == default else f"/f{s.pyramid_factor:g}"
    return f"{name}/min{s.min_face}/o{s.onet_threshold:g}{factor}"


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
        self.runtime = runtime  # what runs the nets; the version (stored with faces) omits it

    @property
    def version(self) -> str:
        return detector_version(self.settings)

    @property
    def compatible_versions(self) -> tuple[str, ...]:
        """The detector versions whose stored faces this one keeps rather than looking again:
        its own, the same settings on Lanczos thumbnails (mtcnn-1.1.0: people tags identical on
        99.0 % of photos) and on the legacy canvas and pyramid (mtcnn-1.0.0). 1.0.0 and 1.1.0
        agree on people tags (98.3 % of photos) as often as 1.0.0 agrees with itself on the
        same photos cropped by one pixel (97.1 %) at the same recall (benchmarks/face_cost.py),
        so re-examining a library would cost its CPU time for nothing a user would notice."""
        legacy = dataclasses.replace(
            self.settings, canvas="bucket", pyramid_factor=LEGACY_PYRAMID_FACTOR
        )
        previous = (
            [detector_version(self.settings, SQUARE_PREVIOUS_NAME)]
            if self.settings.canvas == "square"
            else []
        )
        return tuple(dict.fromkeys([self.version, *previous, detector_version(legacy)]))

    def canvas_shape(self, height: int, width: int) -> tuple[int, int]:
        """The padded shape a photo is detected in. It decides the pyramid's resampling grid,
        so it depends on the photo's own shape only: never on the rest of its batch."""
        if self.settings.canvas == "bucket":
            return -(-height // BUCKET) * BUCKET, -(-width // BUCKET) * BUCKET
        side = -(-max(height, width) // SQUARE_STEP) * SQUARE_STEP
        return side, side

    def detect(self, images: Sequence[np.ndarray]) -> list[list[FaceBox]]:
        return [
            faces
            for start in range(0, len(images), DETECT_CHUNK)
            for faces in self._detect_chunk(images[start : start + DETECT_CHUNK])
        ]

    def _detect_chunk(self, images: Sequence[np.ndarray]) -> list[list[FaceBox]]:
        results: list[list[FaceBox]] = [[] for _ in images]
        # Photos are padded (mid-grey) to their canvas_shape: photos sharing one make a group,
        # and each pyramid level is one P-Net call per group.
        groups: dict[tuple[int, int], list[int]] = {}
        for i, image in enumerate(images):
            if image.ndim == 3 and image.shape[2] == 3 and min(image.shape[:2]) >= CELL:
                groups.setdefault(self.canvas_shape(*image.shape[:2]), []).append(i)
        if not groups:
            return results
        stacks: list[np.ndarray] = []
        # Per image of the batch: its group (-1: not detected) and its slot in that group.
        group_of = np.full(len(images), -1, np.intp)
        slot_of = np.zeros(len(images), np.intp)
        proposals: list[np.ndarray] = []
        for g, ((canvas_h, canvas_w), members) in enumerate(groups.items()):
            canvas = np.full((len(members), canvas_h, canvas_w, 3), 128, np.uint8)
            for slot, i in enumerate(members):
                h, w = images[i].shape[:2]
                canvas[slot, :h, :w] = images[i]
                group_of[i], slot_of[i] = g, slot
            # In place: the same values as (canvas - 127.5) / 128.0 without two more arrays of
            # the canvas's size (each a fresh mapping to fault in).
            normalised = canvas.astype(np.float32)
            normalised -= 127.5
            normalised /= 128.0
            stacks.append(normalised)
            boxes = self._propose(normalised)
            boxes[:, 0] = np.asarray(members, np.float32)[boxes[:, 0].astype(np.intp)]
            proposals.append(boxes)
        boxes = np.concatenate(proposals)
        s = self.settings
        crops = _Crops(stacks, group_of, slot_of)
        if len(boxes):
            boxes = self._refine(
                crops, boxes, "rnet", RNET.input_size or 24, s.rnet_threshold, "union"
            )
        if len(boxes):
            boxes = self._refine(
                crops, _square(boxes), "onet", ONET.input_size or 48, s.onet_threshold, "min"
            )
        for row in boxes:
            index = int(row[0])
            height, width = images[index].shape[:2]
            x1, y1 = max(float(row[1]), 0.0), max(float(row[2]), 0.0)
            x2, y2 = min(float(row[3]), width), min(float(row[4]), height)
            if x2 <= x1 or y2 <= y1:
                continue
            results[index].append(
                FaceBox(
                    x1 / width, y1 / height, (x2 - x1) / width, (y2 - y1) / height, float(row[5])
                )
            )
        return results

    def _propose(self, normalised: np.ndarray) -> np.ndarray:
        """P-Net's candidate boxes: rows of [slot, x1, y1, x2, y2, confidence] in pixels."""
        s = self.settings
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
        self, crops: _Crops, boxes: np.ndarray, net: str, side: int, threshold: float, method: str
    ) -> np.ndarray:
        """`net` on the crops of every box of the batch, whatever its canvas, REFINE_CHUNK at a
        call."""
        parts = [
            self._nets[net](crops.of(boxes[i : i + REFINE_CHUNK], side))
            for i in range(0, len(boxes), REFINE_CHUNK)
        ]
        outputs = [np.concatenate(heads) for heads in zip(*parts, strict=True)]
        offsets, prob = outputs[0], outputs[-1][:, 1]
        keep = prob > threshold
        boxes = boxes[keep].copy()
        offsets = offsets[keep]
        boxes[:, 5] = prob[keep]
        w = boxes[:, 3] - boxes[:, 1] + 1
        h = boxes[:, 4] - boxes[:, 2] + 1
        boxes[:, 1:5] += offsets * np.stack([w, h, w, h], axis=1)
        return _nms_per_image(boxes, 0.7, method) if len(boxes) else boxes


@dataclass(frozen=True)
class _Crops:
    """The batch's normalised canvases, and where each image of the batch sits in them."""

    stacks: list[np.ndarray]
    group_of: np.ndarray
    slot_of: np.ndarray

    def of(self, boxes: np.ndarray, side: int) -> np.ndarray:
        """(len(boxes), side, side, 3): each box cropped from its image, bilinear."""
        out = np.empty((len(boxes), side, side, 3), np.float32)
        images = boxes[:, 0].astype(np.intp)
        for g, stack in enumerate(self.stacks):
            rows = np.flatnonzero(self.group_of[images] == g)
            if not len(rows):
                continue
            _, height, width, _ = stack.shape
            # crop_and_resize's convention: corners divided by the image size.
            scale = np.array([height, width, height, width])
            relative = (boxes[rows][:, [2, 1, 4, 3]] / scale).astype(np.float32)
            out[rows] = crop_and_resize(stack, relative, self.slot_of[images[rows]], side)
        return out


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


def crop_and_resize(
    images: np.ndarray, boxes: np.ndarray, index: np.ndarray, side: int
) -> np.ndarray:
    """tf.image.crop_and_resize(images, boxes, index, (side, side)) (bilinear, 0 outside):
    boxes are (y1, x1, y2, x2) relative to the image, corners mapped to pixel centres."""
    _, h, w, _ = images.shape
    steps = np.arange(side, dtype=np.float32)
    boxes = boxes.astype(np.float32)
    ys = boxes[:, 0:1] * (h - 1) + steps * ((boxes[:, 2:3] - boxes[:, 0:1]) * (h - 1) / (side - 1))
    xs = boxes[:, 1:2] * (w - 1) + steps * ((boxes[:, 3:4] - boxes[:, 1:2]) * (w - 1) / (side - 1))
    top, left = np.floor(ys), np.floor(xs)
    dy, dx = (ys - top)[:, :, None, None], (xs - left)[:, None, :, None]
    # Flat row indices into (N * H * W, C): one take per corner instead of 3-axis fancy indexing.
    base = (index.astype(np.intp) * h)[:, None, None]
    t = (base + np.clip(top, 0, h - 1).astype(np.intp)[:, :, None]) * w
    b = (base + np.clip(np.ceil(ys), 0, h - 1).astype(np.intp)[:, :, None]) * w
    lf = np.clip(left, 0, w - 1).astype(np.intp)[:, None, :]
    r = np.clip(np.ceil(xs), 0, w - 1).astype(np.intp)[:, None, :]
    flat = images.reshape(-1, images.shape[-1])
    tl, tr, bl, br = (flat.take(i, axis=0) for i in (t + lf, t + r, b + lf, b + r))
    upper = tl + (tr - tl) * dx
    lower = bl + (br - bl) * dx
    out = upper + (lower - upper) * dy
    inside = ((ys >= 0) & (ys <= h - 1))[:, :, None] & ((xs >= 0) & (xs <= w - 1))[:, None, :]
    return np.where(inside[..., None], out, np.float32(0)).astype(np.float32, copy=False)


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
