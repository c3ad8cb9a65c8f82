"""Naming a face (the viewer's N, `phototagger face`): the tag edits that give a photo the
person's tag as the user's own, and the name kept on the face (core/face_marks shows it).

Apart from core/face_marks, which core/catalog reads for `export`: these edits need core/labels,
which reads core/catalog."""

from __future__ import annotations

import sqlite_utils

from phototagger.core.errors import PhototaggerError
from phototagger.core.face_marks import (
    MATCH_IOU,
    Box,
    FaceMark,
    face_marks,
    iou,
    kind_tag,
    name_tag,
    named_regions,
    person_of,
    remember_face_name,
)
from phototagger.core.labels import Action, Edit, apply_edits, check_new_tag_name
from phototagger.core.metadata.regions import FACE
from phototagger.core.tag_admin import renamed, shown_name
from phototagger.store.faces import remove_face_name
from phototagger.store.file_metadata import regions_of_photos
from phototagger.store.photos import get_photo
from phototagger.store.tag_admin import tag_row
from phototagger.store.tags import name_key, tags_of_photo


def naming_edits(
    db: sqlite_utils.Database, photo_id: int, box: Box, old: str | None, new: str
) -> list[Edit]:
    """The tag edits of naming the face at `box` `new` (it was `old`; "" takes the name off):
    the tag of `new` added as the user's own (a person's; a pet's under Pets, the mark's kind
    kept), that of `old` taken off unless another face of the photo has that name too (taken
    off with no new name, a "no" where the photo's files name it, as a file's name is). The tag
    taken off is the one `old` stands for there (face_marks.name_tag: a keyword tree's
    'Family/Anna' beside a file's region, a pet's)."""
    marks = face_marks(db, photo_id)
    others = [m.name for m in marks if m.name and iou(m.box, box) < MATCH_IOU]
    kind = _kind_of(marks, box)
    edits = []
    if old and not any(name_key(other) == name_key(old) for other in others):
        held = [t.name for t in tags_of_photo(db, photo_id, include_rejected=False)]
        # A name the files hold (a name given here and written since) taken off is a "no", as
        # a file's name taken off is: its tag merely deleted, the file's region would name the
        # face again until the next write took it out. Renamed, the new name covers it.
        off = not new and _in_files(db, photo_id, old, kind)
        action: Action = "reject" if off else "remove"
        edits.append(Edit(photo_id, name_tag(old, kind, held), action))
    if new:
        edits.append(Edit(photo_id, kind_tag(new, kind), "add"))
    return edits


def kind_at(db: sqlite_utils.Database, photo_id: int, box: Box) -> str:
    """The kind of the face at `box`: "pet" where a file's Pet region marks it, else "face"."""
    return _kind_of(face_marks(db, photo_id), box)


def _kind_of(marks: list[FaceMark], box: Box) -> str:
    return next((m.kind for m in marks if iou(m.box, box) >= MATCH_IOU), FACE)


def _in_files(db: sqlite_utils.Database, photo_id: int, name: str, kind: str) -> bool:
    """Whether a region of the photo's files names a face (of `kind`) `name`, box or none."""
    found = named_regions(regions_of_photos(db, [photo_id]), photo_id)
    return any(r["kind"] == kind and name_key(str(r["name"])) == name_key(name) for r in found)


def name_face(
    db: sqlite_utils.Database, photo_id: int, index: int, name: str
) -> tuple[FaceMark, str]:
    """Name the photo's face `index` (1 the first, as face_marks lists them) `name` ("": take
    its name off), as the viewer does without its undo step: the face mark named, and the name
    it has now (as the library spells its tag: spelled_as_library). A name differing from the
    face's only in case is refused (name_to_give); the very name it has changes nothing."""
    marks = face_marks(db, photo_id)
    if not 1 <= index <= len(marks):
        raise PhototaggerError(
            f"no face {index}: the photo has {len(marks)} (phototagger tags PATH lists them)"
        )
    mark = marks[index - 1]
    name = name_to_give(db, name, mark.name, mark.kind)
    if mark.name and name == mark.name:
        return mark, name  # the very name it has: nothing to change
    if name:
        check_new_tag_name(kind_tag(name, mark.kind))
    edits = naming_edits(db, photo_id, mark.box, mark.name, name)
    apply_edits(db, edits)  # refused (LabelsNotSaved): no name kept on the face either
    remember_naming(db, photo_id, mark.box, mark.name, name, mark.kind, edits)
    return mark, name


