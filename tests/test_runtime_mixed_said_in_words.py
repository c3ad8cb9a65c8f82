"""On a CPU with native bf16, OpenVINO's mixed precision was named by its key: the scan's runtime
line said "the model ran on OpenVINO 2026.4.1 f32stem6-bf16", and `models` "made by OpenVINO
2026.4.1 f32stem6-bf16 for 200 photos". The key stays what the embeddings record (and what keys
the verdict); what the user reads says it in words, as "bf16" and "fp32" are said beside it:
"OpenVINO 2026.4.1 bf16 with the first layers in fp32". Tested on the titles and records that say
MIXED, whatever this machine's CPU."""

from __future__ import annotations

from pathlib import Path

import pytest

from phototagger.commands.library import runtime_lines
from phototagger.core.embedding_sources import describe_sources, embedding_sources
from phototagger.core.library import open_library
from phototagger.ml.backbone_name import BACKBONE_NAME
from phototagger.ml.runtimes import openvino
from phototagger.ml.runtimes.agreement import Agreement
from phototagger.ml.runtimes.candidates import OpenVinoMixedCandidate
from phototagger.ml.runtimes.measurement import Measured, decide
from phototagger.paths import default_home
from phototagger.store.embeddings import put_embeddings
from tests.cli_helpers import run
from tests.store_helpers import add_photo

KEY = f"OpenVINO 2026.4.1 {openvino.MIXED}"
WORDS = "OpenVINO 2026.4.1 bf16 with the first layers in fp32"


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
