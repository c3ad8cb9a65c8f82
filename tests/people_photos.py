"""Real photos with and without people, for the people tests (scikit-image's bundled data)."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import sqlite_utils
from PIL import Image


@dataclass(frozen=True)
class FoundFace:
    """A face as the detector reports one (core.people.Face), large and sure: for
    record_people where the test is about the tags, not the detector."""

    x: float = 0.3
    y: float = 0.2
    w: float = 0.3
    h: float = 0.4
    confidence: float = 0.999


def group_photo(dest: Path, faces: int = 4) -> Path:
    """Real faces (LFW, from scikit-image) standing side by side on a real photo's background."""
    import skimage.data

    lfw = skimage.data.lfw_subset()[:faces]  # the first 100 of 200 are faces, 25x25 grey
    background = Image.fromarray(skimage.data.coffee()).resize((640, 427))
    for i, face in enumerate(lfw):
        tile = Image.fromarray((face * 255).astype(np.uint8)).convert("RGB").resize((110, 110))
        background.paste(tile, (20 + i * 150, 150))
    dest.parent.mkdir(parents=True, exist_ok=True)
    background.save(dest, quality=92)
    return dest


def tiled_photo(dest: Path, seed: int, faces: bool) -> Path:
    """A real photo without people (scikit-image's) with 2-4 tiles pasted on it: real faces (LFW)
    or, for `faces` False, real-photo patches degraded the same way (25x25 grey, enlarged), so
    the two kinds differ only in whether the tiles are faces."""
    import skimage.data

    from tests.photo_factory import NO_PEOPLE

    rng = np.random.default_rng(seed)
    name = NO_PEOPLE[seed % 4]  # chelsea, coffee, rocket, moon: a photo's worth of scene each
    array = getattr(skimage.data, name)()
    background = Image.fromarray(array).convert("RGB").resize((640, 427))
    count = int(rng.integers(2, 5))
    if faces:
        lfw = skimage.data.lfw_subset()[:100]
        tiles = [lfw[int(i)] for i in rng.choice(100, count, replace=False)]
    else:
        tiles = []
        for _ in range(count):
            src = getattr(skimage.data, NO_PEOPLE[int(rng.integers(4, len(NO_PEOPLE)))])()
            grey = Image.fromarray(src[0] if isinstance(src, tuple) else src).convert("L")
            side = min(grey.size) // 2
            left = int(rng.integers(0, grey.size[0] - side + 1))
            top = int(rng.integers(0, grey.size[1] - side + 1))
            patch = grey.crop((left, top, left + side, top + side)).resize((25, 25))
            tiles.append(np.asarray(patch, np.float32) / 255.0)
    for i, tile in enumerate(tiles):
        img = Image.fromarray((tile * 255).astype(np.uint8)).convert("RGB").resize((110, 110))
        background.paste(img, (20 + i * 150, int(rng.integers(60, 260))))
    dest.parent.mkdir(parents=True, exist_ok=True)
    background.save(dest, quality=92)
    return dest


DET = Path("/work/shared/data/det-photos")


def person_copies(folder: Path, names: list[str]) -> list[Path]:
    """Writable copies of det-photos' photos of people in `folder`, named `names` (the shared
    copies are read-only)."""
    folder.mkdir(exist_ok=True)
    sources = sorted(DET.glob("*person.jpg"))
    pairs = zip(sources[: len(names)], names, strict=True)
    copies = [Path(shutil.copy(src, folder / name)) for src, name in pairs]
    for photo in copies:
        photo.chmod(0o644)
    return copies


def added_photo(db: sqlite_utils.Database, photo: Path) -> int:
    """A photo on disk added to the library as found there (its size and time)."""
    from tests.store_helpers import add_photo

    st = photo.stat()
    return add_photo(db, str(photo), size=st.st_size, mtime=st.st_mtime)


# n00007846_160891_person.jpg: the detector finds one face, at (0.424, 0.429) 0.131 x 0.159.
PERSON = DET / "n00007846_160891_person.jpg"
FOUND = FoundFace(x=0.424, y=0.429, w=0.131, h=0.159, confidence=0.998)
ELSEWHERE = FoundFace(x=0.75, y=0.05, w=0.08, h=0.1, confidence=0.97)  # a face no one named
# Anna over the face found (MWG gives the centre), Bea where nothing was found.
REGIONS = (
    "-XMP-mwg-rs:RegionInfo={AppliedToDimensions={W=500,H=500,Unit=pixel},RegionList=["
    "{Area={X=0.49,Y=0.51,W=0.13,H=0.16,Unit=normalized},Type=Face,Name=Anna},"
    "{Area={X=0.2,Y=0.3,W=0.1,H=0.14,Unit=normalized},Type=Face,Name=Bea}]}"
)


