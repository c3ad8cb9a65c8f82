"""Find Duplicates groups the same picture, not two pictures of the same thing: the coffee
photo with two faces pasted on it was a "near-duplicate" of the plain coffee photo (their
embeddings agree at cosine 0.86 and more), and ticking the group moved one to the trash. Now
a pair the embeddings propose must also agree pixel for pixel, up to a small crop and the
exposure; the plain photo's resized, recompressed, cropped and brighter copies still group."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from PIL import Image

from phototagger.cli import main
from phototagger.core.library import open_library
from phototagger.core.similar import find_duplicates, load_index
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from tests.people_photos import group_photo
from tests.scan_helpers import run_scan


def _library(folder: Path, engine) -> None:
    import skimage.data

    coffee = Image.fromarray(skimage.data.coffee()).resize((640, 427))
    folder.mkdir(parents=True)
    coffee.save(folder / "coffee.jpg", quality=92)
    coffee.resize((320, 213), Image.Resampling.LANCZOS).save(folder / "coffee-small.jpg")
    coffee.save(folder / "coffee-q40.jpg", quality=40)
    coffee.crop((32, 21, 608, 406)).save(folder / "coffee-cropped.jpg", quality=90)
    linear = (np.asarray(coffee, np.float32) / 255) ** 2.2 * 1.6
    brighter = (np.clip(linear, 0, 1) ** (1 / 2.2) * 255).round().astype(np.uint8)
    Image.fromarray(brighter).save(folder / "coffee-brighter.jpg", quality=90)
    group_photo(folder / "coffee-with-faces.jpg", faces=2)  # the same cup, two faces on it
    with open_library(default_home()) as library:
        run_scan(library, [folder], engine)


def test_a_pasted_face_is_not_a_near_duplicate(engine, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "pics"
    _library(folder, engine)
    with open_library(default_home()) as library:
        db = library.db
        plain = get_photo_by_path(db, str(folder / "coffee.jpg"))
        faces = get_photo_by_path(db, str(folder / "coffee-with-faces.jpg"))
        assert plain is not None and faces is not None
        index = load_index(db)
        rows = [index.row_of(plain.id), index.row_of(faces.id)]
        cosine = float(index.vectors[rows[0]].astype(np.float32) @ index.vectors[rows[1]])
        assert cosine >= 0.86  # what the embeddings alone took for a near-copy

        embeddings_alone = find_duplicates(db, check_pixels=False)
        assert any({plain.id, faces.id} <= set(g.photo_ids) for g in embeddings_alone)

        groups = find_duplicates(db, thumbnails=library.thumbnails_dir)
        from_files = find_duplicates(db)  # no thumbnails at hand: the files are read
    assert [len(g.photo_ids) for g in groups] == [5]
    assert faces.id not in groups[0].photo_ids and plain.id in groups[0].photo_ids
    assert [g.photo_ids for g in from_files] == [g.photo_ids for g in groups]

    assert main(["duplicates", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [sorted(Path(p).name for p in group["paths"]) for group in listed] == [
        sorted(
            [
                "coffee.jpg",
                "coffee-small.jpg",
                "coffee-q40.jpg",
                "coffee-cropped.jpg",
                "coffee-brighter.jpg",
            ]
        )
    ]
