"""On a CPU with native bf16, OpenVINO's mixed precision was named by its key: the scan's runtime
line said "the model ran on OpenVINO 2026.4.1 f32stem6-bf16", and `models` "made by OpenVINO
2026.4.1 f32stem6-bf16 for 200 photos". The key stays what the embeddings record (and what keys
the verdict); what the user reads says it in words, as "bf16" and "fp32" are said beside it:
"OpenVINO 2026.4.1 bf16 with the first layers in fp32". Tested on the titles and records that say
MIXED, whatever this machine's CPU."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import numpy as np
import pytest

from phototagger.commands.library import runtime_lines
from phototagger.core.embedding_sources import describe_sources, embedding_sources
from phototagger.core.library import open_library
from phototagger.ml.backbone_name import BACKBONE_NAME
from phototagger.ml.runtimes import choice, openvino
from phototagger.ml.runtimes.agreement import Agreement
from phototagger.ml.runtimes.candidates import OpenVinoMixedCandidate, installed_candidates
from phototagger.ml.runtimes.measurement import Measured, decide, read_record, record_path
from phototagger.ml.weights_source import file_digest, source_weights_path
from phototagger.paths import default_home
from phototagger.store.embeddings import put_embeddings
from tests.cli_helpers import run
from tests.runtime_helpers import load_runtime_engine
from tests.store_helpers import add_photo

KEY = f"OpenVINO 2026.4.1 {openvino.MIXED}"
WORDS = "OpenVINO 2026.4.1 bf16 with the first layers in fp32"
NO_SAMPLE = np.zeros((0, 224, 224, 3), np.uint8)


def test_the_mixed_runtime_keeps_its_key_and_reads_in_words(tmp_path: Path) -> None:
    mixed = OpenVinoMixedCandidate("0" * 64, "2026.4.1", tmp_path)
    assert (mixed.title, mixed.words) == (KEY, WORDS)  # the key, recorded with the embeddings
    assert openvino.title_in_words("OpenVINO 2026.4.1 bf16") == "OpenVINO 2026.4.1 bf16"
    # The scan's runtime line, as the chosen runtime's engine words it, and the figures of the
    # measurement under it.
    same = Agreement(200, 0.995, 0.99, 0.9986, 0.98)
    measured = [
        Measured("openvino", "OpenVINO 2026.4.1 f32", same, 127.0),
        Measured(mixed.name, mixed.title, same, 192.0),
    ]
    chosen, reason = decide(measured, 32)
    assert chosen == mixed.name
    assert f"{WORDS} 192.0 img/s" in reason and openvino.MIXED not in reason
    ran, *why = runtime_lines(f"{mixed.words} (checked on {same.describe()}; auto: {reason})")
    assert ran == f"the model ran on {WORDS}"
    assert not any(openvino.MIXED in line for line in why), why


def test_models_says_the_mixed_precision_in_words(
    home,  # noqa: ANN001
    capsys: pytest.CaptureFixture[str],
) -> None:
    with open_library(default_home()) as lib:
        ids = [add_photo(lib.db, f"/photos/{n}.jpg", content_hash=n) for n in "abc"]
        put_embeddings(lib.db, BACKBONE_NAME, [(i, bytes(8)) for i in ids[:2]], KEY)
        put_embeddings(lib.db, BACKBONE_NAME, [(ids[2], bytes(8))], "TensorFlow fp32")
        assert embedding_sources(lib.db) == {KEY: 2, "TensorFlow fp32": 1}  # the key kept
        assert describe_sources(lib.db) == (
            f"embeddings: 3 photos; made by {WORDS} for 2 photos, by TensorFlow fp32 for 1 "
            "photo; fp32 and bf16 mixed, measured compatible"
        )
    code, out, _ = run(capsys, "models")
    assert code == 0 and f"made by {WORDS} for 2 photos" in out, out


def test_a_record_measured_before_says_the_mixed_precision_in_words(
    home,  # noqa: ANN001
    engine,  # noqa: ANN001
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A choice record measured before the words kept the key in its reason ("OpenVINO 2026.4.1
    f32stem6-bf16 disagreed ..."), and every scan then said it, until the runtimes were measured
    again. Read, it says the words; the file is left as it was written."""
    digest = file_digest(source_weights_path())
    cache = default_home().runtimes_cache
    candidates = installed_candidates(digest, cache)
    off = Agreement(200, 0.97, 0.95, 0.991, 0.9)  # turned down: none agrees, TensorFlow stays
    measured = [
        Measured("openvino", "OpenVINO 2026.4.1 f32", off, 127.0),
        Measured("openvino-mixed", KEY, off, 192.0),
    ]
    # The reason as decide() and measure() wrote it then: the titles as stored.
    reason = "; ".join(
        [
            *(f"{m.title} disagreed ({m.agreement.describe()})" for m in measured),
            f"{KEY} could not be converted (out of memory)",
        ]
    )
    written = {
        "versions": {c.name: c.version for c in candidates},
        "batch": 32,
        "measured": [m.as_dict() for m in measured],
        "chosen": None,
        "reason": reason,
        "failed": [],
    }
    path = record_path(digest, cache)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(written, indent=2), "utf-8")
    record = read_record(path, candidates)
    assert record is not None
    assert record.reason == (
        f"OpenVINO 2026.4.1 f32 disagreed ({off.describe()}); {WORDS} disagreed "
        f"({off.describe()}); {WORDS} could not be converted (out of memory)"
    )
    # What the scan says: its runtime, and why below it. TensorFlow is the session's engine (a
    # copy: the runtime line is set on it), not loaded again for seconds.
    monkeypatch.setattr(choice, "load_engine", lambda *_, **__: copy.copy(engine))
    tagger = load_runtime_engine("auto", "cpu", None, lambda: NO_SAMPLE)
    assert tagger.runtime == f"TensorFlow fp32: {record.reason}"
    ran, *why = runtime_lines(tagger.runtime)
    assert ran == "the model ran on TensorFlow fp32"
    assert WORDS in " ".join(" ".join(why).split())
    assert json.loads(path.read_text("utf-8")) == written  # the user's file as it was
