"""A library records which runtime and precision embedded its photos: each scan adds its count,
`phototagger models` shows them and says when fp32 and bf16 are mixed; a library from before
(nothing recorded) reads as fp32; a damaged record reads as unknown and the scan goes on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phototagger.cli import main
from phototagger.core.embedding_sources import (
    SETTING,
    describe_sources,
    embedding_sources,
    note_embedding_source,
)
from phototagger.core.library import open_library
from phototagger.ml.runtimes.openvino import native_bf16, openvino_version
from phototagger.paths import default_home
from phototagger.store.settings import set_setting
from tests.photo_factory import REAL_PHOTOS, real_photo
from tests.runtime_helpers import runtimes_cache, warm
from tests.test_runtime_bf16_gate import bf16_chosen

__all__ = ["runtimes_cache"]


def test_counts_add_up_and_old_libraries_read_as_fp32(home) -> None:  # noqa: ANN001
    with open_library(default_home()) as lib:
        assert embedding_sources(lib.db) == {}
        assert "fp32 (not recorded" in describe_sources(lib.db)
        note_embedding_source(lib.db, "OpenVINO 2026.4.1 f32", 3)
        note_embedding_source(lib.db, "OpenVINO 2026.4.1 f32", 2)
        note_embedding_source(lib.db, "", 7)  # the model did not run
        assert embedding_sources(lib.db) == {"OpenVINO 2026.4.1 f32": 5}
        assert "mixed" not in describe_sources(lib.db)
        note_embedding_source(lib.db, "OpenVINO 2026.4.1 bf16", 1)
        assert "fp32 and bf16 mixed" in describe_sources(lib.db)
        set_setting(lib.db, SETTING, ["damaged"])
        assert embedding_sources(lib.db) == {}
        note_embedding_source(lib.db, "TensorFlow fp32", 2)  # counted again from here
        assert embedding_sources(lib.db) == {"TensorFlow fp32": 2}


@pytest.mark.skipif(not native_bf16(), reason="this CPU has no native bf16")
def test_scans_record_their_runtime_and_models_shows_a_mix(
    engine,  # noqa: ANN001
    runtimes_cache: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cache = warm(runtimes_cache)
    version = openvino_version()
    pics = tmp_path / "Pictures"
    for name in REAL_PHOTOS[:2]:
        real_photo(pics / f"{name}.jpg", name)
    assert main(["scan", "--json", "--quiet", "--runtime", "openvino", str(pics)]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["runtime"].startswith(f"OpenVINO {version} f32"), first
    bf16_chosen(cache)
    for name in REAL_PHOTOS[2:]:
        real_photo(pics / f"{name}.jpg", name)
    assert main(["scan", "--json", "--quiet", str(pics)]) == 0
    second = json.loads(capsys.readouterr().out)
    assert second["tagged"] == 2 and second["runtime"].startswith(f"OpenVINO {version} bf16")
    with open_library(default_home()) as lib:
        assert embedding_sources(lib.db) == {
            f"OpenVINO {version} f32": 2,
            f"OpenVINO {version} bf16": 2,
        }
    assert main(["models"]) == 0
    shown = capsys.readouterr().out
    assert f"OpenVINO {version} f32 for 2 photos" in shown and "fp32 and bf16 mixed" in shown
