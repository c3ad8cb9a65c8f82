"""What making a deep version active costs (`models use vN`), and whether thumbnails could do it.

Run: nice .venv/bin/python benchmarks/deep_activation.py [--photos 150] [--natives 1000]
                                                         [--real FOLDER]

A deep version (`train --deep`) has embeddings of its own: activating it embeds every tagged
photo again through its fine-tuned CNN top (core/reembed.embed_missing), decoding each from its
original file. The idea measured here: embed from the 320-pixel thumbnail the scan saved
instead, where it holds enough pixels for the model's input (the model's 224-pixel square is cut
from the photo with its short side at 256: a thumbnail with a short side under 256 would be
enlarged, so the original is read for it).

The library: --photos det-photos photos (the 85 musical-instrument photos first, then others
drawn at random) enlarged to 12 megapixels (Pillow LANCZOS, JPEG quality 92), scanned once and
kept in the temp folder; 'strings' answered yes on 10 string-instrument photos and no on 10
other instruments, then `train --deep --no-activate` (train_candidate(deep=True)), also kept.

Printed:
1. the activation's time on a copy of that library (the model loaded first), and where a
   photo's time goes, one thread: decoding the original, reading the thumbnail and making the
   model's input from it, the CNN, the database writes;
2. the agreement of the embeddings made from the original and from the thumbnail, under the
   deep version and the default model: cosine, top-1 ImageNet class, and the tags shown at the
   thresholds identical, by the thumbnail's short side, on the 12 MP library, on --natives
   det-photos at their own size, and on the photos of --real (a folder of real camera photos,
   e.g. github.com/ianare/exif-samples' jpg/ files), each thumbnail made as the scan makes it.
A photo whose tags differ between the two would change its tags when embedded from its original
again (a later `train --deep`, a copy of it scanned elsewhere).

Measured 2026-12-07 on the shared 2-core development machine under a load of 11-16 (other
engineers' jobs: every time is 2-5x what the machine gives alone; compare them within a run), 150
photos at 12 MP: activation 14-37 s (94-246 ms a photo over three runs); one thread, decoding an
original 32-66 ms, its thumbnail 4-6 ms, the CNN (base and deep top) 61-104 ms, writes under
0.5 ms. The CNN's top block, the part a deep version retrains, is 1-2.5 ms of it.

Thumbnails large enough (short side 256 or more): 19 of the 150 (the square and 5:4 photos), 134
of 1,000 det-photos at their own size, none of 30 real camera photos (4:3, 3:2 and 16:9 photos
give 240, 213 or 180 pixels). On those, tags identical 100 % (19), and 97.8 % (deep version)
and 97.0 % (default model) on the det-photos: under the 99 % asked; top-1 class the same on
84-90 %, cosine 0.967-0.977 on average. Allowing short sides down to 224 (4:3 photos, enlarged
by the crop): 90.5-95.2 % on the 12 MP library, 91.4-92.5 % on det-photos, 71.4-81.0 % on the
real photos. So activation still reads the originals: the thumbnails would change the tags of
2-3 % of the photos they served (and of those tags again whenever such a photo is embedded from
its original: a later `train --deep`, a copy scanned elsewhere), and would serve almost none of
a camera's or phone's photos.

What would pay instead: the deep top starts from the frozen lower CNN's output, the same for
every version. Kept at half precision (18,816 bytes a photo, about a thumbnail's size) it gave
the deep version's tags identical on 250 of 250 det-photos (cosine 1.000000), and the top alone
costs ~2.5 ms a photo against ~69 ms for the whole CNN here, with no decoding at all.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
from benchmarks.deep_drift import OTHER_INSTRUMENTS, STRINGS, category  # noqa: E402

DET = Path("/work/shared/data/det-photos")
CACHE = Path(tempfile.gettempdir()) / "phototagger-deep-activation"
MEGAPIXELS = 12e6


def big_photos(n: int) -> Path:
    """`n` det-photos enlarged to 12 MP (made once)."""
    from PIL import Image

    out = CACHE / f"pics{n}"
    if (out / ".done").exists():
        return out
    out.mkdir(parents=True, exist_ok=True)
    photos = sorted(DET.glob("*.jpg"))
    instruments = [p for p in photos if category(str(p)) in STRINGS | OTHER_INSTRUMENTS]
    rest = [p for p in photos if p not in instruments]
    random.Random(0).shuffle(rest)
    for p in instruments + rest[: max(0, n - len(instruments))]:
        dest = out / p.name
        if dest.exists():
            continue
        with Image.open(p) as im:
            rgb = im.convert("RGB")
            scale = math.sqrt(MEGAPIXELS / (rgb.width * rgb.height))
            size = (round(rgb.width * scale), round(rgb.height * scale))
            rgb.resize(size, Image.Resampling.LANCZOS).save(dest, "JPEG", quality=92)
    (out / ".done").write_text("made\n")
    return out


def trained_home(pics: Path) -> tuple[Path, str]:
    """The library of `pics`, scanned, 'strings' answered and a deep version trained (once)."""
    home = CACHE / f"home-{pics.name}"
    done = home / "deep-version"
    if done.exists():
        return home, done.read_text().strip()
    from benchmarks.new_tags import scanned_library

    started = time.perf_counter()
    scanned_library(pics, home)
    print(f"scanned {pics} in {time.perf_counter() - started:.0f} s", flush=True)
    os.environ["PHOTOTAGGER_HOME"] = str(home)
    from phototagger.core.labels import label_paths
    from phototagger.core.library import open_library
    from phototagger.core.retrain import train_candidate
    from phototagger.paths import default_home

    with open_library(default_home()) as lib:
        paths = sorted(str(r["path"]) for r in lib.db.query("select path from photos"))
        strings = [p for p in paths if category(p) in STRINGS]
        others = [p for p in paths if category(p) in OTHER_INSTRUMENTS]
        label_paths(lib.db, strings[::2][:10], add=["strings"])
        label_paths(lib.db, others[::3][:10], reject=["strings"])
        started = time.perf_counter()
        version = train_candidate(lib, deep=True, seed=0).version
        print(f"trained {version} (deep) in {time.perf_counter() - started:.0f} s", flush=True)
    done.write_text(version + "\n")
    return home, version


def activation_seconds(home: Path, version: str) -> tuple[float, int]:
    """(seconds, photos embedded) of embed_missing on a copy of `home`, the model loaded
    before the clock starts (a few seconds, once an activation)."""
    from phototagger.core import reembed
    from phototagger.core.library import open_library
    from phototagger.core.model.tagger import backbone_for
    from phototagger.paths import default_home

    work = Path(tempfile.mkdtemp(prefix="deep-activation-"))
    shutil.copytree(home, work / "home")
    os.environ["PHOTOTAGGER_HOME"] = str(work / "home")
    loader = reembed.load_tagger
    try:
        with open_library(default_home()) as lib:
            backbone = backbone_for(lib, version)
            tagger = loader(lib, version)
            reembed.load_tagger = lambda *_: tagger
            started = time.perf_counter()
            done = reembed.embed_missing(lib, version, backbone)
            return time.perf_counter() - started, done
    finally:
        reembed.load_tagger = loader
        shutil.rmtree(work, ignore_errors=True)


def thumbnail_input(thumb: Any) -> np.ndarray:
    """The model's input made from a thumbnail (PIL image) as decode_photo makes it from the
    photo: the same crop, from fewer pixels."""
    from phototagger.core.imaging import CROP_FRACTION, _model_input

    return _model_input(thumb, 224, round(224 / CROP_FRACTION))


def split(lib: Any, tagger: Any, photos: list[Any]) -> None:
    """Milliseconds per photo, one thread: decoding the original, reading the thumbnail and
    making the input from it, the CNN (batches of 32), the database writes."""
    from PIL import Image

    from phototagger.core.embeddings import encode_embedding
    from phototagger.core.imaging import decode_photo, thumbnail_path
    from phototagger.store.connection import transaction
    from phototagger.store.embeddings import put_embeddings

    inputs = []
    decode = thumb = 0.0
    for p in photos:  # interleaved, so that both meet the same load
        t0 = time.perf_counter()
        inputs.append(decode_photo(p.path).model_input)
        t1 = time.perf_counter()
        with Image.open(thumbnail_path(lib.thumbnails_dir, p.content_hash)) as im:
            thumbnail_input(im.convert("RGB"))
        decode, thumb = decode + t1 - t0, thumb + time.perf_counter() - t1
    t0 = time.perf_counter()
    vectors = [tagger.embed_all(np.stack(inputs[i : i + 32])) for i in range(0, len(inputs), 32)]
    cnn = time.perf_counter() - t0
    t0 = time.perf_counter()
    for start, batch in zip(range(0, len(photos), 32), vectors, strict=True):
        ids = [p.id for p in photos[start : start + 32]]
        with transaction(lib.db):
            for key, rows in batch.items():
                pairs = [(i, encode_embedding(r)) for i, r in zip(ids, rows, strict=True)]
                put_embeddings(lib.db, key + "-bench", pairs)
    writes = time.perf_counter() - t0
    lib.db.execute("delete from embeddings where backbone like '%-bench'")
    n = len(photos) / 1e3
    print(
        f"  per photo, one thread: decoding the original {decode / n:.1f} ms, the thumbnail"
        f" {thumb / n:.1f} ms, the CNN (base + deep top) {cnn / n:.1f} ms, database writes"
        f" {writes / n:.2f} ms",
        flush=True,
    )


def pairs_from_files(paths: list[Path]) -> Iterator[tuple[np.ndarray, np.ndarray, int]]:
    """(the original's model input, the thumbnail's, its short side) of each readable photo,
    the thumbnail made and saved as the scan does (decode_photo, save_thumbnail)."""
    from PIL import Image

    from phototagger.core.errors import PhotoError
    from phototagger.core.imaging import decode_photo, save_thumbnail

    folder = Path(tempfile.mkdtemp(prefix="deep-activation-thumbs-"))
    try:
        for path in paths:
            try:
                decoded = decode_photo(path)
            except PhotoError:
                continue
            save_thumbnail(decoded.thumbnail, folder / "t.jpg")
            with Image.open(folder / "t.jpg") as im:
                thumb = im.convert("RGB")
            short = min(thumb.size)
            yield decoded.model_input, thumbnail_input(thumb), short
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def pairs_from_library(lib: Any) -> Iterator[tuple[np.ndarray, np.ndarray, int]]:
    """The same for a scanned library's photos, from the thumbnails its scan saved."""
    from PIL import Image

    from phototagger.core.imaging import decode_photo, thumbnail_path
    from phototagger.store.photos import all_photos

    for p in all_photos(lib.db):
        with Image.open(thumbnail_path(lib.thumbnails_dir, p.content_hash or "")) as im:
            thumb = im.convert("RGB")
        yield decode_photo(p.path).model_input, thumbnail_input(thumb), min(thumb.size)


