"""Teaching new tags on real photos: how right they are on photos the user never answered.

Run: .venv/bin/python benchmarks/new_tags.py [--seeds 3] [--first-seed 0] [--rounds 3] [--no-100k]
[--tags a,b] [--no-answers 30] [--no-bound]
(--tags: teach only those tags, a quicker subset while developing; "persons" needs the faces.
--no-answers N: the user's first answers are 10 yes and N no; 0 teaches from yes answers alone,
the issue's "teach monkeys from 10 photos". --no-bound: skip the learnability bound, minutes.)

On /work/shared/data/det-photos (1,000 real photos, 200 ILSVRC DET categories, the category in each
file name), a simulated user teaches six new tags at once (names the default vocabulary lacks),
each defined by a list of categories: two that match one WordNet node (music, vehicles), two
unions (things to eat, kitchenware), one that matches no node (seaside: swimwear and sea
animals), "persons" (the photos that show people by benchmarks/people.py's hand
labels; named so because "people" is the face detector's own tag) and, for comparison, the older
stand-in "garment persons" (the person photos and photos of worn garments). The face detector's
findings come from the product's own background job (core/people.find_people) run once over the
scanned library and cached beside it (<tmp>/phototagger-new-tags-schema<N>/home-faces).
--no-faces runs the same with the face candidate off (tags learned as before this candidate
existed).
Per tag: 10 positives added and 30 other photos rejected, drawn per seed by photo (the first in the
order of a hash of seed, tag and file name: a corrected label moves only its own photo between the
draws), then `train` and activation; then 3 review rounds in which the user answers the first 10
photos of `review TAG` truthfully, each followed by train + activation. After each step, on the
photos the user never answered for that tag: average precision, F1 at the version's own threshold,
photos assigned against truly positive; "library F1" (what the user sees: their own answers, the
model's tags on the rest); and how many default (vocabulary) tag assignments changed against v1.
Each review round asks about photos the tag already finds, so the photos still unanswered lose
those positives round after round, and F1 on them can fall while the tag improves: every step's
version is therefore also scored, at the end, on the photos no round answered (one fixed set per
seed and tag; in braces in the summary), and on that set what the version's own threshold
costs: the F1 at the best threshold any cut could make beside the F1, precision and recall at
its own (threshold_cost). Beside it, a plain logistic probe (C = 1, L2-normalised embedding)
with the same answers (threshold 0.5). Under the summary, a ceiling per step: the F1 of calling
positive exactly the photos of the kinds (DET categories) the user has shown as yes so far
(examples and yes answers), on the same photos: what a learner that knew every shown kind and
nothing else would reach, so how far a tag is from what its answers can teach, and how much of
the rest only kinds no answer showed hold. Then, per tag, how learnable it is from what the
tagger sees at all (benchmarks/learnability.py): the F1 at the best threshold of learners given
every other photo's answer, whose best is the bound "where the concept is learnable" is read by.
Last, train + re-tag time (wall and CPU seconds) for a 100,000-photo library (det embeddings
resampled with noise, tagged by v1 as a scan leaves it, with the embedding matrix and the
probabilities the scan's last step makes, timed apart): the first training and a second after
one more answer per tag, each with a breakdown of where its time goes. Each training
scores the tags it changed over the whole library (its comparison with the active version) and
keeps those scores, which the switch then writes (core/switch_scores.py); the switch rewrites
only those tags (core/model/changed_tags.py). --only-100k runs this part alone.

The scanned library (the photos' embeddings) is cached in a temp folder between runs
(<tmp>/phototagger-new-tags-schema<N>, N the library schema); each run works on a copy.
Nothing here is tuned to these photos: the tag lists are fixed before looking at any result.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

# This checkout's phototagger, not the one installed (an editable install points at another
# worktree): first, before anything imports it.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from phototagger.paths import default_home
from phototagger.store.migrations import LATEST_VERSION

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
PHOTOS = Path(os.environ.get("DET_PHOTOS", "/work/shared/data/det-photos"))
# Keyed by the library schema: a run of newer code upgrades the cached library it opens, and
# older code (another branch) could then no longer open it (DatabaseTooNewError).
CACHE = Path(tempfile.gettempdir()) / f"phototagger-new-tags-schema{LATEST_VERSION}"
# The taught people tag. Not "people" itself: that is the face detector's built-in tag, whose
# review queue is the detector's (core/people.py), so it would not measure what a taught tag learns.
PEOPLE = "persons"

# name: (kind, DET category labels as the file names end: "<wnid>_<image id>_<label>.jpg"). Each
# tag has >= 25 photos (most >= 40) so that photos the user never answered remain after three
# review rounds. truth34 moved the categories a user of the tag's name would clearly answer the
# other way (decided from the name and the category's 5 photos, before any run): kitchenware
# gained plate_rack, salt_or_pepper_shaker and waffle_iron (kitchen things no less than a
# toaster or a strainer); seaside lost volleyball (4 of its 5 photos a game in a sports hall or
# a ball on white, none by the sea) and sunglasses (faces indoors, a pair on white, a shop's
# wall of them: worn anywhere, no photo by the sea).
TAGS: dict[str, tuple[str, set[str]]] = {
    "music": (
        "node",
        {
            "accordion",
            "banjo",
            "cello",
            "chime",
            "drum",
            "flute",
            "guitar",
            "harmonica",
            "harp",
            "french_horn",
            "maraca",
            "oboe",
            "piano",
            "saxophone",
            "trombone",
            "trumpet",
            "violin",
        },
    ),
    "vehicles": (
        "node",
        {
            "airplane",
            "bicycle",
            "bus",
            "car",
            "cart",
            "golfcart",
            "motorcycle",
            "snowmobile",
            "snowplow",
            "train",
            "unicycle",
            "watercraft",
        },
    ),
    "things to eat": (
        "union",
        {
            "apple",
            "banana",
            "fig",
            "lemon",
            "orange",
            "pineapple",
            "pomegranate",
            "strawberry",
            "artichoke",
            "bagel",
            "burrito",
            "head_cabbage",
            "cucumber",
            "guacamole",
            "hamburger",
            "hotdog",
            "bell_pepper",
            "pizza",
            "popsicle",
            "pretzel",
            "mushroom",
        },
    ),
    "kitchenware": (
        "union",
        {
            "dishwasher",
            "microwave",
            "refrigerator",
            "stove",
            "toaster",
            "coffee_maker",
            "waffle_iron",
            "ladle",
            "spatula",
            "strainer",
            "frying_pan",
            "corkscrew",
            "can_opener",
            "cup_or_mug",
            "pitcher",
            "bowl",
            "plate_rack",
            "salt_or_pepper_shaker",
        },
    ),
    "seaside": (
        "no node",
        {"maillot", "swimming_trunks", "seal", "starfish", "jellyfish", "whale"},
    ),
    # People, as the hand labels of benchmarks/people.py say (see PEOPLE above); and the older
    # stand-in, for comparison: ImageNet has no person class, photos of worn garments show the
    # person wearing them.
    PEOPLE: ("faces", set()),
    "garment persons": (
        "garments",
        {"person", "maillot", "miniskirt", "brassiere", "swimming_trunks"},
    ),
}
YES, NO, REVIEW = 10, 30, 10
# The ceiling per step (kinds_ceiling): per tag, per seed, per step, (F1 on the photos unanswered
# at that step, F1 on the photos no round answered). Filled by run(), printed by report_seeds().
CEILINGS: dict[str, list[list[tuple[float, float]]]] = {}
# How each tag was learned, per seed and step in turn (the label `train` gives), filled by run().
LEARNED: dict[str, list[str]] = {}


def kinds_ceiling(truth: np.ndarray, cats: list[str], yes: np.ndarray, among: np.ndarray) -> float:
    """The F1 on the photos `among` of calling positive exactly the photos of a kind (DET
    category) the user has shown as yes (`yes`: examples and yes answers): what a learner that
    knew every shown kind and nothing else would reach; kinds no answer showed count as missed.
    It bounds what these answers can teach, and tells how far a tag is from it."""
    shown = {c for c, y in zip(cats, yes, strict=True) if y}
    called = np.array([c in shown for c in cats]) & among
    hits = int((called & truth).sum())
    total = int(called.sum()) + int((truth & among).sum())
    return 2 * hits / total if total else 0.0


def people_truth(paths: list[str]) -> np.ndarray:
    """The photos that show people ("face", "group" or "small" in benchmarks/people.py's hand
    labels of det-photos), per path."""
    from benchmarks.people import det_photo_labels

    labels = {p.name: v for p, v in det_photo_labels(PHOTOS).items()}
    return np.array([labels.get(Path(p).name, "none") != "none" for p in paths])


def category(path: str) -> str:
    """The DET category label a det-photos file name ends with, whole: "salt_or_pepper_shaker"
    and "cocktail_shaker" are two kinds (their last word alone made them one)."""
    return Path(path).stem.split("_", 2)[-1]


def template_home() -> Path:
    """The scanned det-photos library, built once and kept in the temp folder."""
    return scanned_library(PHOTOS, CACHE / "home")


def scanned_library(folder: Path, home: Path) -> Path:
    """`folder` scanned into a library at `home`, once: kept there (marked done) for later runs."""
    if (home / "done").exists():
        return home
    shutil.rmtree(home, ignore_errors=True)
    os.environ["PHOTOTAGGER_HOME"] = str(home)
    from phototagger.core.library import open_library
    from phototagger.core.scan import scan
    from phototagger.ml.engine import load_engine

    engine = load_engine("auto", weights_cache=default_home().weights_cache)
    with open_library(default_home()) as lib:
        scan(lib, [str(folder)], lambda: engine, batch_size=32)
    (home / "done").write_text("scanned\n")
    return home


def faces_home(template: Path | None = None, home: Path | None = None) -> Path:
    """The scanned library `template` (default: det-photos') with the face detector's findings:
    the product's own background job (core/people.find_people, from the cached thumbnails) run
    once over a copy of it, kept at `home` (default: in the temp folder beside det-photos')."""
    home = home or CACHE / "home-faces"
    if (home / "done").exists():
        return home
    shutil.rmtree(home, ignore_errors=True)
    shutil.copytree(template or template_home(), home)
    (home / "done").unlink()
    os.environ["PHOTOTAGGER_HOME"] = str(home)
    from phototagger.core.library import open_library
    from phototagger.core.people import find_people

    started = time.perf_counter()
    with open_library(default_home()) as lib:
        found = find_people(lib)
    print(
        f"faces: {found.examined} photos examined, {found.with_people} with people, "
        f"{time.perf_counter() - started:.0f} s",
        flush=True,
    )
    (home / "done").write_text("faces found\n")
    return home


def tag_truths(paths: list[str]) -> dict[str, np.ndarray]:
    """Per tag, which of the photos `paths` are truly positive."""
    cats = [category(p) for p in paths]
    truth = {t: np.array([c in members for c in cats]) for t, (_, members) in TAGS.items()}
    if PEOPLE in TAGS:
        truth[PEOPLE] = people_truth(paths)
    return truth


def library_arrays() -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray, np.ndarray]:
    """Per tag the truth, and the ImageNet probabilities, embeddings and face signals
    (ml/face_base.py's features) of the scanned library's photos (in the same order), read from
    a copy of the cached library."""
    from phototagger.core.face_signals import face_signals
    from phototagger.core.library import open_library
    from phototagger.core.model.tagger import load_default_head
    from phototagger.core.training_set import embeddings_of
    from phototagger.ml.engine import BACKBONE_NAME

    work = Path(tempfile.mkdtemp(prefix="new-tags-arrays-"))
    shutil.copytree(faces_home(), work / "home")
    os.environ["PHOTOTAGGER_HOME"] = str(work / "home")
    try:
        with open_library(default_home()) as lib:
            ids, emb = embeddings_of(lib.db, None, BACKBONE_NAME)
            path_of = {r["id"]: str(r["path"]) for r in lib.db.query("select id, path from photos")}
            faces = face_signals(lib.db, ids).features
        paths = [path_of[i] for i in ids]
        return tag_truths(paths), load_default_head().imagenet_probabilities(emb), emb, faces
    finally:
        shutil.rmtree(work, ignore_errors=True)


def probe_scores(emb: np.ndarray, rows: np.ndarray, y: np.ndarray) -> np.ndarray:
    """A plain L2 logistic regression (C = 1) on L2-normalised embeddings, by gradient descent."""
    x = emb / np.linalg.norm(emb, axis=1, keepdims=True)  # the usual linear probe input
    w, b = np.zeros(x.shape[1]), np.float64(0.0)
    xr, yr = x[rows], y.astype(float)
    n = len(yr)
    rate = 1.0 / (0.25 * np.linalg.norm(xr, 2) ** 2 / n + 1.0 / n)  # 1 / Lipschitz constant
    for _ in range(1000):
        p = 1 / (1 + np.exp(-(xr @ w + b)))
        w -= rate * (xr.T @ (p - yr) / n + w / n)
        b -= rate * (p - yr).mean()
    return np.asarray(1 / (1 + np.exp(-(x @ w + b))))


def evaluate(
    truth: np.ndarray, scores: np.ndarray, threshold: float, unseen: np.ndarray
) -> tuple[float, float, int, int]:
    from phototagger.ml.metrics import tag_metrics

    m = tag_metrics(truth[unseen], scores[unseen], threshold)
    return (
        m.average_precision,
        m.f1,
        int((scores[unseen] >= threshold).sum()),
        int(truth[unseen].sum()),
    )


# Per tag, per seed, per step: (F1 at the best threshold, F1 at the version's own threshold,
# precision and recall at it), on the photos no round answered (threshold_cost).
THRESHOLD_COST: dict[str, list[list[tuple[float, float, float, float]]]] = {}


def threshold_cost(
    truth: np.ndarray, scores: np.ndarray, threshold: float
) -> tuple[float, float, float, float]:
    """What the version's own threshold costs on these photos: the F1 of the best cut that any
    threshold could make on them (an oracle) beside the F1, precision and recall at its own."""
    from benchmarks.learnability import best_f1
    from phototagger.ml.metrics import tag_metrics

    own = tag_metrics(truth, scores, threshold)
    return best_f1(truth, scores), own.f1, own.precision, own.recall


def drawn(seed: int, tag: str, paths: list[str], among: np.ndarray, k: int) -> np.ndarray:
    """`k` of the photos `among` (indices into `paths`), drawn for `tag` on `seed`: those first
    in the order of a hash of (seed, tag, file name). A photo's place depends on its own name
    alone, so a photo that changes label (a corrected hand label) moves only itself between the
    draws; drawn by index among the positives, as before, one relabel changed every seed's
    sample (persons' yes-only line moved 0.82 -> 0.74 at review round 1 so). Each tag has its own
    order, so a --tags subset teaches the same answers."""
    if len(among) < k:
        raise ValueError(f"{tag!r}: {k} photos to draw from {len(among)}")

    def place(i: int) -> bytes:
        key = f"{seed}\0{tag}\0{Path(paths[i]).name}".encode()
        return hashlib.blake2b(key, digest_size=8).digest()

    return np.array(sorted((int(i) for i in among), key=place)[:k], dtype=int)


def first_answers(
    seed: int, tag: str, paths: list[str], truth: np.ndarray, no_answers: int = NO
) -> tuple[np.ndarray, np.ndarray]:
    """The user's first answers to `tag` on `seed`: YES of its truly positive photos (`truth`,
    per path) said yes and `no_answers` of the others said no, each drawn by photo (drawn())."""
    return (
        drawn(seed, tag, paths, np.flatnonzero(truth), YES),
        drawn(seed, tag, paths, np.flatnonzero(~truth), no_answers),
    )


def run(
    seed: int,
    rounds: int,
    home: Path | None = None,
    truths: Callable[[list[str]], dict[str, np.ndarray]] = tag_truths,
    kind_of: Callable[[str], str] = category,
    no_answers: int = NO,
) -> dict[str, list[tuple[float, ...]]]:
    """One seed: the tags `truths` gives (per tag, which photos are truly positive) taught on a
    copy of the library `home` (default: det-photos with the faces found), `kind_of` naming each
    photo's kind for the ceiling, from YES yes and `no_answers` no answers first. Per tag, per step:
    (step, AP, F1, assigned, positives, probe AP, probe F1, probe assigned, default tags changed,
    seconds, library F1, then F1 and AP on the photos no round answered); how each step learned it
    goes to LEARNED."""
    from phototagger.core.face_signals import face_signals
    from phototagger.core.labels import label_paths
    from phototagger.core.library import open_library
    from phototagger.core.model.activation import activate_version
    from phototagger.core.model.review import review_queue
    from phototagger.core.model.tagger import load_head
    from phototagger.core.retrain import train_candidate
    from phototagger.core.training_set import embeddings_of
    from phototagger.ml.engine import BACKBONE_NAME
    from phototagger.ml.metrics import tag_metrics
    from phototagger.ml.trained_head import TrainedHead
    from phototagger.store.tags import user_decisions

    work = Path(tempfile.mkdtemp(prefix="new-tags-"))
    shutil.copytree(home or faces_home(), work / "home")
    os.environ["PHOTOTAGGER_HOME"] = str(work / "home")
    with open_library(default_home()) as lib:
        ids, emb = embeddings_of(lib.db, None, BACKBONE_NAME)
        path_of = {
            p: str(row["path"])
            for p, row in ((r["id"], r) for r in lib.db.query("select id, path from photos"))
        }
        paths = [path_of[i] for i in ids]
        cats = [kind_of(p) for p in paths]
        truth = truths(paths)
        tags = list(truth)
        results: dict[str, list[tuple[float, ...]]] = {t: [] for t in tags}
        faces = face_signals(lib.db, ids)
        answered = {t: np.zeros(len(ids), bool) for t in tags}
        for tag in tags:
            pos, neg = first_answers(seed, tag, paths, truth[tag], no_answers)
            label_paths(lib.db, [paths[i] for i in pos], add=[tag])
            label_paths(lib.db, [paths[i] for i in neg], reject=[tag])
            answered[tag][pos] = answered[tag][neg] = True
        default = load_head(lib, "v1")
        default_on = default.scores(emb) >= default.thresholds
        index_of = {p: i for i, p in enumerate(ids)}
        # Each step's (scores, threshold) per tag, to score every step again at the end on the
        # photos no round answered: a fixed set, whereas the photos unanswered at a step lose
        # the positives each review round asks about (the ones the tag already finds).
        kept: dict[str, list[tuple[np.ndarray, float]]] = {t: [] for t in tags}
        # Per step, the photos answered and those answered yes, for the ceilings.
        asked: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {t: [] for t in tags}
        for step in range(rounds + 1):
            started = time.perf_counter()
            result = train_candidate(lib, seed=seed)
            activate_version(lib, result.version)
            seconds = time.perf_counter() - started
            head = load_head(lib)
            assert isinstance(head, TrainedHead)
            scores = head.scores(emb, faces=faces)
            names = list(head.tag_names)
            k = default_on.shape[1]
            # Untouched: no decision at all. A keyword read from a photo's file is one (issue 13),
            # and a tag like 'food' that a file names is retrained like any other.
            decided = {name for _, name, _ in user_decisions(lib.db)}
            untouched = [c for c in range(k) if names[c] not in truth and names[c] not in decided]
            flips = (scores[:, untouched] >= head.thresholds[untouched]) != default_on[:, untouched]
            changed = int(flips.sum())
            for i, c in zip(*np.nonzero(flips), strict=True):
                col = untouched[c]
                print(
                    f"  default tag {names[col]!r} changed on {paths[i]}: score "
                    f"{scores[i, col]:.9f}, threshold {head.thresholds[col]:.9f}",
                    flush=True,
                )
            learned = result.counts.get("learned", {})
            for tag in tags:
                j = names.index(tag)
                unseen = ~answered[tag]
                ap, f1, assigned, positives = evaluate(
                    truth[tag], scores[:, j], float(head.thresholds[j]), unseen
                )
                probe = probe_scores(emb, answered[tag], truth[tag][answered[tag]])
                pap, pf1, passigned, _ = evaluate(truth[tag], probe, 0.5, unseen)
                # What the user sees: their own answers, and the model's tags elsewhere.
                said_yes = answered[tag] & truth[tag]
                shown = said_yes | (~answered[tag] & (scores[:, j] >= head.thresholds[j]))
                lib_f1 = tag_metrics(truth[tag], shown.astype(float), 0.5).f1
                how = learned.get(tag, {}).get("label", "kept")
                LEARNED.setdefault(tag, []).append(how)
                kept[tag].append((scores[:, j].copy(), float(head.thresholds[j])))
                asked[tag].append((answered[tag].copy(), answered[tag] & truth[tag]))
                results[tag].append(
                    (
                        step,
                        ap,
                        f1,
                        assigned,
                        positives,
                        pap,
                        pf1,
                        passigned,
                        changed,
                        seconds,
                        lib_f1,
                    )
                )
                print(
                    f"seed {seed} step {step} {tag:<13} AP {ap:.2f} F1 {f1:.2f} "
                    f"assigned {assigned:>3}/{positives:<3} | probe AP {pap:.2f} F1 {pf1:.2f} "
                    f"assigned {passigned:>3} | thr {head.thresholds[j]:.2f} | "
                    f"library F1 {lib_f1:.2f} | default changed {changed} | {seconds:.1f} s | "
                    f"{how}",
                    flush=True,
                )
            if step == rounds:
                break
            for tag in tags:
                queue = review_queue(lib, tag, limit=REVIEW)
                rows = [index_of[item.photo_id] for item in queue]
                label_paths(lib.db, [paths[i] for i in rows if truth[tag][i]], add=[tag])
                label_paths(lib.db, [paths[i] for i in rows if not truth[tag][i]], reject=[tag])
                answered[tag][rows] = True
    for tag in tags:
        never = ~answered[tag]
        THRESHOLD_COST.setdefault(tag, []).append(
            [threshold_cost(truth[tag][never], s[never], t) for s, t in kept[tag]]
        )
        CEILINGS.setdefault(tag, []).append(
            [
                (
                    kinds_ceiling(truth[tag], cats, yes, ~then),
                    kinds_ceiling(truth[tag], cats, yes, never),
                )
                for then, yes in asked[tag]
            ]
        )
        results[tag] = [
            (*row, m.f1, m.average_precision)
            for row, (s, t) in zip(results[tag], kept[tag], strict=True)
            for m in [tag_metrics(truth[tag][never], s[never], t)]
        ]
        print(
            f"seed {seed} {tag}: F1 per step on the {int(never.sum())} photos no round answered "
            f"({int(truth[tag][never].sum())} positive): "
            + " ".join(f"{f1:.2f}" for *_, f1, _ in results[tag]),
            flush=True,
        )
    shutil.rmtree(work, ignore_errors=True)
    return results


# What a training's and a switch's time is spent on (summed wall seconds; indented: inside the
# comparison): (label, module, class or "", function).
BREAKDOWN = (
    ("embedding copy", "phototagger.core.score_cache", "", "embedding_matrix"),
    ("trainer setup", "phototagger.core.tag_learning", "ConceptTrainer", "__init__"),
    ("fit", "phototagger.core.tag_learning", "ConceptTrainer", "fit"),
    ("active version", "phototagger.core.retrain", "", "_parent_trained"),
    ("comparison", "phototagger.core.retrain", "", "library_changes"),
    ("  softmax", "phototagger.ml.heads", "DefaultHead", "imagenet_probabilities"),
    ("  candidate", "phototagger.ml.trained_head", "TrainedHead", "scores_given"),
    ("  active", "phototagger.core.version_diff", "", "_old_scores"),
    ("  default cache", "phototagger.core.score_cache", "", "put_cached_scores"),
    ("  keep scores", "phototagger.core.switch_scores", "", "save"),
    ("switch writes", "phototagger.core.model.retag", "", "write_model_tags_flat"),
)


def _breakdown() -> tuple[contextlib.ExitStack, dict[str, float]]:
    import importlib

    from benchmarks.retrain import timed

    totals: dict[str, float] = {}
    stack = contextlib.ExitStack()
    for label, module, cls, name in BREAKDOWN:
        owner = importlib.import_module(module)
        stack.enter_context(timed(getattr(owner, cls) if cls else owner, name, totals, label))
    return stack, totals


def big_library_seconds(size: int) -> tuple[float, list[tuple[float, float, float, float]]]:
    """(the end-of-scan copy's wall s, then per training: train wall s, train CPU s, re-tag
    wall s, re-tag CPU s), first and second training, for a library of `size` photos made of
    det embeddings with noise and the six tags taught as above (10 yes + 30 no each). As a scan
    leaves it: every photo tagged by v1 (its model rows written by activating v1), no cached
    default scores, and the embedding matrix made by the scan's own end-of-job step
    (core/job_end_copies.refresh_after_job), timed apart."""
    from phototagger.core.embeddings import encode_embedding
    from phototagger.core.job_end_copies import refresh_after_job
    from phototagger.core.library import open_library
    from phototagger.core.model.activation import activate_version
    from phototagger.core.retrain import train_candidate
    from phototagger.core.training_set import embeddings_of
    from phototagger.ml.engine import BACKBONE_NAME
    from phototagger.store import photos as photo_store
    from phototagger.store import tags as tag_store
    from phototagger.store.connection import transaction
    from phototagger.store.embeddings import put_embeddings

    home = CACHE / f"big-{size}-tagged"
    os.environ["PHOTOTAGGER_HOME"] = str(template_home())
    with open_library(default_home()) as lib:
        _, real = embeddings_of(lib.db, None, BACKBONE_NAME)
    if not (home / "done").exists():
        shutil.rmtree(home, ignore_errors=True)
        os.environ["PHOTOTAGGER_HOME"] = str(home)
        rng = np.random.default_rng(0)
        std = real.std(0) * 0.3
        with open_library(default_home()) as lib, transaction(lib.db):
            for first in range(0, size, 5000):
                n = min(5000, size - first)
                picks = rng.integers(0, len(real), n)
                e = np.clip(real[picks] + rng.standard_normal((n, real.shape[1])) * std, 0, 6)
                pids = [
                    photo_store.insert_photo(
                        lib.db,
                        path=f"/big/{i:06d}_{picks[i - first]}.jpg",
                        size=1,
                        mtime=1.0,
                        content_hash=f"{i:064x}",
                        width=1,
                        height=1,
                        taken_at=None,
                        orientation=1,
                        status="tagged",
                    )
                    for i in range(first, first + n)
                ]
                put_embeddings(
                    lib.db,
                    BACKBONE_NAME,
                    [
                        (p, encode_embedding(v.astype(np.float32)))
                        for p, v in zip(pids, e, strict=True)
                    ],
                )
            for k, tag in enumerate(TAGS):
                for i in range(40):
                    pid = 1 + k * 40 + i
                    (tag_store.add_user_tag if i < YES else tag_store.reject_tag)(lib.db, pid, tag)
        with open_library(default_home()) as lib:
            activate_version(lib, "v1")  # the default tags, as the scan wrote them
            with transaction(lib.db):
                lib.db.execute("DELETE FROM score_cache")  # a scan caches none
        shutil.rmtree(default_home().embeddings_cache, ignore_errors=True)
        (home / "done").write_text("built\n")
    work = Path(tempfile.mkdtemp(prefix="new-tags-big-"))
    shutil.copytree(home, work / "home")
    shutil.rmtree(work / "home" / "cache" / "embeddings", ignore_errors=True)
    os.environ["PHOTOTAGGER_HOME"] = str(work / "home")
    figures: list[tuple[float, float, float, float]] = []
    with open_library(default_home()) as lib:
        # The copy is keyed by the library file's path: the work copy's is made here, by the
        # step that ends a scan.
        wall = time.perf_counter()
        refresh_after_job(lib, [BACKBONE_NAME])
        scan_end = time.perf_counter() - wall
        for run_no in range(2):
            if run_no:  # one more answer per tag: every taught tag is trained again
                for k, tag in enumerate(TAGS):
                    tag_store.reject_tag(lib.db, 1 + len(TAGS) * 40 + k, tag)
            stack, totals = _breakdown()
            with stack:
                wall, cpu = time.perf_counter(), time.process_time()
                result = train_candidate(lib)
                train_wall, train_cpu = time.perf_counter() - wall, time.process_time() - cpu
                wall, cpu = time.perf_counter(), time.process_time()
                activate_version(lib, result.version)
                figures.append(
                    (train_wall, train_cpu, time.perf_counter() - wall, time.process_time() - cpu)
                )
            print(
                f"  training {run_no + 1} breakdown (wall s): "
                + ", ".join(
                    f"{label.strip()} {totals.get(label, 0.0):.2f}" for label, *_ in BREAKDOWN
                )
            )
    shutil.rmtree(work, ignore_errors=True)
    return scan_end, figures


def main() -> None:
    global YES
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument(
        "--first-seed",
        type=int,
        default=0,
        metavar="N",
        help="the first seed run (default 0): --first-seed 10 --seeds 10 runs seeds 10 to 19",
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--no-100k", action="store_true")
    parser.add_argument("--tags", default="", help="comma-separated subset of the tags to teach")
    parser.add_argument(
        "--only-100k", action="store_true", help="only the large library's train + re-tag times"
    )
    parser.add_argument(
        "--no-answers",
        type=int,
        default=NO,
        metavar="N",
        help=f"the user's first answers per tag: {YES} yes and N no (default {NO}; 0: yes alone)",
    )
    parser.add_argument(
        "--yes-answers",
        type=int,
        default=YES,
        metavar="N",
        help=f"the user's first yes answers per tag (default {YES}): a user who answers a few",
    )
    parser.add_argument(
        "--no-bound",
        action="store_true",
        help="skip the learnability bound at the end (benchmarks/learnability.py: minutes)",
    )
    parser.add_argument(
        "--no-faces",
        action="store_true",
        help="for comparison: taught tags never start from the face detector (as before)",
    )
    args = parser.parse_args()
    if args.no_answers < 0:
        parser.error("--no-answers must be 0 or more")
    if args.yes_answers < 1:
        parser.error("--yes-answers must be 1 or more")
    YES = args.yes_answers
    if args.no_faces:
        from phototagger.core import tag_learning

        tag_learning.ConceptTrainer._face_fit = lambda *_: None  # type: ignore[method-assign]
    if args.tags:
        wanted = [t.strip() for t in args.tags.split(",") if t.strip()]
        unknown = [t for t in wanted if t not in TAGS]
        if unknown:
            parser.error(f"unknown tags {unknown}; known: {', '.join(TAGS)}")
        for tag in list(TAGS):
            if tag not in wanted:
                del TAGS[tag]
    print(f"load average {os.getloadavg()[0]:.1f}; photos {PHOTOS}")
    if not args.only_100k:
        report_seeds(
            args.seeds, args.rounds, args.no_answers, bound=not args.no_bound, first=args.first_seed
        )
    if not args.no_100k:
        scan_end, trainings = big_library_seconds(args.size)
        print(
            f"{args.size:,} photos, the scan's last step (the embeddings' copy and their "
            f"ImageNet probabilities): {scan_end:.1f} s"
        )
        for label, (tw, tc, rw, rc) in zip(("first", "second"), trainings, strict=True):
            print(
                f"{args.size:,} photos, {label} training: train {tw:.1f} s (CPU {tc:.1f} s) + "
                f"re-tag {rw:.1f} s (CPU {rc:.1f} s) = {tw + rw:.1f} s wall "
                f"(target < 10 s), load average {os.getloadavg()[0]:.1f}"
            )
    print(f"load average {os.getloadavg()[0]:.1f}")


def report_seeds(
    seeds: int, rounds: int, no_answers: int = NO, bound: bool = True, first: int = 0
) -> None:
    """The summary over `seeds` seeds from `first` on (each seed draws its own first answers)."""
    all_results = [run(seed, rounds, no_answers=no_answers) for seed in range(first, first + seeds)]
    summarize(all_results, {tag: kind for tag, (kind, _) in TAGS.items()}, no_answers)
    print(
        "ceiling per step: F1 of calling positive exactly the kinds (DET categories) shown as "
        "yes so far, on the unanswered photos, mean/min {on the photos no round answered, "
        "mean/min}"
    )
    for tag in TAGS:
        cells = per_step(
            np.array(CEILINGS[tag][-seeds:]),  # (seeds, steps, 2)
            lambda s, w: f"{s[0]:.2f}/{w[0]:.2f} {{{s[1]:.2f}/{w[1]:.2f}}}",
        )
        print(f"  {tag:<13} {cells}")
    changed = max(r[8] for res in all_results for rows in res.values() for r in rows)
    if bound:
        learnable()
    print(f"default tag assignments changed against v1 (most at any step): {changed}")


def learnable() -> None:
    """Per tag, the learnability bound (benchmarks/learnability.py)."""
    from benchmarks.learnability import learnability

    print(
        "learnable? F1 at the best threshold of learners given every other photo's answer "
        "(benchmarks/learnability.py; the ceiling is the best of them)"
    )
    truth, probs, embeddings, faces = library_arrays()
    for tag in TAGS:
        found = learnability(truth[tag], probs, embeddings, faces)
        cells = ", ".join(f"{k} {v:.2f}" for k, v in found.items())
        print(f"  {tag:<15} {cells}", flush=True)


def summarize(
    all_results: list[dict[str, list[tuple[float, ...]]]],
    kinds: dict[str, str],
    no_answers: int = NO,
) -> None:
    """The summary over seeds of run()'s results for the tags `kinds` (tag: its kind), taught
    from YES yes and `no_answers` no answers first: F1 per step, and what the versions' own
    thresholds cost on the photos no round answered."""
    print(
        f"\nsummary over {len(all_results)} seeds, {YES} yes + {no_answers} no first: "
        "tag, kind, then per step: F1 on unanswered "
        "photos, mean/min (probe F1 mean) [library F1 mean] {F1 on the photos no round "
        "answered, mean}"
    )
    width = max(13, *map(len, kinds))
    for tag, kind in kinds.items():
        cells = per_step(
            np.array([[r[1:] for r in res[tag]] for res in all_results]),
            lambda s, w: f"{s[1]:.2f}/{w[1]:.2f} ({s[5]:.2f}) [{s[9]:.2f}] {{{s[10]:.2f}}}",
        )
        print(f"  {tag:<{width}} {kind:<7} {cells}")
    print(
        "threshold cost on the photos no round answered, per step: F1 at the best threshold / "
        "at the version's own (mean over seeds, min), precision/recall at its own (mean)"
    )
    for tag in kinds:
        cells = per_step(
            np.array(THRESHOLD_COST[tag]),  # seeds x steps x (best, own, precision, recall)
            lambda m, w: (
                f"{m[0]:.2f}/{m[1]:.2f} (min {w[0]:.2f}/{w[1]:.2f}) P {m[2]:.2f} R {m[3]:.2f}"
            ),
        )
        print(f"  {tag:<15} {cells}")


def per_step(per_seed: np.ndarray, cell: Callable[[np.ndarray, np.ndarray], str]) -> str:
    """One cell per step of `per_seed` (seeds x steps x figures), made by `cell` from the
    figures' mean and their min over the seeds."""
    mean, low = per_seed.mean(axis=0), per_seed.min(axis=0)
    return "  ".join(cell(m, w) for m, w in zip(mean, low, strict=True))


if __name__ == "__main__":
    main()
