"""A scan finds the faces in real photos: boxes per photo, and people, portrait and group tags."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from phototagger.core.catalog import search_photos
from phototagger.core.people import PeopleStep, faces_in_photo
from phototagger.core.scan import scan
from phototagger.store.faces import face_counts
from phototagger.store.photos import get_photo_by_path
from phototagger.store.tags import reject_tag, tags_of_photo
from tests.people_photos import group_photo
from tests.photo_factory import real_photo
from tests.scan_helpers import new_library


def _scan(lib: Any, root: Path, engine: Any, finder: Any) -> None:
    scan(lib, [str(root)], lambda: engine, batch_size=4, people=PeopleStep(lambda: finder))


def _tags(lib: Any, path: Path) -> set[str]:
    photo = get_photo_by_path(lib.db, str(path))
    assert photo is not None
    return {t.name for t in tags_of_photo(lib.db, photo.id) if t.state != "rejected"}


def test_scan_tags_people_portrait_and_group(engine, face_finder, tmp_path: Path) -> None:
    pics = tmp_path / "Pictures"
    astronaut = real_photo(pics / "astronaut.jpg", "astronaut")
    cat = real_photo(pics / "cat.jpg", "chelsea")
    group = group_photo(pics / "team.jpg")
    with new_library() as lib:
        _scan(lib, pics, engine, face_finder)
        assert {"people", "portrait"} <= _tags(lib, astronaut)
        assert "group" not in _tags(lib, astronaut)
        assert not {"people", "portrait", "group"} & _tags(lib, cat)
        assert {"people", "group"} <= _tags(lib, group)
        assert "portrait" not in _tags(lib, group)
        assert [p.path for p in search_photos(lib.db, ["group"])] == [str(group)]

        photo = get_photo_by_path(lib.db, str(astronaut))
        assert photo is not None
        (face,) = faces_in_photo(lib.db, photo.id)
        # The astronaut's face: left of centre, in the upper third of the 512x512 photo.
        assert 0.3 < face.x + face.w / 2 < 0.5 and 0.15 < face.y + face.h / 2 < 0.35
        assert face.detector == face_finder.version and face.confidence > 0.95
        ids = [p.id for p in (get_photo_by_path(lib.db, str(x)) for x in (cat, group)) if p]
        assert face_counts(lib.db, ids) == {ids[0]: 0, ids[1]: 4}


def test_rejected_people_stays_rejected(engine, face_finder, tmp_path: Path) -> None:
    pics = tmp_path / "Pictures"
    astronaut = real_photo(pics / "astronaut.jpg", "astronaut")
    with new_library() as lib:
        _scan(lib, pics, engine, face_finder)
        photo = get_photo_by_path(lib.db, str(astronaut))
        assert photo is not None
        reject_tag(lib.db, photo.id, "people")
        astronaut.write_bytes(astronaut.read_bytes() + b"\0")  # changed: decoded and tagged again
        _scan(lib, pics, engine, face_finder)
        rows = {t.name: t for t in tags_of_photo(lib.db, photo.id)}
        assert rows["people"].state == "rejected"
        assert "portrait" in _tags(lib, astronaut)
        assert search_photos(lib.db, ["people"]) == []


def test_review_queue_for_people_shows_the_least_certain_photos(
    engine, face_finder, tmp_path: Path
) -> None:
    from phototagger.core.model.review import review_queue

    pics = tmp_path / "Pictures"
    astronaut = real_photo(pics / "astronaut.jpg", "astronaut")
    group = group_photo(pics / "team.jpg")
    real_photo(pics / "cat.jpg", "chelsea")
    with new_library() as lib:
        _scan(lib, pics, engine, face_finder)
        queue = review_queue(lib, "people")
        assert {item.path for item in queue} == {str(astronaut), str(group)}  # no face: no doubt
        assert all(item.confidence >= 0.8 for item in queue)
        photo = get_photo_by_path(lib.db, str(astronaut))
        assert photo is not None
        reject_tag(lib.db, photo.id, "people")
        assert [item.path for item in review_queue(lib, "people")] == [str(group)]
        assert [item.path for item in review_queue(lib, "group")] == [str(group)]
