"""Are OpenVINO bf16 embeddings interchangeable with fp32 ones for what the product does with them?

Run: .venv/bin/python benchmarks/embedding_compat.py [--seeds 2] [--rounds 1] [--variants 100]

bf16 moves embeddings (lowest cosine ~0.99 against TensorFlow fp32), so a library scanned partly
in fp32 and partly in bf16 mixes them. This measures, on /work/shared/data/det-photos (1,000 real
photos), the same photos embedded by TensorFlow fp32 (the reference), OpenVINO fp32 (the control:
what the product ran on before) and OpenVINO bf16, judged by the uses of an embedding:

(a) default tags: the conversion check's own figures (ml/runtimes/agreement.py).
(b) taught tags, with the product's own training (core/retrain.train_candidate, the tags, answers
    and review rounds of benchmarks/new_tags.py, on a copy of its scanned library with the faces
    found): the version trained on fp32 embeddings applied to the bf16 embeddings of the same
    photos (share of photos whose decisions, every tag, are identical; per taught tag); and the
    same teaching on a library whose embeddings are a random 50/50 mix of fp32 and bf16 against
    one of pure fp32: AP and F1 on the photos never answered, side by side, per seed; and as the
    control, the same mix with OpenVINO fp32 (near-exact) in bf16's place, which shows how far
    the review rounds wander on any change at all (they pick photos by the model's scores).
(c) similar photos (core/similar.py): top-10 neighbour overlap fp32 vs bf16; near-duplicate pairs
    at DUPLICATE_COSINE among the originals plus three edited copies of --variants photos
    (benchmarks/similar.py's variants), fp32 vs bf16 and mixed (originals fp32, copies bf16).

The embeddings are cached in the temp folder (phototagger-embedding-compat/); the libraries come
from benchmarks/new_tags.py's cache (built on first use).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from benchmarks import new_tags  # noqa: E402
from phototagger.paths import default_home  # noqa: E402

CACHE = Path(tempfile.gettempdir()) / "phototagger-embedding-compat"
RUNTIMES = ("tf32", "ov32", "bf16")
CHECK, DRAWS = 200, 200  # photos in a scan's conversion check (ml/runtimes/deferred.KEEP); draws


def storage(vectors: np.ndarray) -> np.ndarray:
    """As the library keeps them (float16), read back."""
    from phototagger.core.embeddings import decode_embeddings, encode_embedding

    return decode_embeddings([encode_embedding(v) for v in vectors])


def embed_all(files: list[tuple[str, bytes | Path]]) -> dict[str, np.ndarray]:
    """TensorFlow fp32, OpenVINO fp32 and OpenVINO bf16 embeddings of the files, cached."""
    import hashlib

    digest = hashlib.sha1("\n".join(k for k, _ in files).encode()).hexdigest()[:12]
    cached = CACHE / f"embeddings-{digest}.npz"
    if cached.exists():
        with np.load(cached) as data:
            return {k: data[k] for k in RUNTIMES}
    from phototagger.core.imaging import decode_photo
    from phototagger.ml.engine import load_engine
    from phototagger.ml.heads import load_default_head
    from phototagger.ml.runtimes.candidates import OpenVinoCandidate, installed_version
    from phototagger.ml.runtimes.conversion_check import load_converted
    from phototagger.ml.runtimes.openvino import OpenVinoBackbone
    from phototagger.ml.weights_source import file_digest, source_weights_path

    home = default_home()
    engine = load_engine("cpu", weights_cache=home.weights_cache)
    version = installed_version("openvino")
    assert version is not None, "OpenVINO is not installed"
    ov = OpenVinoCandidate(file_digest(source_weights_path()), version, home.runtimes_cache)
    default = load_default_head()
    fp32 = load_converted(engine, ov)
    bf16 = OpenVinoBackbone(ov.ir.xml, default.kernel, default.bias, "bf16")
    runners = {"tf32": engine.embed, "ov32": fp32.embed, "bf16": bf16.embed}
    work = CACHE / "work"
    work.mkdir(parents=True, exist_ok=True)
    pixels = []
    for _, source in files:
        if isinstance(source, bytes):
            (work / "variant.jpg").write_bytes(source)
            source = work / "variant.jpg"
        pixels.append(decode_photo(source).model_input)
    stack = np.stack(pixels)
    out = {
        name: np.concatenate([run(stack[i : i + 16]) for i in range(0, len(stack), 16)])
        for name, run in runners.items()
    }
    np.savez(cached, **out)  # type: ignore[arg-type]
    return out


def default_tags(emb: dict[str, np.ndarray]) -> None:
    from phototagger.ml.heads import load_default_head
    from phototagger.ml.runtimes.agreement import measure_agreement

    default = load_default_head()
    print("(a) default tags, against TensorFlow fp32:")
    for name in ("ov32", "bf16"):
        print(f"  {name}: {measure_agreement(emb['tf32'], emb[name], default).describe()}")
    # A scan's check runs on up to 200 of the library's photos: how often would bf16 pass it?
    rng = np.random.default_rng(0)
    draws = [rng.choice(len(emb["tf32"]), CHECK, replace=False) for _ in range(DRAWS)]
    checks = [measure_agreement(emb["tf32"][d], emb["bf16"][d], default) for d in draws]
    failing: dict[str, int] = {}
    for check in checks:
        for why in check.failures():
            failing[why] = failing.get(why, 0) + 1
    print(
        f"  bf16 on {DRAWS} random draws of {CHECK} photos (the scan's check): passes "
        f"{sum(c.passed for c in checks) / DRAWS:.0%}; similar photos kept "
        f"{np.mean([c.neighbours for c in checks]):.3f} on average; failed for: {failing}"
    )


def teach(seed: int, rounds: int, stored: np.ndarray, ids: list[int]) -> tuple[object, dict]:
    """new_tags.run's teaching on a library copy whose embeddings are `stored` (row per id):
    (the trained head, {tag: answered mask}, faces, truth, the stored embeddings)."""
    from phototagger.core.embeddings import encode_embedding
    from phototagger.core.labels import label_paths
    from phototagger.core.library import open_library
    from phototagger.core.model.activation import activate_version
    from phototagger.core.model.review import review_queue
    from phototagger.core.model.tagger import load_head
    from phototagger.core.retrain import train_candidate
    from phototagger.ml.engine import BACKBONE_NAME
    from phototagger.store.embeddings import put_embeddings

    work = Path(tempfile.mkdtemp(prefix="embedding-compat-"))
    shutil.copytree(new_tags.faces_home(), work / "home")
    os.environ["PHOTOTAGGER_HOME"] = str(work / "home")
    with open_library(default_home()) as lib:
        put_embeddings(
            lib.db,
            BACKBONE_NAME,
            [(i, encode_embedding(v)) for i, v in zip(ids, stored, strict=True)],
        )
        path_of = {
            int(r["id"]): str(r["path"]) for r in lib.db.query("select id, path from photos")
        }
        paths = [path_of[i] for i in ids]
        cats = [new_tags.category(p) for p in paths]
        truth = {t: np.array([c in m for c in cats]) for t, (_, m) in new_tags.TAGS.items()}
        truth[new_tags.PEOPLE] = new_tags.people_truth(paths)
        answered = {t: np.zeros(len(ids), bool) for t in new_tags.TAGS}
        for tag in new_tags.TAGS:
            pos, neg = new_tags.first_answers(seed, tag, paths, truth[tag])
            label_paths(lib.db, [paths[i] for i in pos], add=[tag])
            label_paths(lib.db, [paths[i] for i in neg], reject=[tag])
            answered[tag][pos] = answered[tag][neg] = True
        index_of = {p: i for i, p in enumerate(ids)}
        for step in range(rounds + 1):
            activate_version(lib, train_candidate(lib, seed=seed).version)
            if step == rounds:
                break
            for tag in new_tags.TAGS:
                rows = [index_of[item.photo_id] for item in review_queue(lib, tag, limit=10)]
                label_paths(lib.db, [paths[i] for i in rows if truth[tag][i]], add=[tag])
                label_paths(lib.db, [paths[i] for i in rows if not truth[tag][i]], reject=[tag])
                answered[tag][rows] = True
        head = load_head(lib)
    shutil.rmtree(work, ignore_errors=True)
    return head, {"answered": answered, "truth": truth}


def taught_tags(det: dict[str, np.ndarray], names: list[str], seeds: int, rounds: int) -> None:
    from phototagger.core.face_signals import face_signals
    from phototagger.core.library import open_library
    from phototagger.core.training_set import embeddings_of
    from phototagger.ml.engine import BACKBONE_NAME

    os.environ["PHOTOTAGGER_HOME"] = str(new_tags.faces_home())
    with open_library(default_home()) as lib:
        ids, _ = embeddings_of(lib.db, None, BACKBONE_NAME)
        path_of = {
            int(r["id"]): str(r["path"]) for r in lib.db.query("select id, path from photos")
        }
        faces = face_signals(lib.db, ids)
    ids = [int(i) for i in ids]
    row = {name: r for r, name in enumerate(names)}
    order = [row[Path(path_of[i]).name] for i in ids]
    emb = {k: storage(v[order]) for k, v in det.items()}
    fp32, bf16 = emb["tf32"], emb["bf16"]
    print(f"(b) taught tags ({len(new_tags.TAGS)}), {rounds} review round(s), {len(ids)} photos:")
    rows: dict[str, list[tuple[float, float]]] = {}
    for seed in range(seeds):
        started = time.perf_counter()
        head, pure = teach(seed, rounds, fp32, ids)
        scores32 = head.scores(fp32, faces=faces)  # type: ignore[attr-defined]
        scores16 = head.scores(bf16, faces=faces)  # type: ignore[attr-defined]
        thresholds = head.thresholds  # type: ignore[attr-defined]
        names = list(head.tag_names)  # type: ignore[attr-defined]
        on32, on16 = scores32 >= thresholds, scores16 >= thresholds
        taught = [names.index(t) for t in new_tags.TAGS]
        per_tag = ", ".join(
            f"{t} {(on32[:, j] == on16[:, j]).mean():.3f}"
            for t, j in zip(new_tags.TAGS, taught, strict=True)
        )
        print(
            f"  seed {seed}: version trained on fp32, applied to bf16: every tag identical on "
            f"{(on32 == on16).all(axis=1).mean():.1%} of photos, taught tags identical on "
            f"{(on32[:, taught] == on16[:, taught]).all(axis=1).mean():.1%}; per taught tag "
            f"{per_tag}; decisions flipped {int((on32 != on16).sum())} of {on32.size}",
            flush=True,
        )
        mask = np.random.default_rng([seed, 99]).random(len(ids)) < 0.5
        mixed = np.where(mask[:, None], bf16, fp32)
        head_mix, mix = teach(seed, rounds, mixed, ids)
        # The control: the same mix with OpenVINO fp32 (cosine 1.0000) in bf16's place. The
        # review rounds pick photos by the model's scores, so any change, however small, can
        # send them down another path: this shows how far that alone moves the figures.
        control = np.where(mask[:, None], emb["ov32"], fp32)
        head_ctl, ctl = teach(seed, rounds, control, ids)
        for label, h, stored, info in (
            ("pure", head, fp32, pure),
            ("mix", head_mix, mixed, mix),
            ("control", head_ctl, control, ctl),
        ):
            s = h.scores(stored, faces=faces)  # type: ignore[attr-defined]
            tag_names = list(h.tag_names)  # type: ignore[attr-defined]
            for tag in new_tags.TAGS:
                j = tag_names.index(tag)
                ap, f1, _, _ = new_tags.evaluate(
                    info["truth"][tag],
                    s[:, j],
                    float(h.thresholds[j]),  # type: ignore[attr-defined]
                    ~info["answered"][tag],
                )
                rows.setdefault(f"{tag}|{label}", []).append((ap, f1))
        print(f"  seed {seed}: {time.perf_counter() - started:.0f} s", flush=True)
    print(
        "  AP / F1 on unanswered photos, per seed: pure fp32 | 50/50 fp32+bf16 mix | "
        "control: 50/50 TensorFlow fp32 + OpenVINO fp32"
    )
    deltas: dict[str, list[tuple[float, float]]] = {"mix": [], "control": []}
    for tag in new_tags.TAGS:
        runs = [rows[f"{tag}|{label}"] for label in ("pure", "mix", "control")]
        cells = " | ".join(" ".join(f"{ap:.2f}/{f1:.2f}" for ap, f1 in r) for r in runs)
        for label, r in zip(("mix", "control"), runs[1:], strict=True):
            deltas[label] += [(m[0] - p[0], m[1] - p[1]) for p, m in zip(runs[0], r, strict=True)]
        print(f"    {tag:<16} {cells}")
    for label, found in deltas.items():
        d = np.array(found)
        print(
            f"  {label} - pure: AP mean {d[:, 0].mean():+.3f} (largest |diff| "
            f"{np.abs(d[:, 0]).max():.2f}), F1 mean {d[:, 1].mean():+.3f} (largest |diff| "
            f"{np.abs(d[:, 1]).max():.2f}); mean |diff| AP {np.abs(d[:, 0]).mean():.3f}, "
            f"F1 {np.abs(d[:, 1]).mean():.3f}"
        )


def similar(det: dict[str, np.ndarray], count: int) -> None:
    from benchmarks.similar import variants
    from phototagger.core.similar import DUPLICATE_COSINE, build_index, duplicate_pairs

    paths = sorted(new_tags.PHOTOS.glob("*.jpg"))
    rng = np.random.default_rng(0)
    chosen = sorted(rng.choice(len(paths), size=min(count, len(paths)), replace=False).tolist())
    files: list[tuple[str, bytes | Path]] = []
    for i in chosen:
        files += [(f"{paths[i].name}#{k}", data) for k, data in variants(paths[i]).items()]
    copies = embed_all(files)
    emb = {k: storage(np.concatenate([det[k], copies[k]])) for k in RUNTIMES}
    n = len(paths)
    top = {k: build_index(range(n), emb[k][:n]) for k in RUNTIMES}
    for name in ("ov32", "bf16"):
        overlap = np.mean(
            [
                len(
                    {j for j, _ in top["tf32"].similar(i, 10)}
                    & {j for j, _ in top[name].similar(i, 10)}
                )
                / 10
                for i in range(n)
            ]
        )
        print(f"(c) similar photos, {name} vs tf32: top-10 neighbour overlap {overlap:.3f}")
    mixed = np.concatenate([emb["tf32"][:n], emb["bf16"][n:]])  # copies scanned later, in bf16
    sets = {}
    for name, vectors in (*((k, emb[k]) for k in RUNTIMES), ("mixed", mixed)):
        index = build_index(range(len(vectors)), vectors)
        sets[name] = {(a, b) for a, b, _ in duplicate_pairs(index, DUPLICATE_COSINE)}
    ref = sets["tf32"]
    for name in ("ov32", "bf16", "mixed"):
        got = sets[name]
        print(
            f"  near-duplicate pairs at {DUPLICATE_COSINE} ({n + len(files)} photos, "
            f"{len(ref)} pairs in tf32), {name}: {len(ref & got)} same, {len(got - ref)} added, "
            f"{len(ref - got)} lost"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--variants", type=int, default=100)
    parser.add_argument("--no-train", action="store_true", help="(a) and (c) only")
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PHOTOTAGGER_HOME", str(CACHE / "home"))
    print(f"load average {os.getloadavg()[0]:.1f}; photos {new_tags.PHOTOS}")
    paths = sorted(new_tags.PHOTOS.glob("*.jpg"))
    det = embed_all([(p.name, p) for p in paths])
    default_tags(det)
    similar(det, args.variants)
    if not args.no_train:
        taught_tags(det, [p.name for p in paths], args.seeds, args.rounds)
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
