"""`scan --ray`: a local Ray cluster (started here, 2 actors) does what a local scan does: photos
tagged alike; real faces found, clips pooled and problems recorded as in a local scan of the same
folder (companions left local); a second run adds nothing; merging the same results again adds
nothing twice; an actor killed mid-run is restarted, and a run cut short resumes without
duplicates; `phototagger scan --ray` leaves at once, as every command does
(test_cli_leaves_at_once.py), on this module's cluster rather than one of its own."""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from phototagger.core import cluster
from phototagger.core.cluster import RayOptions, merge_results, ray_step
from phototagger.core.embeddings import decode_embeddings
from phototagger.core.imaging import thumbnail_path
from phototagger.core.library import Library, open_library
from phototagger.core.people import PeopleStep, find_people
from phototagger.core.scan import ScanSummary, scan
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.paths import LibraryHome
from phototagger.store.embeddings import embedding_count, get_embedding
from phototagger.store.faces import faces_of
from phototagger.store.media import media_of
from phototagger.store.photos import get_photo_by_path, photo_ids_sorted
from phototagger.store.problems import list_problems
from phototagger.store.tags import tags_of_photo
from tests.dated_photos import DET_PHOTOS
from tests.media_factory import photo_clip, raw_photo, truncated_clip
from tests.photo_factory import (
    REAL_PHOTOS,
    corrupt_jpeg,
    lfw_face,
    non_utf8_name,
    real_photo,
    truncated_jpeg,
)
from tests.ray_cluster import RAY_CHILD, local_ray_cluster, worker_processes
from tests.scan_helpers import never_load
from tests.test_cli_leaves_at_once import TORN_DOWN, _finished, _phototagger, _whole
from tests.test_cli_leaves_at_once import _photos as _det_photos

# Run in a child process of their own by test_scan_on_ray_child.py: Ray's driver teardown, after
# ray.shutdown() had completed, now and then ends the whole process with a segmentation fault
# (twice in about a dozen full runs), and with it every test after this module.
pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(
        os.environ.get(RAY_CHILD) != "1", reason="run in a child process (test_scan_on_ray_child)"
    ),
]


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
    step = ray_step(ray_cluster, RayOptions(workers=2, batch_size=2, people=False))
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


def test_a_scan_on_ray_leaves_at_once_with_the_library_whole(
    ray_cluster: str, tmp_path: Path
) -> None:
    """After `ray.shutdown()` Ray Data leaves a daemon thread polling its usage metrics: the
    process leaves at once all the same, its results merged and the library closed."""
    pics = tmp_path / "Pictures"
    _det_photos(pics, 3)
    argv = ["scan", "--ray", ray_cluster, "--ray-workers", "1", str(pics)]
    code, out, err = _finished(_phototagger(tmp_path, *argv))
    assert code == 0 and "3 tagged in" in out and "on a Ray cluster" in out, (out, err)
    assert TORN_DOWN not in err and "Traceback" not in err, err
    _whole(3)


def _mixed(folder: Path) -> None:
    """Real faces, a cat, clips (one with a face, one cut short), a live photo and a RAW+JPEG
    pair (their companions stay local), a name that is not UTF-8, and a corrupt file."""
    for i in range(3):
        lfw_face(folder / f"face{i}.jpg", i)
    real_photo(folder / "cat.jpg", "chelsea")
    photo_clip(folder / "clips" / "walk.mp4", ("astronaut", "chelsea"), seconds_each=2.0)
    truncated_clip(folder / "clips" / "cut.mp4")
    real_photo(folder / "live" / "IMG_0001.jpg", "astronaut")
    photo_clip(folder / "live" / "IMG_0001.mov", ("astronaut",), seconds_each=1.0)
    real_photo(folder / "raw" / "IMG_0002.jpg", "coffee")
    raw_photo(folder / "raw" / "IMG_0002.dng")
    corrupt_jpeg(folder / "corrupt.jpg")
    non_utf8_name(folder / "zip")  # its stored name is not what the OS calls it


def _all_on_ray(library: Library, pics: Path, address: str, batch_size: int) -> ScanSummary:
    """A scan whose every photo is tagged and looked at on the cluster: the local CNN and
    face detector are never loaded."""
    return scan(
        library,
        [str(pics)],
        never_load,
        remote=ray_step(address, RayOptions(workers=2, batch_size=batch_size)),
        people=PeopleStep(never_load),
    )


