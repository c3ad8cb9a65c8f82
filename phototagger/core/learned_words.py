"""How a tag was learned, in a photographer's words, for the window and `train`. A version's
record keeps the words core/concepts.py gives ("like WordNet 'vessel' + your examples' classes
and their WordNet neighbours (12 classes outside 'vessel')"): --json shows them as they are,
but in the Model dock and in `train`'s text they were jargon ("like 16 ImageNet classes of your
examples"), and long enough to be cut in the dock's narrow tables. Both say "like 'vessel' and
your examples"; the window keeps the record's words for a tooltip."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from phototagger.core.wording import listed
from phototagger.tag_names import shown_name

EXAMPLES = "your examples"
FACES = "detected faces"
# How a default tag left as it was is said (core/tag_learning.py writes it, followed by why:
# ": a correction needs 5 yes and 5 no answers", ": no correction told your answers apart
# better"); the Train page's cells and tooltips recognise it by it.
KEPT = "the default tagger as it was"
KEPT_SHORT = "as it was"
SHORT = "a correction needs"  # KEPT's reason for a tag short of answers, the run never tried
# A record's classes that say a WordNet group too general to name ('matter': "'pizza', 'bell
# pepper' and 'mushroom'", core/concepts.classes_named), by the group's name; its "label" keeps
# the group, as --json shows it. A fit today never holds such a group (concepts.fit_concept),
# but the field is read still: main trained 'matter' from c452951 (left30) until 4fbdef9
# (wide30), and a version's record carries its parent's tags' records on (retrain's
# `learned`), so a library trained then says "like 'matter'" without it, in every version after.
NAMED = "classes_named"
# How many of the tag's yes answers the WordNet groups it was learned like show in, of how many
# (core/learned_cover.py): [5, 10] for "beach day" learned like 'shore', 'boat' and examples.
COVER = "named_cover"
# A tag taught from yes answers whose held-out yes answers scored no higher than unanswered
# photos (core/tag_threshold.YES_ONLY_AUC): cut at NOTHING_TAKEN, it stays on its own photos
# (True where so; absent otherwise). core/no_answers.py says so.
OWN_PHOTOS = "own_photos_only"
# A tag the user invented learned "from your examples" whose yes answers all lie in folders none
# of its "no" answers is in, and the other way round (core/tag_learning.py): the folders of each
# ({"yes": [...], "no": [...]}), where that kept it on its own photos. Also a tag taught from yes
# answers alone (or 1-4 "no") whose every answered folder is whole and one way, whether it stays
# on its own photos or spreads (a deep run's only where it stays; "no" may be []:
# tag_learning.whole_folders). core/no_answers.py says so.
BY_FOLDER = "answers_by_folder"
# In it, where some answers lie outside those folders (fold40), how many yes and how many "no".
ELSEWHERE = ("yes_elsewhere", "no_elsewhere")
# In it, True where those were enough to check but a deep run held too few of them out to
# (core/retrain_deep.py); absent otherwise.
UNCHECKED = "elsewhere_unchecked"
# In it, besides UNCHECKED, True where the deep run held none of the answers out at all: no
# answer fell in the quarter of photos kept out (training_set.held_out), so it made no
# validation run (words41: the note said it "held too few of the answers elsewhere out").
NO_VALIDATION = "no_validation_run"

Named = Mapping[str, Sequence[str]] | None


def how_in_words(how: Mapping[str, object]) -> str:
    """A record's way a tag was learned ({"label": ..., "classes_named": ..., "named_cover":
    ...}) in plain words, with how many of the yes answers its groups (or faces) show in where
    that is not all: "like 'shore', 'boat' and your examples ('shore' or 'boat' shows in 5 of
    your 10 yes photos)", "like detected faces (a face shows in 5 of your 10 yes photos)"."""
    words = plain_learned(str(how.get("label", "")), named_of(how))
    cover = cover_of(how)
    if cover is None or cover[0] >= cover[1] or not words.startswith("like "):
        return words
    groups = how.get("synsets")
    named = _groups(str(how.get("label", "")))
    if how.get("how") == "faces":
        said = "a face shows"
    elif named and not named_of(how):
        # walk43: "(the group named shows in 16 of your 17 yes photos)" left the reader to find
        # which group, in words before it: named ('primate'; 'shore' or 'boat').
        said = f"{_either(named)} shows"
    elif isinstance(groups, Sequence) and len(groups) == 1:
        said = "the group named shows"  # a group said by its classes (NAMED)
    else:
        said = "the groups named show"
    return f"{words} ({said} in {cover[0]:,} of your {cover[1]:,} yes photos)"


