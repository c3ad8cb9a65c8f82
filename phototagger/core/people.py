"""People: faces found in each photo become boxes and the tags `people`, `portrait` and `group`.

The detector looks at the scan's thumbnail (the same decode that feeds the tagger), so finding
people costs no extra read of the photo: during a scan it runs on each batch, and for a library
scanned before the detector existed, `find_people` reads the cached thumbnails instead of the
originals. Tag rules are data (models/people.json). The tags are ordinary photo tags, so a user's
decision wins: a rejected `people` stays rejected however often the detector runs again.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np
import sqlite_utils
from PIL import Image

from phototagger import paths
from phototagger.core.errors import PhotoError
from phototagger.core.imaging import load_full_image, thumbnail_path
from phototagger.core.jobs import CancelToken, Progress, ProgressCallback, RateMeter
from phototagger.core.library import Library
from phototagger.core.states import TagOrigin
from phototagger.store.connection import transaction
from phototagger.store.faces import (
    StoredFace,
    face_confidences,
    face_counts,
    faces_of,
    photos_to_examine,
    replace_faces,
)
from phototagger.store.tags import decided_photo_ids, ensure_tag, name_key, write_model_tags

DETECTOR_SIDE = 320  # the thumbnail's long side: what the detector sees
_DETECTING = threading.Lock()
_FACES_THREAD: list[ThreadPoolExecutor] = []  # the process's one detection thread, once started
_STARTING = threading.Lock()  # not _DETECTING: starting must not wait for a detection


class Face(Protocol):
    @property
    def x(self) -> float: ...
    @property
    def y(self) -> float: ...
    @property
    def w(self) -> float: ...
    @property
    def h(self) -> float: ...
    @property
    def confidence(self) -> float: ...


class FaceFinder(Protocol):
    """What the core needs from the face detector (phototagger.ml.faces.FaceDetector)."""

    @property
    def version(self) -> str: ...

    @property
    def compatible_versions(self) -> Sequence[str]:
        """Detector versions whose stored faces stand: photos they examined are not redone."""
        ...

    def detect(self, images: Sequence[np.ndarray]) -> Sequence[Sequence[Face]]: ...


@dataclass(frozen=True)
class PeopleTag:
    name: str
    min_faces: int = 1
    max_faces: int | None = None
    min_face_height: float = 0.0  # of the photo's height, for the largest face


@dataclass(frozen=True)
class PeopleRules:
    tags: tuple[PeopleTag, ...]
    min_confidence: float
    detector: dict[str, float] = field(default_factory=dict)

    @property
    def tag_names(self) -> list[str]:
        return [t.name for t in self.tags]


def load_rules(folder: Path | None = None) -> PeopleRules:
    spec = json.loads(((folder or paths.models_data_dir()) / "people.json").read_text("utf-8"))
    tags = tuple(
        PeopleTag(
            t["name"],
            int(t.get("min_faces", 1)),
            t.get("max_faces"),
            float(t.get("min_face_height", 0.0)),
        )
        for t in spec["tags"]
    )
    return PeopleRules(tags, float(spec["min_confidence"]), dict(spec.get("detector", {})))


def kept_faces(faces: Sequence[Face], rules: PeopleRules) -> list[Face]:
    return sorted(
        (f for f in faces if f.confidence >= rules.min_confidence), key=lambda f: -f.confidence
    )


def people_scores(faces: Sequence[Face], rules: PeopleRules) -> tuple[dict[str, float], list[str]]:
    """Each people tag's score and which tags the faces earn. A tag's score is the confidence of
    the weakest face it needs (0 when there are too few faces)."""
    kept = kept_faces(faces, rules)
    scores: dict[str, float] = {}
    suggested: list[str] = []
    for tag in rules.tags:
        enough = len(kept) >= tag.min_faces
        too_many = tag.max_faces is not None and len(kept) > tag.max_faces
        large = bool(kept) and max(f.h for f in kept) >= tag.min_face_height
        scores[tag.name] = float(kept[tag.min_faces - 1].confidence) if enough else 0.0
        if enough and not too_many and large:
            suggested.append(tag.name)
    return scores, suggested


def record_people(
    db: sqlite_utils.Database,
    photo_id: int,
    faces: Sequence[Face],
    detector: str,
    rules: PeopleRules,
) -> None:
    """Store the photo's faces and people tags (inside the caller's transaction). Faces below the
    counting confidence are kept too: the review queue shows the photos nearest the line."""
    kept = kept_faces(faces, rules)
    replace_faces(
        db, photo_id, [(f.x, f.y, f.w, f.h, f.confidence) for f in faces], detector, len(kept)
    )
    for name in rules.tag_names:
        ensure_tag(db, name, TagOrigin.DETECTOR)
    scores, suggested = people_scores(kept, rules)
    write_model_tags(db, photo_id, scores, suggested, detector, only_scored=True)


def faces_in_photo(db: sqlite_utils.Database, photo_id: int) -> list[StoredFace]:
    """The photo's counted face boxes (relative to the oriented photo), most confident first."""
    return faces_of(db, photo_id, load_rules().min_confidence)