def spelled_as_library(db: sqlite_utils.Database, name: str, kind: str) -> str:
    """`name` (of a face of `kind`) as the library spells the person's (pet's) tag it gives, where
    there is one ('Anna' typed, 'People (keywords)/anna' held: anna): a face's name is its tag's
    leaf, one spelling (tags are told apart regardless of case), as digiKam names a face by
    its tag. A new name as typed."""
    if not name:
        return name
    stored = tag_row(db, kind_tag(name, kind))
    became = None if stored is None else person_of(stored[1])
    return name if became is None else became[0]


def name_to_give(
    db: sqlite_utils.Database,
    typed: str,
    old: str | None,
    kind: str,
    how: str = "phototagger tag rename respells it on every photo",
) -> str:
    """The name a face named `old` (of `kind`; None: none) gets, `typed` (`face`, the viewer's
    N): as the library spells its tag (spelled_as_library). One typed differing from `old` only
    in case, where the library spells the tag as the face has it, is refused (PhototaggerError
    saying `how` the tag is respelt): the tag is the person, spelled one way. `old` itself is
    given back as it is (nothing to change)."""
    typed = " ".join(typed.split())
    name = spelled_as_library(db, typed, kind)
    if old and name == old and typed != old:
        tag = shown_name(kind_tag(name, kind))
        raise PhototaggerError(
            f"the face is named {name} already, as its tag '{tag}' is spelled; {how}"
        )
    return name


def remember_naming(
    db: sqlite_utils.Database,
    photo_id: int,
    box: Box,
    old: str | None,
    new: str,
    kind: str,
    edits: list[Edit],
) -> int | None:
    """Naming the face at `box` `new` (it was `old`), its tag `edits` (naming_edits, for a face of
    `kind`: the kind it had before them, kind_at) applied:
    the face_names row kept for it (its id, None where none was kept). Only once the edits are
    written: a refused write (LabelsNotSaved) keeps no name on the face. A name is kept on
    the face, shown while its tag is held; a name taken off whose tag stays (another face of
    the photo has that name) is kept as a row with no name (face_marks.cleared_faces), which is
    all that says face 1 is Anna no more: the undo step takes that row back."""
    if new or (old and not edits):
        # The kind the edits gave the name a tag of (a pet's for a file's Pet region, or a
        # name a pet's tag gives): not the face's kind after them, where the old name's tag,
        # gone, no longer says it is a pet's.
        return remember_face_name(db, photo_id, box, new, kind)
    return None


def name_after(name: str, kind: str, old: str, new: str | None) -> tuple[str, str]:
    """What a face named `name` (of `kind`) is called, and its kind, after tag `old` (and the
    tags below it) became `new` (core/tag_admin.TagChange; None: deleted), as the library's
    rows follow it (face_marks.names_follow_tag_change): the undo step of a naming follows it
    so."""
    tag = kind_tag(name, kind)
    after = renamed(tag, old, new)
    # A tag respelt in case alone renames the face too, as the library's rows follow it.
    became = None if after is None or after == tag else person_of(after)
    return (name, kind) if became is None else became


def take_back_naming(db: sqlite_utils.Database, row: int) -> None:
    """Undo a naming remember_naming kept as face_names row `row` (no tag changed with it)."""
    remove_face_name(db, row)


def redo_naming(
    db: sqlite_utils.Database, photo_id: int, box: Box, name: str, kind: str
) -> int | None:
    """Redo a naming take_back_naming undid: the row kept again (its id), None where the photo
    has left the library since."""
    if get_photo(db, photo_id) is None:
        return None
    return remember_face_name(db, photo_id, box, name, kind)
