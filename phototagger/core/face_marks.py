"""What the viewer's B and `phototagger tags` show of a photo's faces: the boxes the face detector
found (core/people.py) and the faces other programs named in the photo's files (digiKam's,
Lightroom's, Windows Photo Gallery's regions, core/metadata/regions.py), as one list.

A named region over a face the detector found (their boxes overlap: intersection over union
MATCH_IOU or more) is one mark, with the name, as digiKam shows a face it found that the user
named; a named region where the detector found nothing is a mark of its own, and so is a face
the detector found that no one named. Two regions naming one person over one face (digiKam
writes the face in both mwg-rs and MP) are one mark too. A face region with no name (digiKam's
"Unknown" face) is a mark with no name, over the detector's face or of its own; regions of other
kinds (a camera's focus area) are not shown. A file's name the user took off (its person tag
rejected) is drawn as no name, the mark saying which (taken_off). Names with no box (IPTC's
Person Shown) are no mark: boxless_names lists them.

The files' boxes are fractions of the photo's stored pixels; the detector's of the photo turned
upright by its EXIF Orientation, as shown. A named box is turned as the photo is (regions.
shown_box) before the two are matched, so every mark's box is of the photo as shown."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import sqlite_utils

from phototagger.core.detector_tags import library_tag_name
from phototagger.core.metadata.keywords import tag_levels
from phototagger.core.metadata.regions import (
    FACE,
    ROOTS,
    SAME_FACE_IOU,
    SCHEMES,
    iou,
    person_keyword,
    shown_box,
)
from phototagger.core.people import load_rules
from phototagger.core.states import POSITIVE_STATES, TagState
from phototagger.core.wording import counted
from phototagger.store.faces import (
    add_face_name,
    face_names_of,
    faces_of_photos,
    photos_with_face_names,
    rename_face_names,
)
from phototagger.store.file_metadata import regions_of_photos
from phototagger.store.photos import get_photo
from phototagger.store.records import Photo, PhotoTag
from phototagger.store.tags import name_key, subtree_tags, tags_of_photo, tags_of_photos

# Each photo's regions its files hold, and more (store.file_metadata.regions_of_photos).
Regions = Mapping[int, tuple[Sequence[Mapping[str, object]], frozenset[str]]]

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
    # The name the files give it that the user took off (its tag rejected: the viewer's N with
    # the name cleared, `face PATH INDEX ''`): drawn with no name; None where none was.
    taken_off: str | None = None

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
            "taken_off": self.taken_off,
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
    taken_off = _taken_off(db, regions)
    marks: dict[int, list[FaceMark]] = {}
    for photo in photos:
        # The files' boxes are of the stored pixels; the detector's of the photo turned upright.
        # An unnamed face region (digiKam's "Unknown" face) is a mark with no name ("").
        named = [
            (
                str(r.get("name") or ""),
                str(r["kind"]),
                shown_box(_box(r["box"]), photo.orientation),
                SCHEMES.get(str(r["scheme"]), ""),
            )
            for r in regions.get(photo.id, ((), frozenset()))[0]
            if r.get("kind") in ROOTS and isinstance(r.get("box"), list)
        ]
        # The names the user gave faces here stand over the files' names for the same face, of
        # either kind: a Face region written for Max, Max's tag renamed 'Pets/Max', is the pet
        # Max's face (a keyword write retypes it: regions.decided_regions).
        standing = _standing(db, photo.id) if photo.id in named_by_user else []
        own = [(box, name, kind) for box, name, kind in standing if name]
        cleared = [(box, kind) for box, name, kind in standing if not name]  # names taken off
        named = [n for n in named if not _over(n[2], [b for b, _, _ in own])]
        named = [(name, kind, box, NAMED_HERE) for box, name, kind in own] + named
        detected = [((f.x, f.y, f.w, f.h), f.confidence) for f in found.get(photo.id, [])]
        # A file's name the user took off (its tag rejected, or that face's name alone taken
        # off where another face has it) is no longer the face's name.
        marks[photo.id] = [
            replace(mark, name=None, taken_off=mark.name)
            if mark.name
            and NAMED_HERE not in mark.schemes
            and (
                (name_key(mark.name), mark.kind) in taken_off.get(photo.id, ())
                or _over(mark.box, [box for box, kind in cleared if kind == mark.kind])
            )
            else mark
            for mark in merged(named, detected)
        ]
    return marks


def boxless_names(
    db: sqlite_utils.Database, photo_id: int, marks: Sequence[FaceMark]
) -> list[tuple[str, str, str]]:
    """The people (and pets) the photo's files name with no box to draw (IPTC's Person Shown, a
    region whose box could not be read) that no mark of `marks` names already, nor the user
    took off: (name, the scheme naming it, kind), in the files' order. B cannot draw them; the
    bar and `tags` say them ("named in the file, no box: Carl"), `tags --json` lists them
    among its faces (boxless_as_dict)."""
    regions = regions_of_photos(db, [photo_id])
    said = {(name_key(m.name or m.taken_off or ""), m.kind) for m in marks}
    said |= _taken_off(db, regions).get(photo_id, set())
    names: list[tuple[str, str, str]] = []
    for r in named_regions(regions, photo_id):
        key = (name_key(str(r["name"])), str(r["kind"]))
        if not isinstance(r.get("box"), list):
            if key not in said:
                said.add(key)
                names.append((str(r["name"]), SCHEMES.get(str(r["scheme"]), ""), str(r["kind"])))
    return names


def boxless_as_dict(name: str, where: str, kind: str) -> dict[str, object]:
    """A name boxless_names gives, as `tags --json` lists a face (FaceMark.as_dict's keys): its
    box null, as no mark's is; after the marks, so `face`'s INDEX (the marks') still counts."""
    return {
        "box": None,
        "name": name,
        "kind": kind,
        "found_by_detector": False,
        "confidence": None,
        "named_in": [where],
        "taken_off": None,
    }


def named_regions(regions: Regions, photo_id: int) -> list[Mapping[str, object]]:
    """The regions of the photo's files (`regions`, as store.file_metadata.regions_of_photos
    reads them) that name a person or a pet, with a box or none, in the files' order."""
    found = regions.get(photo_id, ((), frozenset()))[0]
    return [r for r in found if r.get("name") and r.get("kind") in ROOTS]


def _taken_off(
    db: sqlite_utils.Database,
    regions: Regions,
) -> dict[int, frozenset[tuple[str, str]]]:
    """rejected_people of each photo with a named region: the tags of only those are read."""
    named = [photo_id for photo_id in regions if named_regions(regions, photo_id)]
    return {photo_id: rejected_people(tags) for photo_id, tags in tags_of_photos(db, named).items()}


def rejected_people(tags: Sequence[PhotoTag]) -> frozenset[tuple[str, str]]:
    """(name key, kind) of each person (and pet) the user said no to on a photo with these
    `tags`: a name whose tag there (name_tag: its person tag, else a keyword whose leaf is the
    name, 'Family/Anna' or Lightroom's top-level 'Anna') is rejected. A region naming one is
    drawn with no name, taken off (face_marks_of, boxless_names), and taken out of the files on
    a keyword write (metadata/job.face_decisions): one rule for both."""
    names = [t.name for t in tags]
    rejected = {name_key(t.name) for t in tags if t.state == TagState.REJECTED}
    return frozenset(
        (name_key(levels[-1]), kind)
        for t in tags
        if t.state == TagState.REJECTED and (levels := tag_levels(t.name))
        for kind in ROOTS
        if name_key(name_tag(levels[-1], kind, names)) in rejected
    )


def faced_people(tags: Sequence[PhotoTag], regions: Sequence[Mapping[str, object]]) -> list[str]:
    """The tags among the photo's `tags` the user said no to that a face region of its files
    (`regions`: FileRecord.regions, each with its name and kind) names: a face the file named
    Anna, renamed Carla or un-named here (or her tag rejected). A keyword write takes the
    region out, or renames it, and these tags' keywords go with it whoever wrote them, as
    digiKam drops a person's tag with their face (metadata/job._write_one); a rejected keyword
    of someone no face region names stays (WriteOptions.remove_rejected aside)."""
    names = [t.name for t in tags]
    on_faces = {
        (name_key(str(r["name"])), str(r.get("kind")))
        for r in regions
        if r.get("name") and r.get("kind") in ROOTS
    }
    return [
        t.name
        for t in tags
        if t.state == TagState.REJECTED
        and (levels := tag_levels(t.name))
        and any(
            (name_key(levels[-1]), kind) in on_faces
            and name_key(name_tag(levels[-1], kind, names)) == name_key(t.name)
            for kind in ROOTS
        )
    ]


def person_tag(name: str, root: str = ROOTS["face"]) -> str:
    """The tag a face's name gives the photo, as a People keyword of that name does
    ('Anna': 'People (keywords)/Anna'); a pet's under `root` Pets ('Pets/Rex')."""
    return library_tag_name(f"{root}/" + name.strip().replace("/", "\\/"))


def kind_tag(name: str, kind: str) -> str:
    """person_tag of a face of `kind`: 'People (keywords)/Anna' for a face, 'Pets/Rex' for a
    pet."""
    return person_tag(name, ROOTS.get(kind, ROOTS[FACE]))


def name_tag(name: str, kind: str, tags: Sequence[str]) -> str:
    """The tag a face's `name` stands for on a photo with these `tags`: its person tag where the
    photo has it, else a keyword whose leaf is the name (digiKam writes a face tag's whole path,
    'Family/Anna', beside the region it names Anna; Lightroom a top-level 'Anna':
    core/metadata/sync.region_tags gives no second tag), else the person tag ('People
    (keywords)/Anna'; a pet's 'Pets/Rex')."""
    own = kind_tag(name, kind)
    if any(name_key(tag) == name_key(own) for tag in tags):
        return own
    for tag in tags:
        levels = tag_levels(tag)
        if levels and name_key(levels[-1]) == name_key(name) and person_keyword(levels):
            return tag
    return own


def person_of(tag: str) -> tuple[str, str] | None:
    """The face's name and kind a person's (a pet's) tag stands for ('People (keywords)/Anna':
    Anna, a face; 'Pets/Rex': Rex, a pet), as person_tag gives them; None for any other tag."""
    levels = tag_levels(tag)
    for kind, root in ROOTS.items():
        if len(levels) > 1 and name_key(person_tag(levels[-1], root)) == name_key(tag):
            return levels[-1], kind
    return None


def names_follow_tag_change(db: sqlite_utils.Database, old: str, new: str) -> int:
    """The names the user gave faces follow their tag `old` renamed (or merged into) `new`, in the
    caller's transaction (core/tag_admin): a face named Anna shows while the photo holds
    'People (keywords)/Anna', so renamed 'People (keywords)/Anne' it is named Anne ('Pets/Anne':
    a pet's). A pet's name Anna stays where a person's tag Anna is renamed. How many names
    changed."""
    moved, became = person_of(old), person_of(new)
    if moved is None or became is None:
        return 0

    def renamed(name: str, kind: str) -> tuple[str, str] | None:
        same = kind == moved[1] and name_key(name) == name_key(moved[0])
        return became if same else None

    return rename_face_names(db, renamed)


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


def remember_face_name(
    db: sqlite_utils.Database, photo_id: int, box: Box, name: str, kind: str
) -> int:
    """The user named the face at `box` (of the photo as shown) `name`, a person's (`kind`
    "face") or a pet's ("pet"): it shows so while the photo has the name's tag of that kind
    (named_here); "" took its name off (cleared_faces; `kind` the name's before). The row's id
    (store.faces.remove_face_name takes it back)."""
    return add_face_name(db, photo_id, (box[0], box[1], box[2], box[3]), name, kind)


def carry_face_names(
    db: sqlite_utils.Database, from_id: int, to_id: int, *, later: bool = False
) -> int:
    """The names the user gave the faces of photo `from_id` go onto photo `to_id`, the same
    picture (a file found moved, a RAW joining its JPEG's pair), as its decisions go; returns
    how many. Each shows there while `to_id` holds the name's person tag (named_here). A face
    `to_id` has a name of its own for keeps that name (the decisions carried fill in, they do
    not overrule) unless the names carried were given `later` (on a moved file's new row while
    the scan ran): those go on as the newest. A face's older names come too, so undoing a rename
    there brings the old name back as it would have."""
    own = [box for box, _, _ in face_names_of(db, to_id)]
    carried = 0
    for box, name, kind in reversed(face_names_of(db, from_id)):  # the oldest first, as given
        if later or not _over(box, own):
            add_face_name(db, to_id, box, name, kind)
            carried += 1
    return carried


def carry_face_names_onto_copy(db: sqlite_utils.Database, from_id: int, to_id: int) -> int:
    """The faces the user named on a copy going to the trash (Find Duplicates) named so on the
    copy kept, its face at the same place (its face marks: the detector's boxes, the files'
    regions; a copy cut otherwise has none there, and keeps only the person tag the decisions
    carry). A mirrored copy (its faces sit where the going copy's would, mirrored, better than
    where they are) takes each name at the mirrored place: at the same place it would be the
    other person's face of a two-person photo. Where the two fit alike (faces placed evenly on
    both sides) and a name's two places are different faces, that name is not carried. A face
    the user named on the kept copy keeps its name. Shown while the kept copy holds the person
    tag, so the copy's return (Undo), taking the carried tag off, takes the name off too.
    Returns how many faces were named."""
    own = [box for box, _, _ in face_names_of(db, to_id)]
    marks = [mark.box for mark in face_marks(db, to_id)]
    theirs = [mark.box for mark in face_marks(db, from_id)]
    as_is = sum(iou(box, near) for box in theirs if (near := _closest(box, marks)) is not None)
    flipped = sum(
        iou(_mirrored(box), near)
        for box in theirs
        if (near := _closest(_mirrored(box), marks)) is not None
    )
    carried = 0
    for box, name, kind in reversed(named_here_kinds(db, from_id)):
        same, turned = _closest(box, marks), _closest(_mirrored(box), marks)
        if same != turned and abs(as_is - flipped) < _TOLD_APART:
            continue  # mirrored or not, the pictures do not tell: either could be the face
        best = turned if flipped > as_is else same
        if best is not None and not _over(best, own):
            add_face_name(db, to_id, best, name, kind)
            own.append(best)
            carried += 1
    return carried


# How much better (summed intersection over union of the going copy's faces) one way, as it is
# or mirrored, must fit the kept copy's faces for a name to go where that way says.
_TOLD_APART = 0.25


def _mirrored(box: Box) -> Box:
    """`box` in the picture mirrored left to right."""
    x, y, w, h = box
    return (1 - x - w, y, w, h)


def _closest(box: Box, marks: Sequence[Box]) -> Box | None:
    """The one of `marks` marking the face at `box` (the closest, MATCH_IOU or more), if any."""
    best = max(marks, key=lambda mark: iou(mark, box), default=None)
    return best if best is not None and iou(best, box) >= MATCH_IOU else None


def named_here(db: sqlite_utils.Database, photo_id: int) -> list[tuple[Box, str]]:
    """The faces the user named in the viewer (box, name), a name standing while the photo has
    its person tag as the user's own (added or accepted): an undone naming takes the name off
    the face, and an undone rename brings the face's name before it back."""
    return [(box, name) for box, name, _ in _standing(db, photo_id) if name]


def named_here_kinds(db: sqlite_utils.Database, photo_id: int) -> list[tuple[Box, str, str]]:
    """named_here's faces with the kind of each (box, name, kind): a name standing for a pet's
    tag ('Pets/Max', a Pet region renamed) is a pet's, for a keyword write to keep its Type."""
    return [(box, name, kind) for box, name, kind in _standing(db, photo_id) if name]


def tags_named_here(
    db: sqlite_utils.Database, photo_id: int, tags: Sequence[PhotoTag]
) -> frozenset[str]:
    """Of the photo's `tags` (its rows, as the caller read them), those a face the user named
    in the viewer gives ('People (keywords)/Anna'): the details panel says so of them, not
    "you added it"."""
    keys = {name_key(kind_tag(name, kind)) for _, name, kind in named_here_kinds(db, photo_id)}
    return frozenset(t.name for t in tags if name_key(t.name) in keys)


def cleared_faces(db: sqlite_utils.Database, photo_id: int) -> list[tuple[Box, str]]:
    """The faces whose name the user took off (box, kind) while the name's tag stays on the
    photo (another face has that name: a group photo's two Annas, one taken off), or where
    the name was the user's own: no name of the user's nor of the files' is theirs (a
    face_names row with no name, as remember_face_name stores it). The kind is the name's
    before it (a pet's name taken off: its Pet region goes)."""
    return [(box, kind) for box, name, kind in _standing(db, photo_id) if not name]


def _standing(db: sqlite_utils.Database, photo_id: int) -> list[tuple[Box, str, str]]:
    """The newest of the user's names of each face that stands (box, name, kind): a name while
    the photo holds its tag of its kind (a person's, a pet's), a name taken off ("") always
    (the undo step takes its row back)."""
    held = {name_key(t.name) for t in tags_of_photo(db, photo_id) if t.state in POSITIVE_STATES}
    faces: list[tuple[Box, str, str]] = []
    seen: list[Box] = []
    for box, name, kind in face_names_of(db, photo_id):
        if _over(box, seen):
            continue  # an older name of a face named since
        if not name or name_key(kind_tag(name, kind)) in held:
            faces.append((box, name, kind))
            seen.append(box)
    return faces


def names_taken_back(
    db: sqlite_utils.Database, photo_id: int, named: Sequence[tuple[Box, str]]
) -> list[tuple[Box, str, str]]:
    """The names the user gave the photo's faces that those faces no longer have, `named`
    being named_here's: renamed since, taken off, or undone (box, name, kind: a pet's name
    taken back is a pet's), once each."""
    taken: list[tuple[Box, str, str]] = []
    for box, name, kind in face_names_of(db, photo_id):
        if not name:
            continue  # a name taken off (cleared_faces): the row before it says which
        same = [b for b, n in named if name_key(n) == name_key(name)]
        same += [b for b, n, _ in taken if name_key(n) == name_key(name)]
        if not any(iou(box, b) >= MATCH_IOU for b in same):
            taken.append((box, name, kind))
    return taken


def merged(
    named: Sequence[tuple[str, str, Box, str]], detected: Sequence[tuple[Box, float]]
) -> list[FaceMark]:
    """Named regions (name, kind, box, scheme) and the detector's faces (box, confidence) as one
    mark per face: the pairs that overlap most are matched first, each face and region once. A
    pet's region (a Pet region, a face the user named with a pet's name) over a face the
    detector found is that face too (a dog's face, a person tagged as a pet): one mark, the
    pet's, found by the detector, not the pet and an unnamed face over one box."""
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
            name or None,
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


def faces_heading(marks: Sequence[FaceMark], looked_for: bool, boxless: int = 0) -> str:
    """`tags`' line over the photo's faces: "faces: 1 found by the detector, 2 named in the
    file" (what the viewer's B draws), and the names with no box (`boxless`, boxless_names)."""
    found = sum(1 for m in marks if m.found)
    named = sum(1 for m in marks if m.name and NAMED_HERE not in m.schemes)
    unnamed = sum(1 for m in marks if unnamed_in_file(m))
    yours = sum(1 for m in marks if m.name and NAMED_HERE in m.schemes)
    parts = [
        f"{found} found by the detector"
        if found or looked_for
        else "not looked for by the detector yet"
    ]
    if named:
        parts.append(f"{named} named in the file")
    if boxless:
        parts.append(f"{boxless} named in the file with no box")
    if unnamed:
        parts.append(f"{unnamed} unnamed in the file")
    if yours:
        parts.append(f"{yours} named by you")
    taken = sum(1 for m in marks if m.taken_off)
    if taken:
        parts.append(f"{counted(taken, 'name')} in the file taken off by you")
    return "faces: " + ", ".join(parts)


def unnamed_in_file(mark: FaceMark) -> bool:
    """A face (or pet) a file's region marks with no name (digiKam's "Unknown" face)."""
    return bool(mark.schemes) and not mark.name and mark.taken_off is None


def boxless_words(name: str, where: str) -> tuple[str, str]:
    """A name the files give with no box (boxless_names), for `tags` beside mark_words."""
    return name, f"named in the file ({where}), no box"


def mark_words(mark: FaceMark, looked_for: bool) -> tuple[str, str]:
    """A face's name (or "(no name)") and what it is, in words, for `tags` (`looked_for`:
    whether the detector has looked at the photo)."""
    where = " and ".join(mark.schemes)
    if not mark.schemes:
        return "(no name)", f"found by the detector ({mark.confidence:.2f})"
    said = f"named in the file ({where})"
    if mark.schemes == (NAMED_HERE,):
        said = "named by you"
    if unnamed_in_file(mark):
        said = f"unnamed in the file ({where})"
    if mark.taken_off is not None:
        # The file still names it; the user said it is not so ("Anna" taken off, her tag "no").
        said = said.replace("named", f"named {mark.taken_off}", 1) + ", taken off by you"
    shown = mark.name or "(no name)"
    if mark.kind != "face" and mark.found:
        # A pet's name over a face the detector found (a dog's face, a person named as a pet):
        # one mark, the pet's (merged).
        return shown, f"{said}, a {mark.kind}, a face the detector found ({mark.confidence:.2f})"
    if mark.kind != "face" or not looked_for:
        return shown, said if mark.kind == "face" else f"{said}, a {mark.kind}"
    if mark.found:
        return shown, f"{said}, a face the detector found ({mark.confidence:.2f})"
    return shown, f"{said}; the detector found no face there"