def faces_looked_for(db: sqlite_utils.Database, photo_id: int) -> bool:
    """Whether the face detector has looked at the photo (no: a clip, or a photo scanned
    before faces were looked for, until `phototagger people` or the next scan)."""
    return photo_id in face_counts(db, [photo_id])


def people_review(
    db: sqlite_utils.Database, tag: str, limit: int = 50
) -> list[tuple[int, float]] | None:
    """(photo id, score) of the undecided photos whose score for the people tag `tag` is nearest
    the counting line, or None if `tag` is not a people tag. A photo's score is the confidence of
    the weakest face the tag needs (see people_scores); size rules are left out, since only
    confidences decide what a correction would teach."""
    rules = load_rules()
    spec = _people_tag(rules, tag)
    if spec is None:
        return None
    decided = decided_photo_ids(db, spec.name)
    candidates = [
        (pid, confs[spec.min_faces - 1])
        for pid, confs in face_confidences(db).items()
        if pid not in decided and len(confs) >= spec.min_faces
    ]
    candidates.sort(key=lambda item: abs(item[1] - rules.min_confidence))
    return candidates[:limit]


def people_tag_scores(db: sqlite_utils.Database, tag: str) -> list[tuple[int, float]] | None:
    """(photo id, score) for the people tag `tag` on every photo the detector has looked at,
    highest first, or None if `tag` is not a people tag: `scores people` as `review people`
    ranks them (the weakest face the tag needs, under the counting line too; 0 for too few)."""
    spec = _people_tag(load_rules(), tag)
    if spec is None:
        return None
    scored = [
        (pid, confs[spec.min_faces - 1] if len(confs) >= spec.min_faces else 0.0)
        for pid, confs in face_confidences(db).items()
    ]
    scored.sort(key=lambda item: -item[1])
    return scored


def _people_tag(rules: PeopleRules, tag: str) -> PeopleTag | None:
    # As the database tells tags apart: a user's 'ärzte' is not the people tag 'Ärzte'.
    folded = name_key(tag.strip())
    return next((t for t in rules.tags if name_key(t.name) == folded), None)


def detector_input(image: Image.Image) -> np.ndarray:
    """The detector's view of a decoded photo: RGB, long side at most DETECTOR_SIDE."""
    if max(image.size) > DETECTOR_SIDE:
        image = image.copy()
        image.thumbnail((DETECTOR_SIDE, DETECTOR_SIDE), Image.Resampling.BILINEAR)
    return np.asarray(image.convert("RGB"), dtype=np.uint8)


def load_finder(
    rules: PeopleRules | None = None, runtime: str = "auto", device: str = "auto"
) -> FaceFinder:
    """The packaged face detector, configured from models/people.json, its nets on the runtime
    the backbone's choice rules pick (OpenVINO on the CPU unless TensorFlow is forced, a GPU is
    used or OpenVINO is missing; no verdict is needed: both build from the same weights and
    agree, tests/test_people_openvino_agrees.py)."""
    from phototagger.ml.device import parse_choice
    from phototagger.ml.faces import DetectorSettings, load_face_detector
    from phototagger.ml.runtimes import parse_runtime
    from phototagger.ml.runtimes.choice import tensorflow_reason

    reason = tensorflow_reason(parse_runtime(runtime), parse_choice(device))
    settings = (rules or load_rules()).detector
    default = DetectorSettings()
    return load_face_detector(
        DetectorSettings(
            min_face=int(settings.get("min_face", default.min_face)),
            pnet_threshold=float(settings.get("pnet_threshold", default.pnet_threshold)),
            rnet_threshold=float(settings.get("rnet_threshold", default.rnet_threshold)),
            onet_threshold=float(settings.get("onet_threshold", default.onet_threshold)),
            pyramid_factor=float(settings.get("pyramid_factor", default.pyramid_factor)),
            canvas=str(settings.get("canvas", default.canvas)),
        ),
        "tensorflow" if reason else "openvino",
    )


def _faces_thread() -> ThreadPoolExecutor:
    """One detection thread for the whole process, started on first use and never closed, so
    nothing is left to close when a scan stops or fails. Its worker is not a daemon: the
    interpreter waits for its batch before shutting down (a daemon thread still inside OpenVINO
    while the process tore down OpenVINO's own threads ended it with "terminate called without
    an active exception", SIGABRT, after a double Ctrl-C during a scan).

    Not a thread per batch: each new thread that ran the detector kept memory of its own
    (malloc arenas, OpenVINO's per-thread buffers), so a faces-on scan of 1,000 det-photos grew
    by ~25 MiB a batch to a 1.6 GB peak; on one thread it stays near 870 MiB
    (benchmarks/scan_profile.py)."""
    with _STARTING:
        if not _FACES_THREAD:
            _FACES_THREAD.append(ThreadPoolExecutor(1, thread_name_prefix="faces"))
        return _FACES_THREAD[0]


