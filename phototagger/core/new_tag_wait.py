"""New tags that are not learned yet, and what `train` says when it has nothing new to learn.

A tag the user invents becomes a model output once MIN_POSITIVES photos have it (fewer give no
class set or threshold worth trusting). Until then `train` names it with how many more photos it
needs, instead of saving a version that is its parent under a new name.
"""

from __future__ import annotations

from collections.abc import Iterable

from phototagger.core.training_set import MIN_POSITIVES, Labels
from phototagger.store.tags import name_key

NAMED_WAITING = 5  # new tags named in the message, the closest to being learned first


def waiting_tags(labels: Labels, known: Iterable[str]) -> dict[str, int]:
    """Tags with decisions that no version knows yet and too few positives to learn: their
    positives, by name."""
    folded = {name_key(k) for k in known}  # 'äpfel' is not known for 'Äpfel' (two tags)
    names = set(labels.positives) | set(labels.negatives) | set(labels.unread)
    return {
        n: labels.positives.get(n, 0)
        for n in sorted(names, key=str.casefold)
        if name_key(n) not in folded and labels.positives.get(n, 0) < MIN_POSITIVES
    }


def unread_note(labels: Labels) -> str:
    """Why a tag the user labelled counts fewer photos than they labelled, or "" if it does not:
    photos that could not be read teach nothing."""
    count = sum(labels.unread.values())
    if not count:
        return ""
    if count == 1:
        which = "1 of your labels is on a photo that could not be read and does not count"
    else:
        which = f"{count:,} of your labels are on photos that could not be read and do not count"
    return f"; {which} (see the problems list)"


def nothing_new_message(parent: str, waiting: dict[str, int]) -> str:
    """Why there is nothing to train: the new tags that need more photos, or no new decisions.
    The tags closest to being learned are named first, and only NAMED_WAITING of them: a
    library whose files carried keywords waits on hundreds of one-photo tags, and a message
    naming them all is a wall of text in the terminal and runs off the Train page."""
    if waiting:
        closest = sorted(waiting.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
        needs = ", ".join(
            f"'{tag}' has {count} (add it to {MIN_POSITIVES - count} more)"
            for tag, count in closest[:NAMED_WAITING]
        )
        if len(closest) > NAMED_WAITING:
            needs += f" and {len(closest) - NAMED_WAITING:,} more new tags"
        return f"a new tag is learned once {MIN_POSITIVES} photos have it: {needs}"
    return f"no new decisions since {parent} learned: accept, reject or add tags, then train"