def named_photo(folder: Path, assignments: tuple[str, ...] = (REGIONS,)) -> Path:
    """PERSON copied into `folder` with Anna and Bea named on it as digiKam writes (exiftool's
    `assignments`: these by default)."""
    folder.mkdir(parents=True)
    return _copied_with(PERSON, folder, assignments)


def _copied_with(source: Path, folder: Path, assignments: Sequence[str]) -> Path:
    """`source` copied into `folder`, writable, with exiftool's `assignments` written into it."""
    from tests.keyword_readers import exiftool_set_struct

    photo = Path(shutil.copy(source, folder / source.name))
    photo.chmod(0o644)
    exiftool_set_struct(photo, *assignments)
    return photo


def library_with_named_photo(
    pics: Path, faces: list[FoundFace] | None, assignments: tuple[str, ...] = (REGIONS,)
) -> int:
    """The library at the default home with the named photo in `pics`, the detector's `faces`
    stored as the scan stores them (None: not looked for yet) and its regions read as the scan
    reads them: its id."""
    from phototagger.core.library import open_library
    from phototagger.core.metadata.sync import sync_file_metadata
    from phototagger.core.people import load_rules, record_people
    from phototagger.paths import default_home
    from phototagger.store.connection import transaction
    from phototagger.store.photos import add_folder
    from tests.store_helpers import add_photo

    photo = named_photo(pics, assignments)
    with open_library(default_home()) as lib:
        add_folder(lib.db, str(pics))
        st = photo.stat()
        pid = add_photo(lib.db, str(photo), size=st.st_size, mtime=st.st_mtime)
        if faces is not None:
            with transaction(lib.db):
                record_people(lib.db, pid, faces, "mtcnn-1.1.1", load_rules())
        sync_file_metadata(lib.db, [str(pics)])
    return pid


SANTA = DET / "n00007846_149204_person.jpg"  # the detector finds one face: Santa's


def scanned_santa(engine: Any, face_finder: Any, pics: Path) -> Path:
    """SANTA copied into `pics` and scanned into the default library with the real model and
    face detector: the copy."""
    return scanned_copy(SANTA, engine, face_finder, pics)


def scanned_copy(source: Path, engine: Any, face_finder: Any, pics: Path) -> Path:
    """`source` copied into `pics` and scanned into the default library with the real model and
    face detector: the copy."""
    from phototagger.core.people import PeopleStep
    from phototagger.core.scan import scan
    from tests.scan_helpers import new_library

    pics.mkdir(parents=True)
    photo = Path(shutil.copy(source, pics / source.name))
    photo.chmod(0o644)
    with new_library() as lib:
        scan(lib, [str(pics)], lambda: engine, people=PeopleStep(lambda: face_finder))
    return photo


def library_of_det_photos(pics: Path, assignments: list[list[str]]) -> list[Path]:
    """The library at the default home with PERSON and the next det-photos in `pics`, one per
    list of exiftool `assignments` written into it, their files read as the scan reads them."""
    from phototagger.core.library import open_library
    from phototagger.core.metadata.sync import sync_file_metadata
    from phototagger.paths import default_home
    from phototagger.store.photos import add_folder
    from tests.store_helpers import add_photo

    pics.mkdir(parents=True)
    sources = [PERSON, *sorted(p for p in DET.glob("*.jpg") if p != PERSON)]
    photos = []
    for source, assigned in zip(sources, assignments, strict=False):
        photos.append(_copied_with(source, pics, assigned))
    with open_library(default_home()) as lib:
        add_folder(lib.db, str(pics))
        for photo in photos:
            st = photo.stat()
            add_photo(lib.db, str(photo), size=st.st_size, mtime=st.st_mtime)
        sync_file_metadata(lib.db, [str(pics)])
    return photos


BOX = (0.3, 0.2, 0.2, 0.25)


def name_face_at(db: Any, photo_id: int, name: str) -> None:
    """As the viewer names a face at BOX: the name kept on the face, the person tag the user's
    own."""
    from phototagger.core.face_marks import person_tag, remember_face_name
    from phototagger.core.labels import Edit, apply_edits

    remember_face_name(db, photo_id, BOX, name, "face")
    apply_edits(db, [Edit(photo_id, person_tag(name), "add")])
