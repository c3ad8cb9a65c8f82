"""`scan --ray`: a local Ray cluster (started here, 2 actors) tags photos as a local scan does, a
second run adds nothing, and merging the same results again (a re-run after a killed worker)
adds nothing twice."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from phototagger.core import cluster
from phototagger.core.cluster import merge_results, ray_step
from phototagger.core.embeddings import decode_embeddings
from phototagger.core.imaging import thumbnail_path
from phototagger.core.library import Library, open_library
from phototagger.core.scan import ScanSummary, scan
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.paths import LibraryHome
from phototagger.store.embeddings import embedding_count, get_embedding
from phototagger.store.photos import get_photo_by_path
from phototagger.store.tags import tags_of_photo
from tests.photo_factory import REAL_PHOTOS, real_photo, truncated_jpeg
from tests.ray_cluster import local_ray_cluster
from tests.scan_helpers import never_load

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def ray_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`ray start --head --num-cpus=2`, torn down after the module, always; its workers keep
    their model cache in a home of their own."""
    ray = pytest.importorskip("ray")
    with local_ray_cluster(tmp_path_factory.mktemp("ray-workers-home")) as address:
        yield address
        # A driver still connected when the cluster stops is ended by Ray, pytest with it.
        ray.shutdown()


def _photos(folder: Path) -> list[Path]:
    made = [real_photo(folder / f"{name}.jpg", name) for name in REAL_PHOTOS]
    made.append(real_photo(folder / "sub" / "cat-again.jpg", "chelsea", quality=80))
    truncated_jpeg(folder / "broken.jpg")
    return made


def _facts(library: Library, path: Path) -> dict[str, Any]:
    photo = get_photo_by_path(library.db, str(path))
    assert photo is not None
    tags = {t.name: t.confidence for t in tags_of_photo(library.db, photo.id)}
    blob = get_embedding(library.db, photo.id, BACKBONE_NAME)
    return {
        "status": photo.status,
        "hash": photo.content_hash,
        "size": (photo.width, photo.height),
        "version": photo.model_version,
        "tags": tags,
        "embedding": None if blob is None else decode_embeddings([blob])[0],
    }


def test_a_ray_scan_tags_like_a_local_scan(
    engine, ray_cluster: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pics = tmp_path / "Pictures"
    photos = _photos(pics)
    seen_rows: list[dict[str, Any]] = []
    real_results = cluster.results_on_ray

    def recording(*args: Any, **kwargs: Any) -> Iterator[dict[str, Any]]:
        for row in real_results(*args, **kwargs):  # the real pipeline; rows kept for later
            seen_rows.append(row)
            yield row

    monkeypatch.setattr(cluster, "results_on_ray", recording)
    step = ray_step(ray_cluster, workers=2, batch_size=2)
    with (
        open_library(LibraryHome.beside(tmp_path / "ray" / "library.db")) as on_ray,
        open_library(LibraryHome.beside(tmp_path / "local" / "library.db")) as local,
    ):
        summary = scan(on_ray, [str(pics)], never_load, remote=step, people=False)
        assert (summary.found, summary.new, summary.tagged, summary.problems) == (6, 6, 5, 1)
        assert summary.runtime.startswith("a Ray cluster")
        assert sorted(r["path"] for r in seen_rows) == sorted(
            [str(p) for p in photos] + [str(pics / "broken.jpg")]
        )  # each path once

        reference = scan(local, [str(pics)], lambda: engine, people=False, batch_size=4)
        assert (reference.tagged, reference.problems) == (5, 1)
        for path in photos:
            got, want = _facts(on_ray, path), _facts(local, path)
            assert (got["status"], got["hash"], got["size"], got["version"]) == (
                want["status"],
                want["hash"],
                want["size"],
                want["version"],
            )
            assert got["tags"].keys() == want["tags"].keys()
            for name, confidence in want["tags"].items():
                assert got["tags"][name] == pytest.approx(confidence, abs=1e-3)
            np.testing.assert_allclose(got["embedding"], want["embedding"], atol=1e-3)
            assert thumbnail_path(on_ray.thumbnails_dir, got["hash"]).exists()
        assert _facts(on_ray, photos[0])["tags"]  # the cat has tags at all
        broken = get_photo_by_path(on_ray.db, str(pics / "broken.jpg"))
        assert broken is not None and broken.status == "problem"

        # A second run finds everything tagged: nothing is sent, nothing is added.
        before = _facts_all(on_ray, photos)
        again = scan(on_ray, [str(pics)], never_load, remote=step, people=False)
        assert (again.new, again.tagged, again.unchanged) == (0, 0, 5)
        assert len(seen_rows) == 6  # the cluster was not asked again
        assert embedding_count(on_ray.db, BACKBONE_NAME) == 5

        # The same results merged once more (a worker killed and its batch re-run) add nothing.
        assert merge_results(on_ray, seen_rows + seen_rows, ScanSummary()) == 0
        assert _facts_all(on_ray, photos) == before


def _facts_all(library: Library, photos: list[Path]) -> list[Any]:
    return [
        {k: (v.tolist() if isinstance(v, np.ndarray) else v) for k, v in _facts(library, p).items()}
        for p in photos
    ]


def test_a_run_cut_short_resumes_without_duplicates(
    engine, ray_cluster: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Half the results merged (the pipeline died), then a new run: each photo once."""
    pics = tmp_path / "Pictures"
    photos = _photos(pics)
    rows: list[dict[str, Any]] = []
    real_results = cluster.results_on_ray

    def dies_half_way(*args: Any, **kwargs: Any) -> Iterator[dict[str, Any]]:
        # Closed at once (it disconnects from the cluster), not whenever the traceback that
        # pytest.raises keeps lets it go.
        with contextlib.closing(real_results(*args, **kwargs)) as results:
            for row in results:
                rows.append(row)
                if len(rows) > 3:
                    raise cluster.ClusterError("the Ray pipeline failed: a worker was killed")
                yield row

    monkeypatch.setattr(cluster, "results_on_ray", dies_half_way)
    with open_library(LibraryHome.beside(tmp_path / "ray" / "library.db")) as lib:
        with pytest.raises(cluster.ClusterError):
            scan(lib, [str(pics)], never_load, remote=ray_step(ray_cluster), people=False)
        tagged = [p for p in photos if _facts(lib, p)["status"] == "tagged"]
        assert 0 < len(tagged) <= 3 and embedding_count(lib.db, BACKBONE_NAME) == len(tagged)
        monkeypatch.setattr(cluster, "results_on_ray", real_results)
        summary = scan(lib, [str(pics)], never_load, remote=ray_step(ray_cluster), people=False)
        assert summary.tagged == 5 - len(tagged)
        assert all(_facts(lib, p)["status"] == "tagged" for p in photos)
        assert embedding_count(lib.db, BACKBONE_NAME) == 5