def _everything(library: Library, root: Path) -> dict[str, Any]:
    """What a scan wrote about each file under `root`, by relative path: status, hash, model
    tags (confidence, state, version), faces, face-scan detector, media row; and the problems."""
    db = library.db
    out: dict[str, Any] = {}
    rows = list(db.execute("SELECT id, path, status, content_hash, width, height FROM photos"))
    media = media_of(db, [int(r[0]) for r in rows])
    for pid, path, status, content_hash, width, height in rows:
        tags = {t.name: (t.confidence, t.state, t.model_version) for t in tags_of_photo(db, pid)}
        faces = [(f.x, f.y, f.w, f.h, f.confidence) for f in faces_of(db, pid)]
        scans = list(db.execute("SELECT detector, faces FROM face_scans WHERE photo_id = ?", [pid]))
        m = media.get(pid)
        out[str(Path(path).relative_to(root))] = {
            "status": status,
            "hash": content_hash,
            "size": (width, height),
            "tags": tags,
            "faces": faces,
            "face_scan": scans,
            "media": None
            if m is None
            else (m.kind, m.format, None if m.duration is None else round(m.duration, 2)),
            "companions": None if m is None else sorted(m.companions),
        }
    problems = sorted((str(Path(p.path).relative_to(root)), p.code) for p in list_problems(db))
    return {"files": out, "problems": problems}


def _close(got: dict[str, Any], want: dict[str, Any]) -> None:
    """Equal, but for confidences and face boxes within 1e-3 (the networks run in other
    processes, with other thread counts)."""
    assert got["problems"] == want["problems"]
    assert got["files"].keys() == want["files"].keys()
    for name, w in want["files"].items():
        g = got["files"][name]
        for key in ("status", "hash", "size", "face_scan", "media", "companions"):
            assert g[key] == w[key], (name, key)
        assert g["tags"].keys() == w["tags"].keys(), name
        for tag, (confidence, state, version) in w["tags"].items():
            assert g["tags"][tag][1:] == (state, version), (name, tag)
            assert g["tags"][tag][0] == pytest.approx(confidence, abs=1e-3), (name, tag)
        assert len(g["faces"]) == len(w["faces"]), name
        for gf, wf in zip(g["faces"], w["faces"], strict=True):
            assert gf == pytest.approx(wf, abs=1e-3), name


