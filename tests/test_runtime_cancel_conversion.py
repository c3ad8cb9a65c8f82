"""A Cancel (or Ctrl-C) pressed while the check after a first scan converts the model ends the
check within a moment, not once the conversion is done (LiteRT's took 20-40 s on 2 busy cores):
the conversion runs in a child process that is killed. Nothing half-converted is left in the cache,
a conversion finished before the cancel is kept, and the next scan checks again, from there."""

from __future__ import annotations

import time

import pytest

from benchmarks._photos import photo_set
from phototagger.ml.runtimes.agreement import MIN_PHOTOS
from phototagger.ml.runtimes.candidates import installed_candidates
from phototagger.ml.runtimes.conversion_check import load_cached
from phototagger.ml.runtimes.deferred import FIRST_SCAN, STOPPED
from phototagger.ml.runtimes.measurement import record_path
from phototagger.ml.weights_source import file_digest, source_weights_path
from phototagger.paths import default_home
from tests.runtime_helpers import CancelDuringLiteRt, current_record, load_runtime_engine
from tests.session_runtimes import sessions_tensorflow

__all__ = ["sessions_tensorflow"]

pytestmark = pytest.mark.model

PROMPT_S = 2.0  # from the press to the check's end


def test_cancel_while_converting_ends_at_once_and_the_next_scan_checks_again(
    sessions_tensorflow: object,
) -> None:
    """(The scan's TensorFlow is the session's engine; the conversion and its cancel are real,
    in the child process.)"""
    _, pixels = photo_set()
    tagger = load_runtime_engine("auto", "cpu", None, lambda: pixels[:0])
    assert tagger.runtime == FIRST_SCAN
    tagger.embed(pixels[:MIN_PHOTOS])  # the scan: as few photos as the check takes
    cache = default_home().runtimes_cache
    digest = file_digest(source_weights_path())
    with CancelDuringLiteRt(cache) as cancel:
        tagger.after_scan(cancel)  # type: ignore[attr-defined]
        ended = time.monotonic()
    assert cancel.pressed is not None, "the check never converted to LiteRT"
    waited = ended - cancel.pressed
    assert waited < PROMPT_S, f"the check ended {waited:.1f} s after Cancel"
    assert tagger.runtime == STOPPED
    # Nothing recorded, nothing of LiteRT's in the cache, no working folder left behind; the
    # OpenVINO conversion finished before the cancel is kept for the next check.
    assert current_record() is None and not record_path(digest, cache).exists()
    by_name = {c.name: c for c in installed_candidates(digest, cache)}
    assert not by_name["litert"].exists
    assert by_name["openvino"].exists
    left = sorted(p.name for p in cache.iterdir() if p.name.startswith("."))
    assert not left, left
    # The next scan runs on TensorFlow and checks after it, from where this one stopped (the
    # check run to its end through the child process: tests/runtime_helpers.py's measurement).
    again = load_runtime_engine("auto", "cpu", None, lambda: pixels[:0])
    assert again.runtime == FIRST_SCAN, again.runtime
    assert again.checks_after_scan  # type: ignore[attr-defined]
    assert load_cached(by_name["openvino"]) is not None
