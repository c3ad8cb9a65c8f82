"""Concepts for new tags: the set of ImageNet classes, in the WordNet hierarchy, that best explains
what the user taught. Pure numpy.

Ten photos of turtles, lizards and snakes should teach "reptile", not "things with that texture".
The default tagger already gives each photo 1,000 ImageNet probabilities, and those classes sit in
WordNet (models/wordnet_closure.json). A candidate is a WordNet node (every class below it), or a
small union of nodes; its score on a photo is its probability mass. Candidates are judged by how
much more mass the user's positives carry than an average library photo (the lift, which prefers
the most specific node that still covers the positives) and how little the rejections carry.
A candidate is used only when it ranks the labelled photos well; otherwise the tag is learned from
the embedding alone.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass

import numpy as np

from phototagger.core import wordnet
from phototagger.core.wording import listed
from phototagger.ml.lookalikes import KIND_WEIGHT
from phototagger.ml.metrics import average_precision

EPS = 0.01  # mass floor: an uncovered positive costs at most log(EPS / (mean mass + EPS))
MAX_UNION = 3  # a concept unites at most this many WordNet nodes
MIN_GAIN = 0.1  # nats per photo a further node must add to join a union
MIN_AP = 0.6  # the class mass must rank the labelled photos this well to be used
MIN_COVERAGE = 0.5  # and give at least this share of the positives COVERED_MASS or more
COVERED_MASS = 0.2
TOP_CLASSES = 2
MIN_NEWLY_COVERED = 2  # positives a further node must cover that the set did not
MIN_NEWLY_SHARE = 0.15
# The tagger is sure what a photo shows when its likeliest class and that class's WordNet
# siblings (sibling_groups) have at least this probability together (more than all the others).
# A can opener it half took for a hammer (hammer 0.22, the other hand tools ~0) says nothing
# about hammers: as a tag's own class, 'hammer' tagged every hammer in the library. A cat it
# splits among tabby 0.4, tiger cat 0.3 and Egyptian cat 0.2 is clearly a domestic cat.
CLEAR_KIND = 0.5
# A tag taught with yes answers only: nothing but the library prices a wider node (there is no
# rejection for it to take), so the search's lift alone picks the narrowest node over its
# examples, and the kin they did not show are left out (taught from 4 monkeys, 'monkey' left
# out a chimpanzee to which 'primate' gives 0.83). The node is widened to the smallest WordNet
# node above it that holds every yes answer's likely classes (its TOP_CLASSES likeliest, each
# at LIKELY or more) when that node spreads at most WIDER_MASS times the node's mass over the
# library, and when the answers show the classes it adds at least ADDED_LIFT times as much as
# the library's average photo does: a widening is for kin the answers look like (4 monkeys, a
# howler's second guess an orangutan, showed apes and lemurs 0.96 times as much as a library
# with a chimpanzee's photos), not for the kinds the rest of a library holds (10 instruments,
# a drum's second guess a drumstick, in a library half instruments: 'musical instrument' was
# 42 % of its mass, 'instrumentality' 1.47 times that, and the answers showed the classes it
# adds 0.31 times as much as the library, whose cars, chairs and a horse it tagged).
LIKELY = 0.05
WIDER_MASS = 2.0
ADDED_LIFT = 0.5
# WordNet's top levels are no words a photographer uses: a tag taught as 'things to eat' was
# explained as learned "like 'matter'". A node is one of them when fewer than TOP_LEVELS
# hypernyms lie above it ('entity', 'physical entity', 'abstraction', 'object', 'matter',
# 'whole', 'substance'; 'food' and 'animal' are deeper) or when it holds more than half of the
# 1,000 classes ('artifact': 522). Such a node is no concept a user means either: fit_concept
# never chooses one (where one scores best, the nodes below it stand in: _below). A set that
# holds one (a version trained before) is said by the classes it holds that the yes answers
# show most (classes_named), at most NAMED_CLASSES of them.
TOP_LEVELS = 4
NAMED_CLASSES = 3


@dataclass(frozen=True)
class ConceptIndex:
    """Every WordNet node above the 1,000 classes, as a (1000, K) 0/1 matrix of its classes."""

    wnids: list[str]
    names: list[str]
    members: np.ndarray  # (1000, K) float32


@dataclass(frozen=True)
class ConceptFit:
    wnids: tuple[str, ...]
    names: tuple[str, ...]
    classes: np.ndarray  # (1000,) float32: 0/1, or weights in [0, 1] when `weighted`
    average_precision: float  # of the class mass on the labelled photos
    coverage: float  # share of positives with mass >= COVERED_MASS
    own: int = 0  # classes added because they are a positive's likeliest (see with_own_classes)
    weighted: bool = False  # classes weighted by how strongly the examples show them
    # And spread to their WordNet neighbours (core/class_neighbours.py); `own` then counts the
    # classes weighed outside the WordNet groups named (all of them, with none).
    neighbours: bool = False

    @property
    def label(self) -> str:
        nodes = " + ".join(f"'{n}'" for n in self.names)
        word = "class" if self.own == 1 else "classes"  # "(1 class)", not "(1 classes)"
        if self.neighbours:
            # "(5 classes outside 'dog')": "(5 classes)" beside 'dog' (118) read as its size.
            quoted = [f"'{n}'" for n in self.names]
            outside = f" outside {listed(quoted)}" if nodes else ""
            shown = (
                f"your examples' classes and their WordNet neighbours ({self.own} {word}{outside})"
            )
            return f"like WordNet {nodes} + {shown}" if nodes else f"like {shown}"
        if self.weighted:
            shown = f"the {self.own} ImageNet {word} your examples show, weighted"
            return f"like WordNet {nodes} + {shown}" if nodes else f"like {shown}"
        if not self.own:
            return "like WordNet " + nodes
        own = f"{self.own} ImageNet {word} of your examples"
        return f"like WordNet {nodes} + {own}" if nodes else f"like {own}"


@functools.lru_cache(maxsize=1)
def load_concepts() -> ConceptIndex:
    data, classes = wordnet.closure()
    column: dict[frozenset[int], int] = {}
    wnids: list[str] = []
    below: dict[str, list[int]] = {}
    for i, cls in enumerate(classes):
        for wnid in [cls["wnid"], *data["ancestors"][i]]:
            below.setdefault(wnid, []).append(i)
            if wnid not in wnids:
                wnids.append(wnid)
    kept: list[str] = []
    for wnid in wnids:  # nearest-first order: of nodes with the same classes, keep the specific one
        key = frozenset(below[wnid])
        if key not in column:
            column[key] = len(kept)
            kept.append(wnid)
    members = np.zeros((len(classes), len(kept)), np.float32)
    for k, wnid in enumerate(kept):
        members[below[wnid], k] = 1.0
    return ConceptIndex(kept, _distinct_names(kept, data, classes), members)


def _distinct_names(wnids: list[str], data: dict, classes: list[dict]) -> list[str]:
    """Each node's name: its first lemma, and where two nodes share it, its second lemma or
    else its WordNet parent's name in brackets. 'food' is two nodes ('food, nutrient' above
    every food, drink and feed class; 'food, solid food' above the dishes and produce):
    "things to eat" read "like WordNet 'food' + 'food' + …" (8 classes outside 'food' and
    'food'); now 'food (nutrient)' and 'food (solid food)', and 'crane (wading bird)' beside
    'crane (lifting device)'."""
    synsets: dict[str, list[str]] = data["synsets"]
    parents: dict[str, str] = {}
    for cls, above in zip(classes, data["ancestors"], strict=True):
        for child, parent in itertools.pairwise([cls["wnid"], *above]):  # nearest first
            parents.setdefault(child, parent)
    first = [(synsets.get(w) or [w])[0] for w in wnids]
    shared = {name for name in first if first.count(name) > 1}
    names = []
    for wnid, name in zip(wnids, first, strict=True):
        if name in shared:
            lemmas = synsets.get(wnid) or []
            other = next((lemma for lemma in lemmas[1:] if lemma != name), None)
            if other is None and wnid in parents:
                other = (synsets.get(parents[wnid]) or [parents[wnid]])[0]
            name = f"{name} ({other or wnid})"
        names.append(name)
    return names


@functools.lru_cache(maxsize=1)
def wide_nodes() -> frozenset[str]:
    """The WordNet nodes too general to name to a user (TOP_LEVELS): their wnids. A node's
    depth is read from the shipped closure: on each class's path (its hypernyms, nearest first)
    the nodes after it that hold every class it holds lie above it; its depth is the most of
    them on any path ('matter' 2: 'physical entity', 'entity')."""
    data, classes = wordnet.closure()
    below: dict[str, int] = {}  # wnid -> its classes, as the bits of an int
    for i, ancestors in enumerate(data["ancestors"]):
        for wnid in ancestors:
            below[wnid] = below.get(wnid, 0) | 1 << i
    depth: dict[str, int] = {}
    for ancestors in data["ancestors"]:
        for k, wnid in enumerate(ancestors):
            mine = below[wnid]
            above = sum(1 for other in ancestors[k + 1 :] if below[other] & mine == mine)
            depth[wnid] = max(depth.get(wnid, 0), above)
    half = len(classes) / 2
    return frozenset(
        wnid for wnid, d in depth.items() if d < TOP_LEVELS or below[wnid].bit_count() > half
    )


def classes_named(fit: ConceptFit, positives: np.ndarray) -> dict[str, list[str]]:
    """Per WordNet node of `fit` too general to name (wide_nodes), by its name: the ImageNet
    classes it holds that the yes answers (`positives`: their ImageNet probabilities) show most,
    likeliest first, at most NAMED_CLASSES, each shown LIKELY or more by them together (the
    likeliest one in any case). 'matter', taught from pizzas, peppers and mushrooms, is said
    'pizza', 'bell pepper' and 'mushroom'. Empty when every node can be named."""
    wide = wide_nodes()
    if not positives.size or not any(w in wide for w in fit.wnids):
        return {}
    index = load_concepts()
    _, classes = wordnet.closure()
    mass = positives.sum(axis=0)
    named: dict[str, list[str]] = {}
    for wnid, name in zip(fit.wnids, fit.names, strict=True):
        if wnid not in wide or wnid not in index.wnids:
            continue
        held = np.flatnonzero(index.members[:, index.wnids.index(wnid)])
        order = held[np.argsort(-mass[held], kind="stable")][:NAMED_CLASSES]
        shown = [i for i in order[1:] if mass[i] >= LIKELY]
        named[name] = [classes[i]["name"] for i in [order[0], *shown]]
    return named


@functools.lru_cache(maxsize=1)
@functools.lru_cache(maxsize=1)
def sibling_groups() -> np.ndarray:
    """(1000,) int: each class's WordNet parent (its nearest hypernym in the shipped closure) as
    a number its siblings share. ImageNet splits what a photo shows among siblings: tabby,
    tiger cat, Persian, Siamese and Egyptian cat are each 'domestic cat'; hammer, plunger,
    screwdriver and shovel 'hand tool' (a can opener is an 'opener', alone)."""
    data, _ = wordnet.closure()
    parents: dict[str, int] = {}
    groups = np.array(
        [
            parents.setdefault(a[0] if a else f"#{i}", len(parents))
            for i, a in enumerate(data["ancestors"])
        ]
    )
    # Built once from the shipped WordNet (clear_kinds and one_clear_kind each asked for it,
    # per tag trained); read-only, as every caller shares it.
    groups.setflags(write=False)
    return groups


def clear_kinds(probs: np.ndarray) -> np.ndarray:
    """(N,) bool, per row of `probs` (ImageNet probabilities): whether the tagger is sure what
    kind of thing the photo shows, its likeliest class's sibling group (sibling_groups) holding
    CLEAR_KIND or more of its probability."""
    groups = sibling_groups()
    top = np.argmax(probs, axis=1)
    same = groups[top][:, None] == groups[None, :]
    return np.asarray((probs * same).sum(axis=1) >= CLEAR_KIND)


def classes_below(wnids: tuple[str, ...]) -> np.ndarray:
    """(1000,) bool: the ImageNet classes at or below any of the WordNet nodes `wnids`."""
    data, classes = wordnet.closure()
    wanted = set(wnids)
    return np.array(
        [
            cls["wnid"] in wanted or not wanted.isdisjoint(up)
            for cls, up in zip(classes, data["ancestors"], strict=True)
        ],
        dtype=bool,
    )


def unshown_kinds(fit: ConceptFit | None, yes: np.ndarray) -> np.ndarray:
    """The ImageNet classes (sorted) a tag's WordNet set `fit` weighs only because its yes
    answers half showed them (`yes`: their ImageNet probabilities), where the set's WordNet
    nodes hold every kind a yes answer is sure of (clear_kinds): each class clearly outside
    those nodes (far_classes), weighed above 0 and under lookalikes.KIND_WEIGHT (a class the set
    is not about), and in no sibling group (sibling_groups) a yes answer is sure of. "monkeys",
    like 'primate', its yes answers all primates where the tagger is sure, and an indri it reads
    as a three-toed sloth 0.37 (an indri 0.10) lending sloths 0.37: sloths are such a kind.
    Empty for a set no WordNet node names (the examples' classes alone), and where a yes answer
    is sure of a kind outside its nodes: the tag is then more than its nodes ('food, solid
    food' for "things to eat", a yes answer sure of a plate of spaghetti), and what its examples
    half show is the rest of it (a pizza, a burrito)."""
    if fit is None or not fit.wnids:
        return np.zeros(0, int)
    inside = classes_below(fit.wnids)
    sure = np.argmax(yes, axis=1)[clear_kinds(yes)] if len(yes) else np.zeros(0, int)
    if not inside[sure].all():
        return np.zeros(0, int)
    weighed = np.flatnonzero((fit.classes > 0) & (fit.classes < KIND_WEIGHT))
    groups = sibling_groups()
    weighed = weighed[~np.isin(groups[weighed], groups[sure])]
    return weighed[far_classes(fit.wnids, weighed)].astype(int)


def far_classes(wnids: tuple[str, ...], classes: np.ndarray) -> np.ndarray:
    """Per class of `classes` (indices), whether it is clearly outside every one of the WordNet
    nodes `wnids`: the
    smallest WordNet node that holds a class and a node's classes holds more than WIDER_MASS
    times the node's classes, as a parent too wide to be a reading of the same concept
    (core/model/unseen_kinds.outside_kinds). A three-toed sloth and the 20 primates meet only at
    'placental' (212 classes); a bathing cap and the 26 garments at 'clothing' (49): a sloth is
    clearly no primate, a bathing cap is nearly a garment."""
    members = load_concepts().members > 0  # (1000, K)
    sizes = members.sum(axis=0)
    far = np.ones(len(classes), bool)
    for wnid in wnids:
        column = classes_below((wnid,))
        holding = members[column].all(axis=0)  # the nodes that hold the node's classes
        smallest = np.where(members[classes] & holding, sizes, np.iinfo(sizes.dtype).max).min(
            axis=1
        )
        far &= smallest > WIDER_MASS * column.sum()
    return far


def one_clear_kind(probs: np.ndarray) -> bool:
    """Whether the tagger is sure every row of `probs` (ImageNet probabilities) shows the same
    kind of thing: each a clear kind (clear_kinds), their likeliest classes all in one sibling
    group (sibling_groups). Five trombones are; a tag's photos of people playing a violin, a
    trombone and a ball are not."""
    if not len(probs):
        return False
    groups = sibling_groups()[np.argmax(probs, axis=1)]
    return bool(clear_kinds(probs).all() and (groups == groups[0]).all())


def _score(mass: np.ndarray, mean_mass: np.ndarray | float, positive: np.ndarray) -> np.ndarray:
    """Per candidate (columns of `mass`): mean lift of the positives plus mean log(1 - mass) of
    the rejections, in nats per photo."""
    lift = np.log((mass[positive] + EPS) / (mean_mass + EPS)).mean(axis=0)
    if (~positive).any():
        lift = lift + np.log(np.clip(1.0 - mass[~positive], 0.0, 1.0) + EPS).mean(axis=0)
    return np.asarray(lift)


def fit_concept(
    probs: np.ndarray,
    positive: np.ndarray,
    library_probs: np.ndarray,
    index: ConceptIndex | None = None,
) -> ConceptFit | None:
    """The class set that best explains `positive` (bool, per row of `probs`, the labelled photos'
    ImageNet probabilities), given the library's mean probabilities; None if none explains it.
    It holds no node of wide_nodes()."""
    positive = positive.astype(bool)
    if not positive.any():
        return None
    index = index or load_concepts()
    # Only nodes above one of a positive's likeliest classes can explain it: a few hundred
    # candidates instead of 1,860 keep this in milliseconds.
    top = np.argsort(-probs[positive], axis=1)[:, :TOP_CLASSES].ravel()
    nodes = np.flatnonzero(index.members[top].any(axis=0))
    wide = _wide_columns(index)[nodes]
    if wide.all():
        return None
    members = index.members[:, nodes]
    library_mean = library_probs.mean(axis=0) if library_probs.ndim == 2 else library_probs
    mass = probs @ members
    spread = library_mean @ members
    scores = _score(mass, spread, positive)
    chosen = [int(np.argmax(scores))]
    if wide[chosen[0]]:
        # WordNet's top levels (wide_nodes) are no concept a user means, nor part of one:
        # 'things to eat' learned as 'matter' took toilet tissue, face powder, hay and espresso
        # at 0.98-1.00. Where one scores best, the set is the nodes just below it that are
        # not (_below): 'food, nutrient' + 'food, solid food' for 'matter'.
        chosen = _below(chosen[0], members, wide, mass[positive], scores)
    elif positive.all():
        unwidened = np.where(wide, np.inf, spread)  # no widening into a top level either
        chosen = [_widened_for_yes_only(chosen[0], probs, members, unwidened)]
    inside = members[:, chosen].max(axis=1)
    best = float(scores[chosen[0]])
    if len(chosen) > 1:
        best = float(_score((probs @ inside)[:, None], float(library_mean @ inside), positive)[0])
    while len(chosen) < MAX_UNION:
        extra = members * (1.0 - inside)[:, None]  # each node's classes not yet in the set
        union_mass = (probs @ inside)[:, None] + probs @ extra
        union_mean = float(library_mean @ inside) + library_mean @ extra
        gains = _score(union_mass, union_mean, positive) - best
        gains[chosen] = -np.inf
        gains[wide] = -np.inf
        # A node joins only for several positives: one odd photo must not widen the concept.
        covered = (probs @ inside)[positive] >= COVERED_MASS
        newly = ((union_mass[positive] >= COVERED_MASS) & ~covered[:, None]).sum(axis=0)
        gains[newly < max(MIN_NEWLY_COVERED, MIN_NEWLY_SHARE * positive.sum())] = -np.inf
        k = int(np.argmax(gains))
        if gains[k] < MIN_GAIN:
            break
        chosen.append(k)
        best += float(gains[k])
        inside = np.maximum(inside, members[:, k])
    final = probs @ inside
    ap = average_precision(positive, final) if (~positive).any() else 1.0
    coverage = float((final[positive] >= COVERED_MASS).mean())
    if ap < MIN_AP or coverage < MIN_COVERAGE:
        return None
    chosen = [int(nodes[k]) for k in chosen]
    return ConceptFit(
        tuple(index.wnids[k] for k in chosen),
        tuple(index.names[k] for k in chosen),
        inside.astype(np.float32),
        ap,
        coverage,
    )


def _below(
    top: int, members: np.ndarray, wide: np.ndarray, positives: np.ndarray, scores: np.ndarray
) -> list[int]:
    """The widest nodes below the wide node `top` that are not wide themselves, as columns of
    `members`, standing in for it: the one covering most positives (`positives`: their masses
    per column; COVERED_MASS or more) first, the best scored of equals, then each that covers
    a positive the others do not, up to MAX_UNION. One such positive is enough (a node joining
    a union needs MIN_NEWLY_COVERED): `top` covered it. With the union's rule, 'food' stood in
    for 'matter' alone on det-photos' first review round of seed 1 (F1 0.93 -> 0.83)."""
    inside = members[:, top]
    sub = np.flatnonzero(~wide & (members <= inside[:, None]).all(axis=0))
    held = members[:, sub]
    sizes = held.sum(axis=0)
    # A node is the widest when no other of them holds all its classes and more.
    inside_other = (held.T @ held >= sizes[:, None]) & (sizes[None, :] > sizes[:, None])
    maximal = sub[~inside_other.any(axis=1)]
    covered = positives[:, maximal] >= COVERED_MASS
    order = np.lexsort((-scores[maximal], -covered.sum(axis=0)))
    chosen: list[int] = []
    seen = np.zeros(len(positives), bool)
    for i in order:
        if len(chosen) == MAX_UNION:
            break
        if not chosen or (covered[:, i] & ~seen).any():
            chosen.append(int(maximal[i]))
            seen |= covered[:, i]
    return chosen


def _wide_columns(index: ConceptIndex) -> np.ndarray:
    """(K,) bool: which of `index`'s nodes are WordNet's top levels (wide_nodes); the shipped
    index's once (every fold's search asks it)."""
    return _shipped_wide_columns() if index is load_concepts() else _wide_of(index.wnids)


@functools.lru_cache(maxsize=1)
def _shipped_wide_columns() -> np.ndarray:
    found = _wide_of(load_concepts().wnids)
    found.flags.writeable = False
    return found


def _wide_of(wnids: list[str]) -> np.ndarray:
    wide = wide_nodes()
    return np.array([wnid in wide for wnid in wnids], bool)


def yes_lift(
    concept: ConceptFit,
    probs: np.ndarray,
    library_probs: np.ndarray,
    index: ConceptIndex | None = None,
) -> float:
    """How much more of `concept`'s class set the yes answers (`probs`, a tag's answers, all yes)
    show than the library (its mean probabilities `library_probs`), in nats per answer, less
    the cost of naming the set: log(nodes searched) per WordNet node, shared by the answers.
    The set was the best of the nodes' lifts over these very answers, so its own lift is
    flattered; a base that is one fixed hypothesis (the face detector's) pays nothing.
    Per answer, log((mass + EPS) / (library mass + EPS)), as the search scores it."""
    index = index or load_concepts()
    mass = probs @ concept.classes
    spread = float(library_probs @ concept.classes)
    lift = float(np.log((mass + EPS) / (spread + EPS)).mean())
    return lift - len(concept.wnids) * float(np.log(index.members.shape[1])) / max(len(probs), 1)


def _widened_for_yes_only(
    best: int, probs: np.ndarray, members: np.ndarray, spread: np.ndarray
) -> int:
    """The column of `members` (candidate nodes) a tag taught only yes answers (`probs`, their
    ImageNet probabilities) starts from: `best`, or the smallest node above it that holds every
    answer's likely classes, if one spreads at most WIDER_MASS times its mass over the library
    (`spread`: each node's mean mass). "monkeys" taught from a howler monkey (orangutan its
    second guess, 0.07-0.11), a patas, a spider monkey and a mandrill, with crops: 'monkey' ->
    'primate' (1.31 times its mass on burst27's 413-photo library), which finds the chimpanzee
    no answer showed. "music" taught from 10 det-photos instruments, one of which the tagger
    also takes for a device that is no instrument, stays 'musical instrument': 'device'
    spreads 2.5 times its mass (allowed 4 times, music's precision fell 1.00 -> 0.80).
    The node is taken only if the answers' mean mass on the classes it adds is ADDED_LIFT or
    more times the library's (each with EPS): "concert" taught from 10 instruments, one with a
    drumstick guess (0.14), in a library half instruments stays 'musical instrument' (the
    answers showed the classes 'instrumentality' adds 0.31 times as much as the library)."""
    order = np.argsort(-probs, axis=1)[:, :TOP_CLASSES]
    likely = np.unique(order[np.take_along_axis(probs, order, axis=1) >= LIKELY])
    holds = np.asarray(members[likely].all(axis=0), bool)
    if holds[best]:
        return best
    above = (members[:, best][:, None] <= members).all(axis=0)
    fits = np.flatnonzero(above & holds & (spread <= WIDER_MASS * spread[best]))
    if not len(fits):
        return best
    wider = int(fits[np.argmin(members[:, fits].sum(axis=0))])
    # The classes it adds (best's lie inside it), their mass on the answers and on the library.
    added = members[:, wider] - members[:, best]
    shown = float((probs @ added).mean())
    lift = (shown + EPS) / (float(spread[wider] - spread[best]) + EPS)
    return wider if lift >= ADDED_LIFT else best


def with_own_classes(
    fit: ConceptFit | None, probs: np.ndarray, positive: np.ndarray
) -> ConceptFit | None:
    """`fit` widened by each positive's likeliest class where the tagger is sure of its kind
    (clear_kinds), unless a rejection's likeliest class is the same: a union no WordNet node
    names ("kitchenware": mugs, toasters, ladles, stoves) is often the classes the user's own
    examples look like. Without `fit`, those classes alone. None when they add nothing.
    Whether the wider set is better is for out-of-fold scores to say (core/tag_learning.py):
    on the labelled photos it is right by construction."""
    positive = positive.astype(bool)
    if not positive.any():
        return None
    top = np.argmax(probs, axis=1)
    own = np.zeros(probs.shape[1], np.float32)
    sure = clear_kinds(probs)  # a class the tagger only half guessed is no kind
    own[np.setdiff1d(top[positive & sure], top[~positive])] = 1.0
    before = fit.classes if fit is not None else np.zeros_like(own)
    added = int((own > before).sum())
    if added == 0:
        return None
    classes = np.maximum(before, own)
    return widened_fit(fit, classes, probs, positive, own=(fit.own if fit else 0) + added)


def widened_fit(
    fit: ConceptFit | None,
    classes: np.ndarray,
    probs: np.ndarray,
    positive: np.ndarray,
    own: int = 0,
    weighted: bool = False,
    neighbours: bool = False,
) -> ConceptFit:
    """A set of `classes` named as `fit` (or as none), with how well its mass ranks the labelled
    photos (`probs`, answers `positive`); `own`, `weighted`, `neighbours` as ConceptFit's."""
    final = probs @ classes
    ap = average_precision(positive, final) if (~positive).any() else 1.0
    coverage = float((final[positive] >= COVERED_MASS).mean())
    wnids, names = (fit.wnids, fit.names) if fit is not None else ((), ())
    return ConceptFit(wnids, names, classes, ap, coverage, own, weighted, neighbours)
