"""Which undecided photos to ask the user about next, so that answering them improves the tag.

Sorting by distance from the threshold alone offers only photos near it and never a confident
mistake. The queue takes in turn from three lines:
- unsure "probably yes": just above the threshold, nearest first (is the cut right?);
- most confident: highest first (a confident mistake costs most: it is on every such photo);
- likely misses: just below the threshold, nearest first (what recall is missing);
and gives every `random_every`-th place to an undecided photo drawn at random. The three lines
only ever show the photos the model already ranks near the top or the cut: answers there cannot
tell it what it ranks far too low (a kind of photo no example showed), and a threshold estimated
from them alone sees the library only where the model looked. A random photo is an unbiased
look at the rest.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

RANDOM_EVERY = 5  # one place in five (2 of a round of 10) goes to a random undecided photo


def queue_seed(tag: str, decided: int) -> int:
    """A seed that stays the same until the user answers: asking twice shows the same queue."""
    digest = hashlib.sha1(f"{tag.casefold()}:{decided}".encode()).digest()
    return int.from_bytes(digest[:8], "little")


def mixed_order(
    scored: Sequence[tuple[int, float]],
    threshold: float,
    limit: int,
    random_every: int = 0,
    seed: int = 0,
) -> list[tuple[int, float]]:
    """Up to `limit` of the (photo id, confidence) pairs, interleaved from the three lines, with
    every `random_every`-th place (0: none) a pair drawn at random (by `seed`) from the rest."""
    randoms = limit // random_every if random_every > 0 else 0
    above = sorted((p for p in scored if p[1] >= threshold), key=lambda p: p[1])
    confident = sorted(above, key=lambda p: -p[1])
    below = sorted((p for p in scored if p[1] < threshold), key=lambda p: -p[1])
    lines = [iter(above), iter(confident), iter(below)]
    chosen: list[tuple[int, float]] = []
    seen: set[int] = set()
    while len(chosen) < limit - randoms and lines:
        for line in list(lines):
            for item in line:
                if item[0] not in seen:
                    seen.add(item[0])
                    chosen.append(item)
                    break
            else:
                lines.remove(line)
            if len(chosen) >= limit - randoms:
                break
    rest = [p for p in scored if p[0] not in seen]
    rng = np.random.default_rng(seed)
    drawn = [rest[i] for i in rng.permutation(len(rest))[:randoms]] if rest else []
    for k, item in enumerate(drawn):
        chosen.insert(min((k + 1) * random_every - 1, len(chosen)), item)
    return chosen