def test_faces_clips_and_problems_on_ray_as_in_a_local_scan(
    engine, ray_cluster: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """_mixed's files and a JPEG cut short, tagged from the part there is and noted in Problems
    as locally (the cluster's results dropped the note); the photos are sent in the grid's
    order, as a local scan tags them (they went in the order the walk found them)."""
    pics = tmp_path / "Pictures"
    _mixed(pics)
    whole = (DET_PHOTOS / "n03372029_58342_flute.jpg").read_bytes()
    (pics / "flute-cut.jpg").write_bytes(whole[: int(len(whole) * 0.6)])
    sent: list[list[str]] = []
    real_results = cluster.results_on_ray

    def recording(paths: list[str], *args: Any, **kwargs: Any) -> Iterator[dict[str, Any]]:
        sent.append(list(paths))
        return real_results(paths, *args, **kwargs)

    monkeypatch.setattr(cluster, "results_on_ray", recording)
    with (
        open_library(LibraryHome.beside(tmp_path / "ray" / "library.db")) as on_ray,
        open_library(LibraryHome.beside(tmp_path / "local" / "library.db")) as local,
    ):
        summary = _all_on_ray(on_ray, pics, ray_cluster, batch_size=2)
        paths = dict(on_ray.db.execute("SELECT id, path FROM photos").fetchall())
        assert sent[0] == [paths[i] for i in photo_ids_sorted(on_ray.db, "taken")]
        reference = scan(local, [str(pics)], lambda: engine, batch_size=4)
        got, want = _everything(on_ray, pics), _everything(local, pics)
        _close(got, want)
        assert (summary.found, summary.tagged, summary.problems) == (
            reference.found,
            reference.tagged,
            reference.problems,
        )
        # The fixture is what it claims: faces found, clips pooled, problems recorded.
        files = want["files"]
        assert all(files[f"face{i}.jpg"]["faces"] for i in range(3))
        assert "people" in files["face0.jpg"]["tags"]
        assert files["clips/walk.mp4"]["media"][0] == "clip" and files["clips/walk.mp4"]["tags"]
        assert "live/IMG_0001.mov" not in files and "raw/IMG_0002.dng" not in files
        assert {p for p, _ in want["problems"]} == {"corrupt.jpg", "clips/cut.mp4", "flute-cut.jpg"}
        assert files["flute-cut.jpg"]["status"] == "tagged" and files["flute-cut.jpg"]["tags"]
        assert [v["status"] for k, v in files.items() if k.startswith("zip/")] == ["tagged"]

        # The people follow-up has nothing left to look at.
        assert find_people(on_ray).examined == 0

        # A second run sends nothing and adds nothing.
        again = _all_on_ray(on_ray, pics, ray_cluster, batch_size=2)
        assert (again.new, again.tagged) == (0, 0)
        assert _everything(on_ray, pics) == got

        # A photo moved: the cluster decodes it again, the merge finds it by its hash and keeps
        # its row (tags, faces) under the new path; nothing is added.
        (pics / "moved").mkdir()
        (pics / "face0.jpg").rename(pics / "moved" / "face0.jpg")
        moved = _all_on_ray(on_ray, pics, ray_cluster, batch_size=2)
        assert (moved.moved, moved.tagged, moved.pending_left) == (1, 0, 0)
        after = _everything(on_ray, pics)["files"]
        assert after.pop("moved/face0.jpg") == got["files"]["face0.jpg"]
        assert after == {k: v for k, v in got["files"].items() if k != "face0.jpg"}


def test_a_killed_actor_and_a_run_cut_short_add_nothing_twice(
    engine, ray_cluster: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An actor killed mid-run (SIGKILL: Ray restarts it and runs its batch again), then the
    run cut short (the pipeline died: what was merged stays, whole); the next run completes it:
    the library ends as a local scan's, each file once."""
    pics = tmp_path / "Pictures"
    _mixed(pics)
    killed: list[int] = []
    arrived: list[str] = []
    real_results = cluster.results_on_ray

    def killed_then_cut(*args: Any, **kwargs: Any) -> Iterator[dict[str, Any]]:
        with contextlib.closing(real_results(*args, **kwargs)) as results:
            for row in results:
                arrived.append(str(row["path"]))
                if len(arrived) == 1:
                    actors = worker_processes(ray_cluster, "EmbedPhotos")
                    assert actors, "no actor process found to kill"
                    os.kill(actors[0], signal.SIGKILL)
                    killed.append(actors[0])
                if len(arrived) > 6:
                    raise cluster.ClusterError("the Ray pipeline failed: the cluster was lost")
                yield row

    with (
        open_library(LibraryHome.beside(tmp_path / "ray" / "library.db")) as lib,
        open_library(LibraryHome.beside(tmp_path / "local" / "library.db")) as local,
    ):
        monkeypatch.setattr(cluster, "results_on_ray", killed_then_cut)
        with pytest.raises(cluster.ClusterError):
            _all_on_ray(lib, pics, ray_cluster, batch_size=1)
        # The pipeline went on after the kill, each path once so far.
        assert killed and len(arrived) == 7 and len(set(arrived)) == 7
        files = _everything(lib, pics)["files"]
        done = {p for p, v in files.items() if v["status"] != "pending"}
        assert 0 < len(done) < 10
        # What was merged before the cut is whole: an embedding for each photo tagged, no more.
        tagged = [p for p, v in files.items() if v["status"] == "tagged"]
        assert tagged and embedding_count(lib.db, BACKBONE_NAME) == len(tagged)

        monkeypatch.setattr(cluster, "results_on_ray", real_results)
        resumed = _all_on_ray(lib, pics, ray_cluster, batch_size=1)
        assert resumed.new == 0 and resumed.pending_left == 0
        reference = scan(local, [str(pics)], lambda: engine, batch_size=4)
        _close(_everything(lib, pics), _everything(local, pics))
        assert embedding_count(lib.db, BACKBONE_NAME) == embedding_count(local.db, BACKBONE_NAME)
        faces = "SELECT COUNT(*) FROM faces"
        assert lib.db.execute(faces).fetchone() == local.db.execute(faces).fetchone()
        assert len(list_problems(lib.db)) == len(list_problems(local.db)) == reference.problems
