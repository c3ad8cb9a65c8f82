"""Which undecided photos to ask the user about next, so that answering them improves the tag.

Sorting by distance from the threshold alone offers only photos near it and never a confident
mistake. The queue takes in turn from these lines:
- unsure "probably yes": just above the threshold, nearest first (is the cut right?);
- most confident: highest first (a confident mistake costs most: it is on every such photo);
- likely misses: just below the threshold, nearest first (what recall is missing);
- with `unseen`, one photo per kind the tag weighs only weakly, in the order given
  (core/model/unseen_kinds.py), twice per turn: photos a nearest-first line never reaches.
"""

from __future__ import annotations

from collections.abc import Sequence


def mixed_order(
    scored: Sequence[tuple[int, float]],
    threshold: float,
    limit: int,
    unseen: Sequence[tuple[int, float]] = (),
) -> list[tuple[int, float]]:
    """Up to `limit` of the (photo id, confidence) pairs, interleaved from the lines."""
    above = sorted((p for p in scored if p[1] >= threshold), key=lambda p: p[1])
    confident = sorted(above, key=lambda p: -p[1])
    below = sorted((p for p in scored if p[1] < threshold), key=lambda p: -p[1])
    # Kinds no answer showed take two turns in five: one answer settles a whole kind.
    kinds = iter(unseen)
    lines = [iter(above), kinds, iter(confident), kinds, iter(below)]
    chosen: list[tuple[int, float]] = []
    seen: set[int] = set()
    while len(chosen) < limit and lines:
        for line in list(lines):
            for item in line:
                if item[0] not in seen:
                    seen.add(item[0])
                    chosen.append(item)
                    break
            else:
                lines.remove(line)
            if len(chosen) >= limit:
                break
    return chosen
