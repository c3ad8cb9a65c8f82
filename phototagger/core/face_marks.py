"""What the viewer's B and `phototagger tags` show of a photo's faces: the boxes the face detector
found (core/people.py) and the faces other programs named in the photo's files (digiKam's,
Lightroom's, Windows Photo Gallery's regions, core/metadata/regions.py), as one list.

A named region over a face the detector found (their boxes overlap: intersection over union
MATCH_IOU or more) is one mark, with the name, as digiKam shows a face it found that the user
named; a named region where the detector found nothing is a mark of its own, and so is a face
the detector found that no one named. Two regions naming one person over one face (digiKam
writes the face in both mwg-rs and MP) are one mark too. Unnamed regions and those of other
kinds (a camera's focus area) are not shown: the detector's boxes show faces.

The files' boxes are fractions of the photo's stored pixels; the detector's of the photo turned
upright by its EXIF Orientation, as shown. A named box is turned as the photo is (regions.
shown_box) before the two are matched, so every mark's box is of the photo as shown."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sqlite_utils

from phototagger.core.detector_tags import library_tag_name
from phototagger.core.metadata.regions import ROOTS, SAME_FACE_IOU, SCHEMES, iou, shown_box
from phototagger.core.people import load_rules
from phototagger.core.states import POSITIVE_STATES
from phototagger.store.faces import (
    add_face_name,
    face_names_of,
    faces_of_photos,
    photos_with_face_names,
)
from phototagger.store.file_metadata import regions_of_photos
from phototagger.store.photos import get_photo
from phototagger.store.records import Photo
from phototagger.store.tags import name_key, subtree_tags, tags_of_photo

MATCH_IOU = SAME_FACE_IOU
NAMED_HERE = "phototagger"  # a face the user named in the viewer (its mark's scheme)

Box = tuple[float, float, float, float]  # left, top, width, height: fractions of the photo


@dataclass(frozen=True)
class FaceMark:
    box: Box
    name: str | None  # the name a region of the file gives; None: only the detector found it
    kind: str  # "face" or "pet" (a region's Type)
    confidence: float | None  # the detector's, where it found this face
    schemes: tuple[str, ...]  # the region schemes naming it ("mwg-rs:Regions", ...)

    @property
    def found(self) -> bool:
        """Whether the face detector found this face."""
        return self.confidence is not None

    def as_dict(self) -> dict[str, object]:
        return {
            "box": list(self.box),
            "name": self.name,
            "kind": self.kind,
            "found_by_detector": self.found,
            "confidence": None if self.confidence is None else round(self.confidence, 4),
            "named_in": list(self.schemes),
        }


def face_marks(db: sqlite_utils.Database, photo_id: int) -> list[FaceMark]:
    """The photo's faces to show: the named ones first, in the files' order, then those only the
    detector found, most confident first."""
    photo = get_photo(db, photo_id)
    if photo is None:
        return []
    return face_marks_of(db, [photo])[photo_id]


def face_marks_of(db: sqlite_utils.Database, photos: Sequence[Photo]) -> dict[int, list[FaceMark]]:
    """face_marks of each of the photos (`export --json`'s "face_marks"), their regions and the
    detector's boxes read at once."""
    ids = [photo.id for photo in photos]
    regions = regions_of_photos(db, ids)
    # The counted faces (above the rules' confidence), as core/people.faces_in_photo gives them.
    found = faces_of_photos(db, ids, load_rules().min_confidence)
    named_by_user = photos_with_face_names(db, ids)  # the others need no query of their own
    marks: dict[int, list[FaceMark]] = {}
    for photo in photos:
        # The files' boxes are of the stored pixels; the detector's of the photo turned upright.
        named = [
            (
                str(r["name"]),
                str(r["kind"]),
                shown_box(_box(r["box"]), photo.orientation),
                SCHEMES.get(str(r["scheme"]), ""),
            )
            for r in regions.get(photo.id, ((), frozenset()))[0]
            if r.get("name") and r.get("kind") in ROOTS and isinstance(r.get("box"), list)
        ]
        # The names the user gave faces here stand over the files' names for the same face.
        own = named_here(db, photo.id) if photo.id in named_by_user else []
        named = [n for n in named if not (n[1] == "face" and _over(n[2], [b for b, _ in own]))]
        named = [(name, "face", box, NAMED_HERE) for box, name in own] + named
        detected = [((f.x, f.y, f.w, f.h), f.confidence) for f in found.get(photo.id, [])]
        marks[photo.id] = merged(named, detected)
    return marks


def person_tag(name: str) -> str:
    """The tag a face's name gives the photo, as a People keyword of that name does
    ('Anna': 'People (keywords)/Anna')."""
    return library_tag_name("People/" + name.strip().replace("/", "\\/"))


def people_names(db: sqlite_utils.Database) -> list[str]:
    """The names of the library's person tags ('People (keywords)/Anna': Anna), to complete a
    face's name from."""
    top = person_tag("x")[:-1]
    return [
        name[len(top) :]
        for _, name in subtree_tags(db, top.rstrip("/"))
        if len(name) > len(top) and "/" not in name[len(top) :]
    ]


def _over(box: Box, boxes: Sequence[Box]) -> bool:
    """Whether `box` marks the face one of `boxes` marks."""
    return any(iou(box, other) >= MATCH_IOU for other in boxes)


def remember_face_name(db: sqlite_utils.Database, photo_id: int, box: Box, name: str) -> None:
    """The user named the face at `box` (of the photo as shown) `name`: it shows so while the
    photo has the name's person tag (named_here)."""
    add_face_name(db, photo_id, (box[0], box[1], box[2], box[3]), name)


def named_here(db: sqlite_utils.Database, photo_id: int) -> list[tuple[Box, str]]:
    """The faces the user named in the viewer (box, name), a name standing while the photo has
    its person tag as the user's own (added or accepted): an undone naming takes the name off
    the face, and an undone rename brings the face's name before it back."""
    held = {
        name_key(t.name)
        for t in tags_of_photo(db, photo_id, include_rejected=False)
        if t.state in POSITIVE_STATES
    }
    faces: list[tuple[Box, str]] = []
    seen: list[Box] = []
    for box, name in face_names_of(db, photo_id):
        if _over(box, seen):
            continue  # an older name of a face named since
        if name_key(person_tag(name)) in held:
            faces.append((box, name))
            seen.append(box)
    return faces


def names_taken_back(
    db: sqlite_utils.Database, photo_id: int, named: Sequence[tuple[Box, str]]
) -> list[tuple[Box, str]]:
    """The names the user gave the photo's faces that those faces no longer have, `named`
    being named_here's: renamed since, taken off, or undone (box, name), once each."""
    taken: list[tuple[Box, str]] = []
    for box, name in face_names_of(db, photo_id):
        same = [(b, n) for b, n in [*named, *taken] if name_key(n) == name_key(name)]
        if not any(iou(box, b) >= MATCH_IOU for b, _ in same):
            taken.append((box, name))
    return taken


def merged(
    named: Sequence[tuple[str, str, Box, str]], detected: Sequence[tuple[Box, float]]
) -> list[FaceMark]:
    """Named regions (name, kind, box, scheme) and the detector's faces (box, confidence) as one
    mark per face: the pairs that overlap most are matched first, each face and region once."""
    # One person's regions over one face (mwg-rs and MP): one, the first the files give.
    people: list[tuple[str, str, Box, list[str]]] = []
    for name, kind, box, scheme in named:
        same = next(
            (
                p
                for p in people
                if name_key(p[0]) == name_key(name) and p[1] == kind and iou(p[2], box) >= MATCH_IOU
            ),
            None,
        )
        if same is None:
            people.append((name, kind, box, [scheme]))
        elif scheme not in same[3]:
            same[3].append(scheme)
    pairs = sorted(
        (
            (iou(person[2], face[0]), i, j)
            for i, person in enumerate(people)
            if person[1] == "face"
            for j, face in enumerate(detected)
        ),
        key=lambda pair: (-pair[0], pair[1], pair[2]),
    )
    found_for: dict[int, int] = {}
    taken: set[int] = set()
    for overlap, i, j in pairs:
        if overlap >= MATCH_IOU and i not in found_for and j not in taken:
            found_for[i] = j
            taken.add(j)
    marks = [
        FaceMark(
            box,
            name,
            kind,
            detected[found_for[i]][1] if i in found_for else None,
            tuple(schemes),
        )
        for i, (name, kind, box, schemes) in enumerate(people)
    ]
    marks += [
        FaceMark(box, None, "face", confidence, ())
        for j, (box, confidence) in enumerate(detected)
        if j not in taken
    ]
    return marks


def _box(values: object) -> Box:
    x, y, w, h = (float(v) for v in values)  # type: ignore[attr-defined]
    return x, y, w, h


def faces_heading(marks: Sequence[FaceMark], looked_for: bool) -> str:
    """`tags`' line over the photo's faces: "faces: 1 found by the detector, 2 named in the
    file" (what the viewer's B draws)."""
    found = sum(1 for m in marks if m.found)
    named = sum(1 for m in marks if m.name and NAMED_HERE not in m.schemes)
    yours = sum(1 for m in marks if m.name and NAMED_HERE in m.schemes)
    parts = [
        f"{found} found by the detector"
        if found or looked_for
        else "not looked for by the detector yet"
    ]
    if named:
        parts.append(f"{named} named in the file")
    if yours:
        parts.append(f"{yours} named by you")
    return "faces: " + ", ".join(parts)


def mark_words(mark: FaceMark, looked_for: bool) -> tuple[str, str]:
    """A face's name (or "(no name)") and what it is, in words, for `tags` (`looked_for`:
    whether the detector has looked at the photo)."""
    where = " and ".join(mark.schemes)
    if mark.name is None:
        return "(no name)", f"found by the detector ({mark.confidence:.2f})"
    said = f"named in the file ({where})" if where else "named in the file"
    if mark.schemes == (NAMED_HERE,):
        said = "named by you"
    if mark.kind != "face" or not looked_for:
        return mark.name, said if mark.kind == "face" else f"{said}, a {mark.kind}"
    if mark.found:
        return mark.name, f"{said}, a face the detector found ({mark.confidence:.2f})"
    return mark.name, f"{said}; the detector found no face there"