class PeopleStep:
    """The scan's hook: finds faces in a batch of decoded thumbnails and records them. The
    detector is loaded on first use, like the tagger."""

    def __init__(
        self,
        load: Callable[[], FaceFinder] | None = None,
        rules: PeopleRules | None = None,
        runtime: str = "auto",
        device: str = "auto",
    ) -> None:
        self.rules = rules or load_rules()
        self._load = load or (lambda: load_finder(self.rules, runtime, device))
        self._finder: FaceFinder | None = None

    def finder(self) -> FaceFinder:
        if self._finder is None:
            self._finder = self._load()
        return self._finder

    def detect(self, thumbnails: Sequence[Image.Image]) -> list[Sequence[Face]]:
        if not thumbnails:
            return []
        images = [detector_input(t) for t in thumbnails]
        # One detection at a time in the process: the loaded nets are shared (ml loads them
        # once), and an OpenVINO net runs one call at a time. A scan that failed mid-batch may
        # leave its detection running while the next scan starts.
        with _DETECTING:
            return list(self.finder().detect(images))

    def detect_later(self, thumbnails: Sequence[Image.Image]) -> Future[list[Sequence[Face]]]:
        """`detect` on a thread of its own, so the scan runs the backbone meanwhile: the two
        networks then share the cores instead of taking turns (the detector's many small calls
        and numpy steps leave a core idle). Only on OpenVINO, whose calls release the GIL and
        are safe from two threads; the detector is loaded here, on the caller's thread."""
        finder = self.finder() if thumbnails else None
        if finder is None or getattr(finder, "runtime", None) != "openvino":
            done: Future[list[Sequence[Face]]] = Future()
            done.set_result(self.detect(thumbnails))
            return done
        return _faces_thread().submit(self.detect, thumbnails)

    def record(
        self, db: sqlite_utils.Database, photo_ids: Sequence[int], found: Sequence[Sequence[Face]]
    ) -> None:
        version = self.finder().version
        for photo_id, faces in zip(photo_ids, found, strict=True):
            record_people(db, photo_id, faces, version, self.rules)


@dataclass
class PeopleSummary:
    examined: int = 0
    with_people: int = 0
    from_originals: int = 0  # thumbnails missing from the cache: read from the photo itself
    problems: int = 0
    cancelled: bool = False


def find_people(
    library: Library,
    step: PeopleStep | None = None,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    batch_size: int = 32,
) -> PeopleSummary:
    """Look for people in photos scanned before the detector, or by a version of it whose faces
    are not compatible with this one's (a photo examined by a compatible version is not redone).

    Reads the cached thumbnails, commits per batch and marks each photo examined, so a cancelled
    or killed run resumes where it stopped."""
    step = step or PeopleStep()
    report = progress or (lambda _: None)
    token = cancel or CancelToken()
    summary = PeopleSummary()
    todo = photos_to_examine(library.db, step.finder().compatible_versions)
    meter = RateMeter()
    meter.update(0)
    for start in range(0, len(todo), batch_size):
        if token.cancelled:
            summary.cancelled = True
            break
        batch = todo[start : start + batch_size]
        ids: list[int] = []
        images: list[Image.Image] = []
        for photo_id, path, content_hash in batch:
            image = _thumbnail(library, path, content_hash, summary)
            if image is not None:
                ids.append(photo_id)
                images.append(image)
        found = step.detect(images)
        with transaction(library.db):
            step.record(library.db, ids, found)
        summary.examined += len(ids)
        summary.with_people += sum(1 for faces in found if kept_faces(faces, step.rules))
        done = start + len(batch)
        meter.update(done)
        report(
            Progress(
                "finding people",
                done,
                len(todo),
                batch[-1][1],
                meter.rate,
                meter.eta(done, len(todo)),
                summary.problems,
            )
        )
    return summary


def _thumbnail(
    library: Library, path: str, content_hash: str, summary: PeopleSummary
) -> Image.Image | None:
    cached = thumbnail_path(library.thumbnails_dir, content_hash)
    try:
        with Image.open(cached) as im:
            return im.convert("RGB")
    except OSError:
        pass
    try:
        summary.from_originals += 1
        return load_full_image(path, DETECTOR_SIDE)
    except PhotoError:
        summary.problems += 1  # the scan already recorded why; the photo stays unexamined
        return None
