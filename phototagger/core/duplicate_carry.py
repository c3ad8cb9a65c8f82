"""What the user decided on a copy Find Duplicates moves to the trash goes onto the copy kept,
as digiKam's and Lightroom's users expect: the tags they added or confirmed, the keywords of
its file and the tags they rejected, and the names they gave its faces (onto the kept copy's
face at the same place: core/face_marks.carry_face_names_onto_copy). Where the kept copy has
the opposite answer, its own answer stays (it is the photo the user goes on with) and the
dialog says so; where several
copies going answer differently, the latest answer goes. Each carried decision remembers its
copy (store/carried.py), so the copy's return (Undo) takes exactly those off again.

Nothing is carried onto a kept copy that already says the same.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

import sqlite_utils

from phototagger.core.face_marks import carry_face_names_onto_copy
from phototagger.core.states import POSITIVE_STATES, PhotoStatus, TagState
from phototagger.core.wording import counted
from phototagger.store.carried import (
    CarriedDecision,
    carried_onto,
    take_back_carried,
    write_carried,
)
from phototagger.store.photos import get_photo_by_path, photos_by_ids
from phototagger.store.tags import saved_rows, tags_of_photos
from phototagger.tag_names import shown_name


@dataclass(frozen=True)
class Overruled:
    """A copy going said the opposite of the kept copy: the kept copy's answer stays."""

    kept_id: int
    tag: str
    kept_has: bool  # the kept copy has the tag (the copy going rejected it), or not
    from_id: int


@dataclass(frozen=True)
class CarryPlan:
    moves: list[CarriedDecision] = field(default_factory=list)
    overruled: list[Overruled] = field(default_factory=list)
    names: dict[int, str] = field(default_factory=dict)  # photo id -> file name

    def words(self) -> str:
        """ "2 tags you added and 1 you rejected move to IMG_0001.jpg." and, where the kept
        copy says otherwise, which answer stays; '' when nothing is carried or overruled."""
        lines: list[str] = []
        kept_ids = list(dict.fromkeys([m.photo_id for m in self.moves]))
        for kept in kept_ids[:3]:
            mine = [m for m in self.moves if m.photo_id == kept]
            added = [m.tag for m in mine if m.state != TagState.REJECTED]
            rejected = [m.tag for m in mine if m.state == TagState.REJECTED]
            parts = []
            if added:
                parts.append(f"{counted(len(added), 'tag')} you added ({_listed(added)})")
            if rejected:
                noun = f"{len(rejected):,}" if added else counted(len(rejected), "tag")
                parts.append(f"{noun} you rejected ({_listed(rejected)})")
            verb = "moves" if len(mine) == 1 else "move"
            lines.append(f"{' and '.join(parts)} {verb} to {self.names.get(kept, '')}.")
        if len(kept_ids) > 3:
            more = len(self.moves) - sum(1 for m in self.moves if m.photo_id in kept_ids[:3])
            lines.append(
                f"{counted(more, 'more decision')} move to "
                f"{counted(len(kept_ids) - 3, 'other copy', 'other copies')} kept."
            )
        for o in self.overruled[:3]:
            answer = "has" if o.kept_has else "does not have"
            lines.append(
                f"“{shown_name(o.tag)}”: {self.names.get(o.kept_id, '')} keeps its own answer "
                f"(it {answer} it; you said the opposite on {self.names.get(o.from_id, '')})."
            )
        if len(self.overruled) > 3:
            lines.append(
                f"{counted(len(self.overruled) - 3, 'more answer')} of the copies going "
                "differ from the kept copy's: the kept copy's stay."
            )
        return " ".join(lines)


def _listed(tags: list[str]) -> str:
    shown = [f"“{shown_name(t)}”" for t in tags[:4]]
    return ", ".join(shown) + (f" and {len(tags) - 4:,} more" if len(tags) > 4 else "")


def plan_carry(db: sqlite_utils.Database, onto: Mapping[int, int]) -> CarryPlan:
    """What goes from each copy going (`onto`: its id -> the kept copy's id) onto its kept copy."""
    going = list(onto)
    kept = list(dict.fromkeys(onto.values()))
    tags = tags_of_photos(db, [*going, *kept])
    photos = {p.id: p for p in photos_by_ids(db, [*going, *kept])}
    decided = {
        pair: (TagState(row.state), row.decided_at, row.decided_seq)
        for pair, row in saved_rows(db, [(g, t.name) for g in going for t in tags[g]]).items()
        if row is not None and row.state is not None
    }

    # The latest answer of the copies going onto one kept copy, per tag: by order number (two
    # answers in the same second), those from before the library numbered them first.
    def order(pair: tuple[int, str]) -> tuple[bool, int, str]:
        _, at, seq = decided[pair]
        return (seq is not None, seq or 0, at or "")

    latest: dict[tuple[int, str], tuple[int, str]] = {}
    for from_id, tag in sorted(decided, key=order):
        latest[(onto[from_id], tag.casefold())] = (from_id, tag)
    moves: list[CarriedDecision] = []
    overruled: list[Overruled] = []
    for (kept_id, _), (from_id, tag) in latest.items():
        state, decided_at, decided_seq = decided[(from_id, tag)]
        own = {t.name.casefold(): t for t in tags[kept_id]}.get(tag.casefold())
        if own is not None and own.state is not None:
            if (own.state in POSITIVE_STATES) != (state in POSITIVE_STATES):
                overruled.append(
                    Overruled(kept_id, own.name, own.state != TagState.REJECTED, from_id)
                )
            continue
        if state in POSITIVE_STATES:
            # Confirming the model's suggestion on the kept copy, or the user's own tag there.
            state = TagState.ACCEPTED if own is not None else TagState.ADDED
        moves.append(
            CarriedDecision(
                kept_id, tag, state, from_id, photos[from_id].path, decided_at, decided_seq
            )
        )
    names = {pid: os.path.basename(p.path) for pid, p in photos.items()}
    return CarryPlan(moves, overruled, names)


def carry_decisions(db: sqlite_utils.Database, onto: Mapping[int, int]) -> CarryPlan:
    """Carry the decisions of the copies going onto the copies kept; returns what went."""
    plan = plan_carry(db, onto)
    write_carried(db, plan.moves)
    for from_id, kept_id in onto.items():
        carry_face_names_onto_copy(db, from_id, kept_id)
    return plan


def take_back(db: sqlite_utils.Database, returned: list[int]) -> int:
    """These copies are back: what was carried from them goes off the kept copies again."""
    return take_back_carried(db, returned)


def carried_from(db: sqlite_utils.Database, photo_id: int) -> dict[str, str]:
    """Tag name -> where the user's decision on it came from, for a copy Find Duplicates kept:
    "from IMG_0002-small.jpg (moved to the trash)". Tags decided on the photo itself, and
    carried ones the user has changed there since, are absent."""
    words: dict[str, str] = {}
    for tag, path in carried_onto(db, photo_id).items():
        copy = get_photo_by_path(db, path)
        gone = copy is None or copy.status == PhotoStatus.MISSING
        words[tag] = f"from {os.path.basename(path)}" + (" (moved to the trash)" if gone else "")
    return words
