"""Photos scanned before the detector get their people from a resumable background job that reads
the cached thumbnails, not the photos; the command line runs it and export counts the faces."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from phototagger.cli import main
from phototagger.core.jobs import CancelToken, Progress
from phototagger.core.people import PeopleStep, find_people
from phototagger.core.scan import scan
from phototagger.store.connection import transaction
from phototagger.store.faces import face_counts, faces_of, replace_faces
from phototagger.store.photos import get_photo_by_path
from phototagger.store.tags import tags_of_photo
from tests.people_photos import group_photo
from tests.photo_factory import real_photo
from tests.scan_helpers import new_library


def _library_without_people(pics: Path, engine: Any) -> list[Path]:
    photos = [
        real_photo(pics / "astronaut.jpg", "astronaut"),
        real_photo(pics / "cat.jpg", "chelsea"),
        group_photo(pics / "team.jpg"),
        real_photo(pics / "rocket.jpg", "rocket"),
    ]
    with new_library() as lib:
        scan(lib, [str(pics)], lambda: engine, people=False)
    return photos


def test_job_resumes_and_reads_thumbnails_only(engine, face_finder, tmp_path: Path) -> None:
    pics = tmp_path / "Pictures"
    astronaut, cat, team, rocket = _library_without_people(pics, engine)
    hidden = tmp_path / "elsewhere"
    pics.rename(hidden)  # the originals are out of reach: only the thumbnails can be read
    step = PeopleStep(lambda: face_finder)
    token = CancelToken()
    seen: list[Progress] = []

    def stop_after_first_batch(report: Progress) -> None:
        seen.append(report)
        token.cancel()

    with new_library() as lib:
        ids = [
            p.id
            for p in (get_photo_by_path(lib.db, str(x)) for x in (astronaut, cat, team, rocket))
            if p
        ]
        assert face_counts(lib.db, ids) == {}
        first = find_people(lib, step, progress=stop_after_first_batch, cancel=token, batch_size=2)
        assert (first.examined, first.cancelled) == (2, True)
        assert (seen[0].done, seen[0].total) == (2, 4)
        assert len(face_counts(lib.db, ids)) == 2

        rest = find_people(lib, step, batch_size=2)
        assert (rest.examined, rest.from_originals, rest.problems) == (2, 0, 0)
        assert face_counts(lib.db, ids) == {ids[0]: 1, ids[1]: 0, ids[2]: 4, ids[3]: 0}
        names = {t.name for t in tags_of_photo(lib.db, ids[2])}
        assert {"people", "group"} <= names
        assert find_people(lib, step).examined == 0  # nothing left for this detector version


def test_cli_people_then_export_counts_faces(
    engine,
    face_finder,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pics = tmp_path / "Pictures"
    astronaut, cat, *_ = _library_without_people(pics, engine)
    monkeypatch.setattr(
        "phototagger.core.people.load_finder",
        lambda rules=None, runtime="auto", device="auto": face_finder,
    )
    assert main(["people", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["examined"], summary["with_people"]) == (4, 2)
    assert main(["export", "--json"]) == 0
    records = {r["path"]: r for r in json.loads(capsys.readouterr().out)}
    assert records[str(astronaut)]["faces"] == 1 and records[str(cat)]["faces"] == 0
    assert "people" in {t["name"] for t in records[str(astronaut)]["tags"]}


def test_faces_of_a_compatible_detector_are_kept(engine, face_finder, tmp_path: Path) -> None:
    """A library examined by mtcnn-1.0.0 or 1.1.0 is not examined again by their successor;
    one examined by a detector that is not compatible is."""
    pics = tmp_path / "Pictures"
    photos = _library_without_people(pics, engine)
    step = PeopleStep(lambda: face_finder)
    legacy, unknown = "mtcnn-1.0.0/min24/o0.8", "mtcnn-0.9.0/min24/o0.8"
    lanczos = "mtcnn-1.1.0/min24/o0.8"
    assert face_finder.compatible_versions == (face_finder.version, lanczos, legacy)
    with new_library() as lib:
        ids = [p.id for p in (get_photo_by_path(lib.db, str(x)) for x in photos) if p]
        with transaction(lib.db):
            replace_faces(lib.db, ids[0], [(0.35, 0.12, 0.17, 0.17, 0.99)], legacy, 1)
            replace_faces(lib.db, ids[1], [], unknown, 0)
            replace_faces(lib.db, ids[3], [], lanczos, 0)
        assert find_people(lib, step).examined == 2
        (kept,) = faces_of(lib.db, ids[0])
        assert (kept.detector, kept.x) == (legacy, 0.35)  # untouched: not detected again
        assert {f.detector for i in ids[1:] for f in faces_of(lib.db, i)} == {face_finder.version}
        assert face_counts(lib.db, ids) == {ids[0]: 1, ids[1]: 0, ids[2]: 4, ids[3]: 0}
        assert find_people(lib, step).examined == 0