def agreement(
    name: str, tagger: Any, heads: dict[str, tuple[str, Any]], pairs: list[tuple[Any, ...]]
) -> None:
    """Print cosine, top-1 and tags-identical between original and thumbnail embeddings, per
    model (heads: {label: (backbone key, head)}), by the thumbnail's short side."""
    if not pairs:
        return
    kernel, bias = tagger.classifier()
    orig = np.stack([o for o, _, _ in pairs])
    thumb = np.stack([t for _, t, _ in pairs])
    short = np.array([s for _, _, s in pairs])
    by_key: dict[str, list[np.ndarray]] = {}
    for i in range(0, len(pairs), 32):
        for which in (orig, thumb):
            for key, rows in tagger.embed_all(which[i : i + 32]).items():
                by_key.setdefault(key, []).append(rows)
    groups = {
        "short side >= 256": short >= 256,
        "224-255 (enlarged)": (short >= 224) & (short < 256),
        "under 224 (enlarged)": short < 224,
    }
    print(f"{name}: {len(pairs)} photos", flush=True)
    for label, (key, head) in heads.items():
        parts = by_key[key]
        a = np.concatenate(parts[0::2])
        b = np.concatenate(parts[1::2])
        cos = (a * b).sum(1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
        top = (a @ kernel + bias).argmax(1) == (b @ kernel + bias).argmax(1)
        thresholds = np.asarray(head.thresholds)
        same = ((head.scores(a) >= thresholds) == (head.scores(b) >= thresholds)).all(1)
        for group, mask in groups.items():
            n = int(mask.sum())
            if not n:
                continue
            print(
                f"  {label:>14} {group:>21} {n:5d} photos: cosine mean {cos[mask].mean():.4f}"
                f" min {cos[mask].min():.4f}; top-1 same {top[mask].mean():6.1%}; tags identical"
                f" {same[mask].mean():6.1%} ({n - int(same[mask].sum())} differ)",
                flush=True,
            )


def real_decode(folder: Path) -> None:
    """Decoding the real camera photos of 8 megapixels or more, one thread."""
    from PIL import Image

    from phototagger.core.imaging import decode_photo

    big = []
    for path in sorted(folder.iterdir()):
        with Image.open(path) as im:
            if im.width * im.height >= 8e6:
                big.append(path)
    if not big:
        return
    started = time.perf_counter()
    for path in big:
        decode_photo(path)
    seconds = (time.perf_counter() - started) / len(big)
    megabytes = sum(p.stat().st_size for p in big) / len(big) / 1e6
    print(
        f"  decoding {len(big)} real camera photos of 8-12 MP ({megabytes:.1f} MB each on"
        f" average), one thread: {seconds * 1e3:.1f} ms a photo",
        flush=True,
    )


def kept_features(tagger: Any, head: Any, inputs: np.ndarray) -> None:
    """What would pay instead: the deep top starts from the frozen lower CNN's output (7x7x192,
    the same for every version); kept by the scan at half precision, an activation would run the
    top alone on it, with no decoding and no lower CNN. Its cost per photo against the whole
    CNN's, the tags it gives against those from the full precision output, and its size."""
    backbone = tagger._backbone  # the engine's Keras backbone: model and deep top
    full = top = 0.0
    exact, halved = [], []
    for i in range(0, len(inputs), 32):
        t0 = time.perf_counter()
        features = np.asarray(backbone.model.predict_on_batch(inputs[i : i + 32])["features"])
        t1 = time.perf_counter()
        exact.append(np.asarray(backbone.top.predict_on_batch(features)))
        t2 = time.perf_counter()
        halved.append(
            np.asarray(
                backbone.top.predict_on_batch(features.astype(np.float16).astype(np.float32))
            )
        )
        full, top = full + t1 - t0, top + t2 - t1
    a, b = np.concatenate(exact), np.concatenate(halved)
    cos = (a * b).sum(1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
    thresholds = np.asarray(head.thresholds)
    same = ((head.scores(a) >= thresholds) == (head.scores(b) >= thresholds)).all(1)
    n = len(inputs) / 1e3
    print(
        f"the lower CNN's output kept (half precision, {7 * 7 * 192 * 2:,} bytes a photo), "
        f"{len(inputs)} det-photos: the deep top alone {top / n:.1f} ms a photo against "
        f"{full / n:.1f} ms for the whole CNN; cosine min {cos.min():.6f}, tags identical "
        f"{same.mean():.1%}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--photos", type=int, default=150)
    parser.add_argument("--natives", type=int, default=1000)
    parser.add_argument("--real", type=Path, default=None)
    args = parser.parse_args()
    home, version = trained_home(big_photos(args.photos))

    seconds, done = activation_seconds(home, version)
    print(
        f"activation of {version} (deep), the model loaded: {seconds:.1f} s for {done} photos"
        f" ({seconds / max(done, 1) * 1e3:.0f} ms a photo)",
        flush=True,
    )

    os.environ["PHOTOTAGGER_HOME"] = str(home)
    from phototagger.core.library import open_library
    from phototagger.core.model.tagger import backbone_for, load_head, load_tagger
    from phototagger.ml.engine import BACKBONE_NAME
    from phototagger.paths import default_home
    from phototagger.store.photos import all_photos

    with open_library(default_home()) as lib:
        tagger = load_tagger(lib, version)
        split(lib, tagger, list(all_photos(lib.db))[:64])
        heads = {
            "deep version": (backbone_for(lib, version), load_head(lib, version)),
            "default model": (BACKBONE_NAME, load_head(lib, "v1")),
        }
        agreement("12 MP library", tagger, heads, list(pairs_from_library(lib)))
    natives = sorted(DET.glob("*.jpg"))[: args.natives]
    pairs = list(pairs_from_files(natives))
    agreement("det-photos at their own size", tagger, heads, pairs)
    kept_features(tagger, heads["deep version"][1], np.stack([o for o, _, _ in pairs[::4]]))
    if args.real is not None:
        real_decode(args.real)
        real = sorted(p for p in args.real.iterdir() if p.is_file())
        agreement(f"real photos of {args.real}", tagger, heads, list(pairs_from_files(real)))


if __name__ == "__main__":
    main()
