"""A Cancel (or Ctrl-C) pressed while a scan converts the model to the runtime the user forced
(`phototagger scan --runtime litert`, or the runtime setting, on a fresh library) ends the scan
within a moment: the conversion runs in the child process a cancel kills, as the check after a
first scan does. It ran in the scan's own process, and Cancel waited for it (LiteRT's took 17-40 s
on 2 busy cores). Nothing half-converted is left in the cache; the photos stay pending and the
next scan converts again."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from phototagger.core.jobs import CancelToken
from phototagger.core.model.tagger import load_active_tagger
from phototagger.core.scan import scan
from phototagger.ml.runtimes.candidates import candidate
from phototagger.ml.weights_source import file_digest, source_weights_path
from phototagger.paths import default_home
from tests import photo_factory as pf
from tests.runtime_helpers import CancelDuringLiteRt
from tests.scan_helpers import new_library

pytestmark = pytest.mark.model

PROMPT_S = 2.0  # from the press to the scan's end (about 0.2 s measured on 2 busy cores)


def test_cancel_during_a_forced_conversion_ends_the_scan_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "Pictures"
    for name in ("chelsea", "coffee", "astronaut", "rocket"):
        pf.real_photo(folder / f"{name}.jpg", name)
    cache = default_home().runtimes_cache
    token = CancelToken()
    with new_library() as lib, CancelDuringLiteRt(cache, token) as cancel:
        summary = scan(
            lib,
            [str(folder)],
            lambda: load_active_tagger(lib, runtime="litert"),
            cancel=token,
            people=False,
        )
        ended = time.monotonic()
    assert cancel.pressed is not None, "the scan never converted to LiteRT"
    waited = ended - cancel.pressed
    print(f"the scan ended {waited:.2f} s after Cancel")
    assert waited < PROMPT_S, f"the scan ended {waited:.1f} s after Cancel"
    assert summary.cancelled
    assert (summary.tagged, summary.pending_left) == (0, 4)
    # Nothing of LiteRT's in the cache, no working folder left behind.
    litert = candidate("litert", file_digest(source_weights_path()), cache)
    assert litert is not None and not litert.exists
    left = sorted(str(p.relative_to(cache)) for p in cache.rglob(".*"))
    assert not left, left