def _groups(label: str) -> list[str]:
    """The WordNet groups a record's label names, quoted as said ("'shore'", "'boat'")."""
    if not label.startswith("like "):
        return []
    return [
        piece
        for factor in label.removeprefix("like ").split(" × ")
        for part in factor.removeprefix("WordNet ").split(" + ")
        if (piece := _piece(part)) is not None and piece.startswith("'")
    ]


def _either(names: Sequence[str]) -> str:
    """ "'a'", "'a' or 'b'", "'a', 'b' or 'c'": one of them."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def cover_of(how: Mapping[str, object]) -> tuple[int, int] | None:
    """The record's COVER (None in a record made before it, or of a tag learned otherwise)."""
    cover = how.get(COVER)
    if isinstance(cover, Sequence) and len(cover) == 2 and all(isinstance(n, int) for n in cover):
        return cover[0], cover[1]
    return None


def named_of(how: Mapping[str, object]) -> Named:
    """The record's classes_named (None in a record made before it)."""
    named = how.get(NAMED)
    return named if isinstance(named, Mapping) else None


def cell_learned(label: str, named: Named = None) -> str:
    """`label` for a narrow table's cell: plain_learned's words, a default tag kept as it was
    said in three words (the reason is for its tooltip). In the Model dock (~330 px) "the
    default tagger as it was: a correction needs 5 yes and 5 no answers" wrapped onto six
    lines on every row of a tag left alone."""
    return KEPT_SHORT if label.startswith(KEPT) else plain_learned(label, named)


def plain_learned(label: str, named: Named = None) -> str:
    """`label` (a record's "label" of how a tag was learned) in plain words: the WordNet
    groups it was learned like, by name, and "your examples" for the classes its examples
    showed, however they were weighed. A group too general to name ('matter') is said by the
    classes `named` gives it (the record's classes_named): "like 'pizza', 'bell pepper',
    'mushroom' and your examples". A label of another kind is returned as it is."""
    if not label.startswith("like "):
        return label  # "from your examples", "the default tagger, corrected by …"
    pieces: list[str] = []
    for factor in label.removeprefix("like ").split(" × "):  # faces × a class set
        for part in factor.removeprefix("WordNet ").split(" + "):
            piece = _piece(part)
            if piece is None:
                return label  # words this does not know: shown as they are, rather than lost
            classes = (named or {}).get(piece[1:-1]) if piece.startswith("'") else None
            for one in [f"'{c}'" for c in classes] if classes else [piece]:
                if one not in pieces:
                    pieces.append(one)
    return f"like {listed(pieces)}"


def _piece(part: str) -> str | None:
    """One thing a tag was learned like: a WordNet group ("'vessel'"), the classes of the
    examples (each way core/concepts.py names them), or the faces the detector finds."""
    if len(part) > 2 and part.startswith("'") and part.endswith("'"):
        return part
    if part == FACES:
        return FACES
    if part == EXAMPLES or (EXAMPLES in part and ("classes" in part or "class " in part)):
        return EXAMPLES
    return None


UNCHANGED_NAMED = 5  # tags named in unchanged_words before "and 12 more"


def kept_unchanged(learned: Mapping[str, object], changed: Sequence[str]) -> list[str]:
    """The tags a run kept as the default tagger has them for want of answers (their record's
    label: KEPT, then SHORT) and whose photos it changes none of (not in `changed`): the run did
    not touch them. One kept as no correction told the answers apart better was tried: it
    keeps its row and its reason."""
    moved = set(changed)
    return [
        str(tag)
        for tag, how in learned.items()
        if isinstance(how, Mapping)
        and str(how.get("label", "")).startswith(f"{KEPT}: {SHORT}")
        and tag not in moved
    ]


def unchanged_words(names: Sequence[str], others: bool = True) -> str:
    """One line for the tags kept_unchanged gives, as shown: '4 other tags unchanged: food,
    drink, flower, sport' (walk41: each had a row of its own in the table of changes, "as it
    was, 0, 0, unchanged", under the one tag taught). `others`: said beside tags that did
    change ("other")."""
    shown = [shown_name(t) for t in names]
    named = ", ".join(shown[:UNCHANGED_NAMED])
    if len(shown) > UNCHANGED_NAMED:
        named += f" and {len(shown) - UNCHANGED_NAMED:,} more"
    noun = f"{'other ' if others else ''}tag{'' if len(shown) == 1 else 's'}"
    return f"{len(shown):,} {noun} unchanged: {named}"
