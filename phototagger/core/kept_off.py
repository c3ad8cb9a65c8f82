"""The kinds of photo a version holds under a tag's cut, in its record and in words.

A tag learned from a WordNet class set alone keeps, with the version, kinds of photo it holds a
logit under its cut (ml/lookalikes.py): a "no" answer's kind that no yes answer shares (its
rejected kinds: "vehicles" kept off the ox after a no on one) and the kinds outside its WordNet
group that only a yes photo's half guess lent weight to (its unshown kinds: "monkeys" kept off
the three-toed sloth). A user whose photo of a sloth never gets "monkeys" was told nothing of it
(held43): the record says it per tag under KEPT_OFF, by the tagger's class names (and how many
"no" answers' lookalikes it holds, KEPT_LIKE), and `train`, `models --json`, the Train page and
the versions page say it in words (kept_off_words).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from phototagger.core.kind_words import kind_note, with_kind
from phototagger.core.wording import listed

if TYPE_CHECKING:
    from phototagger.ml.trained_head import TrainedHead

# In a tag's learned record: [{"kind": "three-toed sloth", "why": "unshown"}, ...], absent
# where the version holds no kind under its cut.
KEPT_OFF = "kept_off"
REJECTED = "rejected"  # a "no" answer's kind no yes answer shares
UNSHOWN = "unshown"  # outside its WordNet group, no yes answer sure of one
# In a tag's learned record: how many of its "no" answers the version keeps, whose lookalikes
# (near-copies, by the embedding) it holds under its cut; absent where none.
KEPT_LIKE = "kept_off_like_no_answers"
# Kinds named in kept_off_words before "and 4 other things".
NAMED_KINDS = 3


def kept_off_records(head: TrainedHead) -> dict[str, dict[str, Any]]:
    """Per tag of `head` that holds photos under its cut, its record's KEPT_OFF list (its
    rejected kinds, then its unshown kinds, those its class set weighs most first; a class both
    is said once, as rejected; by class name) and KEPT_LIKE, where it has them."""
    names = head.base.vocabulary.class_names
    kept: dict[str, dict[str, Any]] = {}
    for j, tag in enumerate(head.tags):
        noes = int((head.column_lookalikes(j)[1] >= 0).sum())  # a yes answer's level is -1
        rejected = [int(k) for k in head.column_kinds(j)]
        # Those its set weighs most first: the kinds named where there are many (kept_off_words)
        # are the ones nearest to being tagged ('platypus', 0.14 in a set of swine, before
        # 'rotisserie').
        weights = head.column_classes(j)
        unshown = sorted(
            (int(k) for k in head.column_unshown(j) if int(k) not in rejected),
            key=lambda k: -float(weights[k]),
        )
        rows = [{"kind": names[k], "why": REJECTED} for k in rejected]
        rows += [{"kind": names[k], "why": UNSHOWN} for k in unshown]
        found: dict[str, Any] = {KEPT_OFF: rows} if rows else {}
        if noes:
            found[KEPT_LIKE] = noes
        if found:
            kept[tag] = found
    return kept


def with_kept_off(
    learned: Mapping[str, Mapping[str, Any]], head: TrainedHead
) -> dict[str, dict[str, Any]]:
    """`learned` (a version's records of how each tag was learned) with each tag's KEPT_OFF as
    `head`, the version's weights, holds them (and KEPT_LIKE): a record carried from the
    parent says what the parent held, and a deep version holds only an untouched tag's kinds
    (core/retrain_deep.py)."""
    kept = kept_off_records(head)
    return {
        tag: {k: v for k, v in how.items() if k not in (KEPT_OFF, KEPT_LIKE)} | kept.get(tag, {})
        for tag, how in learned.items()
    }


def kept_off_words(how: Mapping[str, object]) -> str | None:
    """A tag's KEPT_OFF and KEPT_LIKE (`how`: its learned record) in words, or None where it
    has neither: "not put on photos of coucal (a kind of bird; none of your yes photos is one: if
    it belongs, say yes to one in the review queue to let that kind in)", "not put on photos of
    red fox (you said no to a photo the tagger reads as one); photos much like one you said no
    to"."""
    rows = how.get(KEPT_OFF)
    if not isinstance(rows, Sequence) or isinstance(rows, str):
        rows = []
    found = [r for r in rows if isinstance(r, Mapping) and isinstance(r.get("kind"), str)]
    rejected = [str(r["kind"]) for r in found if r.get("why") == REJECTED]
    unshown = [str(r["kind"]) for r in found if r.get("why") == UNSHOWN]
    parts = []
    if rejected:
        # The kind the tagger reads a "no" photo as, which need not be what the user saw in it
        # (walk52: a grey fox the tagger reads as a red fox, "Kept off red fox (you said no to
        # one)").
        each = "one" if len(rejected) == 1 else "one of each"
        parts.append(_few(rejected, f"you said no to a photo the tagger reads as {each}"))
    if unshown:
        # "If it belongs": keeping off a kind none of the yes photos shows is right where the
        # kind is not the tag's (walk52: "monkeys" kept off coucal, a bird, was told "say yes
        # to one in the review queue to let that kind in"); the step is for a kind the tag was
        # meant to hold.
        one, belongs = (
            ("is one", "it belongs") if len(unshown) == 1 else ("is one of these", "one belongs")
        )
        parts.append(
            _few(
                unshown,
                f"none of your yes photos {one}: if {belongs}, say yes to one in the review "
                "queue to let that kind in",
            )
        )
    noes = how.get(KEPT_LIKE)
    if isinstance(noes, int) and noes > 0:
        like = "one" if noes == 1 else f"the {noes:,}"
        parts.append(f"photos much like {like} you said no to")
    # walk62: "kept off … acorn (a kind of fruit), ram (a kind of animal) and 13 more kinds"
    # read as our words; a photographer says what the tag is not put on.
    return f"not put on photos of {'; '.join(parts)}" if parts else None


def kept_off_sentence(how: Mapping[str, object]) -> str | None:
    """kept_off_words as a sentence of its own, for the window: "Not put on photos of red fox
    (you said no to a photo the tagger reads as one)."."""
    words = kept_off_words(how)
    return f"{words[:1].upper()}{words[1:]}." if words else None


def _few(kinds: Sequence[str], why: str) -> str:
    """'ox (why)', 'ox and bookshop (why)', 'a, b, c and 4 other things (why)': NAMED_KINDS
    named, the rest counted, each named one with what kind of thing it is where its name may
    not tell (core/kind_words.py: walk52's "Kept off coucal" did not say a coucal is a bird):
    'coucal (a kind of bird; why)', 'coucal (a kind of bird) and red fox (why)'."""
    if len(kinds) == 1:
        note = kind_note(kinds[0])
        return f"{kinds[0]} ({note}; {why})" if note else f"{kinds[0]} ({why})"
    named = [with_kind(k) for k in kinds[:NAMED_KINDS]]
    if len(kinds) <= NAMED_KINDS:
        return f"{listed(named)} ({why})"
    rest = len(kinds) - NAMED_KINDS
    return f"{', '.join(named)} and {rest:,} other thing{'' if rest == 1 else 's'} ({why})"
