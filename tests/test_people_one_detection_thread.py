"""The scan's face detection runs beside the CNN on one thread for the whole process, not a new
thread per batch: each thread that ran the detector kept memory of its own, and a faces-on scan
of 1,000 photos grew to 1.6 GB. The faces it finds are the ones `detect` finds on the caller's."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from phototagger.core.imaging import decode_photo
from phototagger.core.people import Face, FaceFinder, PeopleStep, load_finder, load_rules
from tests.people_photos import group_photo
from tests.photo_factory import real_photo


class _ThreadNoting:
    """The real OpenVINO detector, noting which thread each detection ran on."""

    def __init__(self, finder: FaceFinder) -> None:
        self._finder = finder
        self.runtime = getattr(finder, "runtime", None)
        self.threads: list[int] = []

    @property
    def version(self) -> str:
        return self._finder.version

    @property
    def compatible_versions(self) -> Sequence[str]:
        return self._finder.compatible_versions

    def detect(self, images: Sequence[np.ndarray]) -> Sequence[Sequence[Face]]:
        self.threads.append(threading.get_ident())
        return self._finder.detect(images)


def test_batches_share_one_detection_thread_and_find_the_same_faces(tmp_path: Path) -> None:
    rules = load_rules()
    noting = _ThreadNoting(load_finder(rules, runtime="auto", device="cpu"))
    assert noting.runtime == "openvino"
    step = PeopleStep(load=lambda: noting, rules=rules)
    thumbs = [
        decode_photo(p).thumbnail
        for p in (
            real_photo(tmp_path / "astronaut.jpg", "astronaut"),
            real_photo(tmp_path / "coffee.jpg", "coffee"),
            group_photo(tmp_path / "team.jpg"),
        )
    ]
    later = [step.detect_later([t]).result() for t in thumbs]
    background = set(noting.threads)
    now = [step.detect([t]) for t in thumbs]
    # A second step (the next scan in the same process) uses the same thread.
    again = PeopleStep(load=lambda: noting, rules=rules).detect_later(thumbs[:1]).result()

    assert len(background) == 1 and threading.get_ident() not in background
    assert set(noting.threads[len(thumbs) : 2 * len(thumbs)]) == {threading.get_ident()}
    assert noting.threads[-1] in background
    assert later == now and again == now[0]
    assert [len(f[0]) for f in now][:2] == [1, 0]  # the astronaut's face; none in the coffee
