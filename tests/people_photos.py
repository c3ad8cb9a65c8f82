"""Real photos with and without people, for the people tests (scikit-image's bundled data)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

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
