"""A library records which runtime and precision made each photo's embedding; `phototagger models`
counts the photos there now by it and says when fp32 and bf16 are mixed; embeddings from before
(nothing recorded) read as fp32, or 'fp32 or bf16' where the scans of the time counted bf16."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phototagger.cli import main
from phototagger.core.embedding_sources import SETTING, describe_sources, embedding_sources
from phototagger.core.library import open_library
from phototagger.core.trash import mark_trashed
from phototagger.ml.backbone_name import BACKBONE_NAME
from phototagger.ml.runtimes.openvino import native_bf16, openvino_version
from phototagger.paths import default_home
from phototagger.store.embeddings import put_embeddings
from phototagger.store.settings import set_setting
from tests.photo_factory import REAL_PHOTOS, real_photo
from tests.runtime_helpers import runtimes_cache, warm
from tests.store_helpers import add_photo
from tests.test_runtime_bf16_gate import bf16_chosen

__all__ = ["runtimes_cache"]


def test_counts_are_of_the_photos_there_now_and_old_libraries_read_as_fp32(home) -> None:  # noqa: ANN001
    f32, bf16 = "OpenVINO 2026.4.1 f32", "OpenVINO 2026.4.1 bf16"
    with open_library(default_home()) as lib:
        ids = [add_photo(lib.db, f"/photos/{n}.jpg", content_hash=n) for n in "abc"]
        assert embedding_sources(lib.db) == {}
        assert describe_sources(lib.db) == "embeddings: none yet"  # not "made in fp32"
        put_embeddings(lib.db, BACKBONE_NAME, [(i, bytes(8)) for i in ids[:2]])  # before v12
        assert describe_sources(lib.db) == (
            "embeddings: 2 photos; made in fp32 (not recorded: scanned before runtimes were "
            "recorded)"
        )
        set_setting(lib.db, SETTING, {bf16: 7})  # what scans counted before: bf16 among them
        assert "made in fp32 or bf16 (not recorded" in describe_sources(lib.db)
        set_setting(lib.db, SETTING, ["damaged"])
        assert "made in fp32 (not recorded" in describe_sources(lib.db)
        put_embeddings(lib.db, BACKBONE_NAME, [(ids[2], bytes(8))], f32)
        assert describe_sources(lib.db) == (
            f"embeddings: 3 photos; made by {f32} for 1 photo, in fp32 for 2 photos scanned "
            "before this was recorded"
        )
        for _ in range(2):  # embedded again, twice: each photo still counts once
            put_embeddings(lib.db, BACKBONE_NAME, [(i, bytes(8)) for i in ids[:2]], bf16)
        assert embedding_sources(lib.db) == {bf16: 2, f32: 1}
        assert describe_sources(lib.db).endswith("; fp32 and bf16 mixed, measured compatible")
        mark_trashed(lib.db, [ids[0]])  # in the trash: no longer counted
        assert embedding_sources(lib.db) == {bf16: 1, f32: 1}
        assert describe_sources(lib.db).startswith("embeddings: 2 photos; made by ")


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
