"""Writing a photo's tags into its sidecar or the file itself, leaving the user's own keywords
as they were: nothing of theirs is reordered; phototagger's additions go at the end, and only
values phototagger wrote earlier are taken out again, unless the user asked for the tags they
rejected to go whoever wrote them (WriteOptions.remove_rejected)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from phototagger.core.metadata.exiv import (
    COLOR_KEYS,
    PICK_KEY,
    RATING_KEYS,
    Fields,
    MetadataError,
    read_fields,
    region_fields,
    write_fields,
    xmp_for_new_sidecar,
)
from phototagger.core.metadata.keywords import (
    ALWAYS_WRITTEN,
    AUTO_ROOT,
    DIGIKAM_SLASH,
    FIELDS,
    IPTC_KEYWORDS,
    IPTC_MAX_BYTES,
    SEPARATOR,
    XMP_FIELDS,
    XP_KEYWORDS,
    KeywordField,
    containing,
    digikam_key,
    field_value,
    fits,
    slashed,
    split_path,
    tag_name,
)
from phototagger.core.metadata.regions import (
    FaceDecisions,
    RegionChanges,
    decided_regions,
    has_regions,
    region_edits,
)
from phototagger.core.metadata.sidecars import (
    NAMING_FULL,
    find_sidecar,
    sidecar_for,
    sidecar_only,
    sidecar_owner,
)
from phototagger.store.tags import name_key
from phototagger.tag_names import spaced_once

TARGET_SIDECAR = "sidecar"
TARGET_EMBED = "embed"

Written = set[tuple[str, str]]  # (field key, value) phototagger put into one file
# A tag renamed in phototagger: its levels before and now (tag_admin.renamed_from).
Renamed = tuple[Sequence[str], Sequence[str]]


def _file_key(value: str) -> str:
    """A keyword as the library tells tags apart (name_key), its runs of spaces as one: a
    file's 'my   music' is the tag 'my music' (tag_names.spaced_once), and was given a second
    keyword 'my music' beside it."""
    return name_key(spaced_once(value))


@dataclass(frozen=True)
class WriteOptions:
    target: str = TARGET_SIDECAR
    naming: str = NAMING_FULL
    include_suggestions: bool = False
    keep_times: bool = True
    # Also take out the keywords of tags the user rejected that another program wrote.
    remove_rejected: bool = False


@dataclass
class FileWrite:
    """What writing one photo did."""

    target: Path
    sidecar: bool
    created: bool = False  # a sidecar that was not there before
    added: int = 0  # tags the file held in none of its keyword fields before
    removed: int = 0
    # Tags written into fields of the file that lacked them, which it held in another field
    # (or, beside a sidecar, the photo did): Lightroom's keywords into digiKam's TagsList.
    copied: int = 0
    rejected_removed: int = 0  # rejected tags whose keywords this write took out
    # Not among those: the names a face of the file had, renamed or taken off here (plan's
    # `faced`), whose keywords this write took out: Anna's, gone with her face's new name.
    faced_removed: int = 0
    # Of those keywords, the levels above a rejected tag's leaf that no other tag needed, taken
    # out of flat fields with it ('France' with Places|France|Paris): keywords of no tag.
    parents_removed: int = 0
    written: Written = field(default_factory=set)
    # mwg-rs regions of faces the user named, renamed or took the name off in phototagger.
    regions_added: int = 0
    regions_renamed: int = 0
    regions_removed: int = 0
    # The sidecar left behind by the photo's move that the new one was made from (write_photo).
    carried_from: Path | None = None
    # What stale_in_photo takes out: keywords of tags renamed or taken off since, and the
    # model's suggestions (phototagger|auto|...) a write without --include-suggestions leaves out.
    cleaned_tags: bool = False
    cleaned_suggestions: bool = False

    @property
    def changed(self) -> bool:
        return bool(
            self.added
            or self.removed
            or self.copied
            or self.regions_added
            or self.regions_renamed
            or self.regions_removed
        )


def target_for(
    photo: Path, options: WriteOptions, companions: Sequence[str] = ()
) -> tuple[Path, bool]:
    """(file to write, whether it is a sidecar): a sidecar the photo (or, for a RAW+JPEG pair,
    its RAW: `companions`) already has is used as it is; a new one of a pair is the RAW's
    (`IMG_0001.CR2.xmp`), where the other tools look for the pair's keywords; RAW and HEIC/AVIF
    files always get a sidecar."""
    if options.target == TARGET_EMBED and not sidecar_only(photo):
        return photo, False
    found = find_sidecar(photo, companions)
    return found or sidecar_for(sidecar_owner(photo, companions), options.naming), True


def write_photo(
    photo: Path,
    wanted: Sequence[Sequence[str]],
    written_before: Written,
    options: WriteOptions,
    companions: Sequence[str] = (),
    rejected: Sequence[Sequence[str]] = (),
    former: Sequence[Renamed] = (),
    left: Path | None = None,
    faces: FaceDecisions | None = None,
    written_in_photo: Written | None = None,
    beside: tuple[Path, Written] | None = None,
    faced: Sequence[Sequence[str]] = (),
) -> FileWrite:
    """Make the photo's target file carry `wanted` (tags as levels), removing the values in
    `written_before` that are no longer wanted and, with options.remove_rejected, the keywords
    of the `rejected` tags (as levels) whoever wrote them. `left`: the sidecar the photo left
    behind when it was moved or renamed (core/metadata/left_sidecars.py), read for it until
    now: a new sidecar beside the photo starts as a copy of it (FileWrite.carried_from).
    `faces`: what the user decided on the photo's faces, which the target's mwg-rs regions are
    made to say (regions.decided_regions). `written_in_photo`: what phototagger wrote into the
    photo itself (an --embed write), not the file's own keywords where a sidecar copies them.
    `beside`: the sidecar written after the photo (an --embed write) and what phototagger wrote
    into it: the other keywords there are the files' own, copied into the photo, not added.
    `faced`: the `rejected` tags a face region of the files named (face_marks.faced_people: a
    face the file named Anna, renamed or un-named here), whose keywords go whoever wrote them,
    as digiKam drops a person's tag with their face, remove_rejected or not."""
    target, sidecar = target_for(photo, options, companions)
    if not photo.exists():
        raise MetadataError(f"{photo}: no such file")
    new_sidecar = sidecar and not target.exists()
    # As digiKam and darktable carry a sidecar along when they move a photo: everything in it
    # (rating, labels, title, their own fields) goes into the new one, not its keywords alone.
    carried = left if new_sidecar and left is not None and left != target else None
    existing: Fields = {}
    if carried is not None:
        existing = read_fields(carried, xmp_only=True)
    elif sidecar and not new_sidecar:
        existing = read_fields(target, xmp_only=True)
    if not sidecar:
        existing = read_fields(photo)
    # A sidecar also follows the XMP fields the photo itself uses; a new one takes its rating.
    own: Fields = _photo_fields(photo, xmp_only=not new_sidecar) if sidecar else {}
    used = _fields_in_use(existing, sidecar, own)
    # The photo's own values also say how a tag is spelled there (a new sidecar starts empty);
    # not those phototagger put into it (an --embed write just before): its 'People' beside
    # 'Anna' there is no choice of the file's, and digiKam's sidecar keeps 'Anna' alone.
    # Nor are they counted as the file's own keywords, copied, not added (words37).
    spelled = _not_written(own, written_in_photo) if sidecar and written_in_photo else own
    # Nor, in a photo written beside its sidecar, are those the sidecar holds of other programs
    # counted as added: "3 keywords added" for the one tag given, digiKam's two copied (walk63).
    theirs_beside: Fields = {}
    if beside is not None and not sidecar and beside[0].exists():
        theirs_beside = _not_written(read_fields(beside[0], xmp_only=True), beside[1])
    changes, result = plan(
        existing,
        used,
        wanted,
        written_before,
        spelled,
        rejected=rejected if options.remove_rejected else faced,
        kept_tags=() if options.remove_rejected else [r for r in rejected if r not in faced],
        former=former,
        theirs_beside=theirs_beside,
        faced=faced,
    )
    result.target, result.sidecar = target, sidecar
    whole = False  # the sidecar takes the photo's regions whole, with the user's decisions
    # The photo's own regions, read once for a sidecar: what its edits start from, and what a
    # new one carries whole.
    theirs = region_fields(photo) if faces and sidecar else None
    if faces:
        source = target if not new_sidecar else carried
        edits, whole = _face_edits(source, sidecar, theirs or {}, faces)
        changes = {**changes, **edits.fields}
        result.regions_added, result.regions_renamed = edits.added, edits.renamed
        result.regions_removed = edits.removed
    result.created = bool(changes) and new_sidecar
    if changes and new_sidecar:
        # The photo's rating and labels, where the sidecar carried along has none of its own.
        changes = {k: v for k, v in carried_over(own).items() if k not in existing} | changes
        # ... and its face regions, whole (each structure, array and language alternative as
        # exiv2 read it), where the sidecar carried along has none of its own: not one list
        # with the photo's items mixed in.
        if has_regions(existing) or whole:
            regions = {}
        else:
            regions = theirs if theirs is not None else region_fields(photo)
        changes = {**regions, **changes}
    if changes:
        # A new sidecar starts as the one the photo left behind, else as the photo's own XMP
        # (its title, caption, location: digiKam reads the sidecar's alone once it is there).
        start = carried if carried is not None or not new_sidecar else xmp_for_new_sidecar(photo)
        write_fields(target, changes, sidecar=sidecar, keep_times=options.keep_times, start=start)
        result.carried_from = carried
    return result


def stale_in_photo(
    photo: Path, wanted: Sequence[Sequence[str]], written_before: Written
) -> tuple[dict[str, list[str] | str | None], FileWrite]:
    """The field changes that take out of the photo itself the keywords phototagger wrote into
    it earlier (an --embed write: `written_before`) whose tags the user has since renamed,
    removed or rejected, where this write goes to its sidecar (none: nothing to take out), and
    what they do: left there, 'Places/Lisbon' renamed 'Places/Portugal/Lisbon' read as both in
    digiKam or Lightroom without the sidecar, and in a library scanned afresh. Nothing is added
    to the photo (the user chose the sidecar), and no keyword another program wrote is taken
    out, nor one phototagger wrote that is still wanted. FileWrite.written: what of
    phototagger's the photo holds once they are made (job._write_one makes them)."""
    result = FileWrite(photo, False)
    changes: dict[str, list[str] | str | None] = {}
    if not written_before:
        return changes, result
    existing = read_fields(photo)
    used = _fields_in_use(existing, False, {})
    # The wanted tags the photo holds already: a tag it lacks (the renamed one's new name) is
    # not written into it, so its flat keywords ('Lisbon', 'Places') would stand for nothing.
    # Every whole value counts, a level above another too: the tag 'Places' beside
    # 'Places/Lisbon' is held (_file_spellings leaves such levels out).
    held = {
        _file_key(tag_name(split_path(v, f.separator) or (v,)))
        for f in FIELDS
        for v in existing.get(f.key, ())
    }
    here = [levels for levels in wanted if _file_key(tag_name(levels)) in held]
    _, planned = plan(existing, used, here, written_before)
    taken: set[tuple[str, str]] = set()
    for f in used:
        current = existing.get(f.key, [])
        # The values of phototagger's this write would take out of the file.
        stale = {
            v for v in current if (f.key, v) in written_before and (f.key, v) not in planned.written
        }
        if stale:
            taken |= {(f.key, v) for v in stale}
            changes[f.key] = _encode(f, [v for v in current if v not in stale])
    # What of phototagger's the photo still holds: a keyword another program took out since is
    # no longer phototagger's, even once written again (Lightroom's own 'beach' stays).
    result.written = {(k, v) for (k, v) in written_before - taken if v in existing.get(k, ())}
    if not changes:
        return changes, result
    # Counted as tags: Places|Lisbon, Places/Lisbon and dc:subject's Lisbon are one.
    paths = {split_path(v, sep) or (v,) for key, v in taken if (sep := _separator(key)) is not None}
    result.removed = len({_file_key(p[-1]) for p in paths} or {_file_key(v) for _, v in taken})
    # The model's suggestions ('phototagger|auto|cat', and the levels above it a field holds
    # on their own), which a write without --include-suggestions leaves out.
    auto = tuple(_file_key(level) for level in AUTO_ROOT)
    suggested = {
        p for p in paths if tuple(_file_key(level) for level in p[: len(auto)]) == auto[: len(p)]
    }
    result.cleaned_suggestions = bool(suggested)
    result.cleaned_tags = bool(paths - suggested) or not paths
    return changes, result


def _face_edits(
    source: Path | None, sidecar: bool, theirs: dict[str, Any], faces: FaceDecisions
) -> tuple[RegionChanges, bool]:
    """The region field edits that make the target (its fields read from `source`; None: a
    new, empty sidecar) say what the user decided on the photo's faces (RegionChanges.fields
    holds the edits), and whether they hold the photo's regions whole: a sidecar without
    regions of its own is read over the photo's (`theirs`, its region fields; digiKam, and
    phototagger's own reading), so it takes them all, changed, not the changed ones alone. No
    edits: nothing to change."""
    own = region_fields(source) if source is not None else {}
    before = own if has_regions(own) or not sidecar else {}
    base = before if has_regions(own) or not sidecar else theirs
    decided = decided_regions(base, faces, over_photo=has_regions(theirs))
    edits = region_edits(before, decided.fields) if decided.changed else {}
    if not edits:
        return RegionChanges(), False
    decided.fields = edits
    return decided, base is not before


def _photo_fields(photo: Path, xmp_only: bool) -> Fields:
    """The photo's fields (`xmp_only`: its XMP's), or as many as can be read ({}: none)."""
    for only in (True,) if xmp_only else (False, True):
        try:
            return read_fields(photo, xmp_only=only)
        except MetadataError:
            continue
    return {}


# Kept as text values; darktable's colour labels are an array.
_CARRIED_TEXT = (PICK_KEY, *(k for k in COLOR_KEYS if k != "Xmp.darktable.colorlabels"))


def carried_over(fields: Fields) -> dict[str, list[str] | str | None]:
    """A photo's rating, pick and colour labels (its `fields`), for a sidecar made now. digiKam
    reads a photo's XMP from its sidecar instead of the photo once there is one, and Lightroom a
    RAW's only from there: a rating left in the photo alone would be lost to them (so would the
    names on its faces: its regions go too, write_photo). Exif's rating (cameras write it) goes into
    the sidecar as xmp:Rating."""
    carried: dict[str, list[str] | str | None] = {}
    rating = next((fields[k][0] for k in RATING_KEYS if fields.get(k)), None)
    if rating is not None:
        carried[RATING_KEYS[0]] = rating
    for key in _CARRIED_TEXT:
        if fields.get(key):
            carried[key] = fields[key][0]
    if fields.get("Xmp.darktable.colorlabels"):
        carried["Xmp.darktable.colorlabels"] = fields["Xmp.darktable.colorlabels"]
    return carried


def _fields_in_use(existing: Fields, sidecar: bool, photo: Fields) -> list[KeywordField]:
    present = set(existing) | set(photo)
    allowed = XMP_FIELDS if sidecar else FIELDS
    return [f for f in allowed if f in ALWAYS_WRITTEN or f.key in present]


def _not_written(fields: Fields, written: Written) -> Fields:
    """`fields` without the values phototagger wrote there (`written`: (field key, value))."""
    return {k: [v for v in vs if (k, v) not in written] for k, vs in fields.items()}


def plan(
    existing: Fields,
    fields: Iterable[KeywordField],
    wanted: Sequence[Sequence[str]],
    written_before: Written,
    spelled: Fields | None = None,
    *,
    rejected: Sequence[Sequence[str]] = (),
    kept_tags: Sequence[Sequence[str]] = (),
    former: Sequence[Renamed] = (),
    theirs_beside: Fields | None = None,
    faced: Sequence[Sequence[str]] = (),
) -> tuple[dict[str, list[str] | str | None], FileWrite]:
    """The field changes that bring `existing` to carry `wanted`, and what was done. Values are
    the same keyword as the library tells tags apart (name_key, ASCII case aside): a file's
    'dog' is the tag 'Dog', but 'äpfel' and 'Äpfel' are two tags, so two keywords (read back,
    each is its own tag again). The XMP spec defines no folding of keyword values (array items
    are plain text); folding ASCII case is phototagger's own choice, so the user's 'dog' from
    another tool is not given a second 'Dog'.

    A tag the file (or `spelled`, the photo's own fields beside its sidecar) already spells in
    a field keeps that spelling: Lightroom's keyword 'B/W' (one level of hierarchicalSubject,
    read as the tag 'B/W') is not written again as a hierarchy 'B|W' and a keyword 'W'.

    The keywords of `rejected` tags (levels) go from every field however the field spells
    them, as digiKam takes a removed tag out: in a hierarchical field the tag's own node only
    ('Places|Paris', not 'Places' or 'Places|Paris|Louvre'); in a flat field its leaf and the
    levels above it, except a keyword that a tag still there needs ('Places' for
    'Places|Lyon', 'Paris' for 'Texas|Paris'), so the file reads back as the library's tags
    less the rejected ones. The `former` names of the wanted tags (renamed in phototagger:
    (levels before, levels now)) go so too, whoever wrote them: the user renamed the tag, as
    digiKam renames one in its files; they are not counted as rejected. Where a flat field
    carried the levels above a former name's leaf, it carries the new name's in their place:
    'Places', 'Greece', 'Crete' of Places|Greece|Crete read 'Places', 'Crete' after
    'Places/Greece' was renamed 'Places/Hellas', the renamed level dropped and its new name
    not written, as the leaf was there without it (see want below); now 'Places', 'Crete',
    'Hellas', as Lightroom writes a keyword's containing keywords.

    `faced`: those of the `rejected` tags that a face of the file was named (Anna, renamed
    Carla here): taken out as the others are, counted apart (FileWrite.faced_removed).

    A field this write makes (the file, or the sidecar, had none) holds what the file says
    elsewhere: each tag spelled as another field of the file (or `spelled`) spells it ('Phone'
    from IPTC, not the model's 'phone'), and the `kept_tags` (rejected, whose keywords the file
    keeps: phototagger takes out only its own) where another field holds them. digiKam and
    Lightroom read a photo's keywords from its XMP once it has some, and digiKam from its
    sidecar once there is one: a field made without them would hide them. They stay the file's
    own: neither counted as added nor taken for phototagger's."""
    result = FileWrite(Path(), False)
    changes: dict[str, list[str] | str | None] = {}
    olds = [before for before, _ in former]
    # Each wanted tag's former names that had levels above their leaf.
    was: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for before, now in former:
        if containing(before):
            was.setdefault(tuple(now), []).append(tuple(before))
    # A tag goes into several fields (TagsList, hierarchicalSubject, dc:subject, ...): the counts
    # are of tags, not of field values ('20 keywords added' for 5 tags written).
    added_tags: set[tuple[str, ...]] = set()
    removed_leaves: set[str] = set()
    # Levels above a leaf that phototagger put into a flat field: not tags of their own.
    parents = {
        _file_key(level)
        for key, v in written_before
        if (sep := _separator(key)) is not None
        for level in split_path(v, sep)[:-1]
    } | {_file_key(level) for levels in [*rejected, *olds] for level in levels[:-1]}
    fields = list(fields)
    dropped, rejected_found, parents_dropped = _rejected_values(
        existing, fields, wanted, [*rejected, *olds], spelled
    )
    rejected_found &= {_file_key(tag_name(levels)) for levels in rejected}
    elsewhere = _file_spellings((existing, spelled or {}))
    staying = [elsewhere[key] for lv in kept_tags if (key := _file_key(tag_name(lv))) in elsewhere]
    for f in fields:
        current = existing.get(f.key, [])
        spelling = _spellings(f, [*current, *(spelled or {}).get(f.key, [])])
        # Each tag's levels as the file spells them, where a field made now spells it.
        as_file: dict[tuple[str, ...], tuple[str, ...]] = {
            tuple(levels): elsewhere.get(_file_key(tag_name(levels)), tuple(levels))
            if not current
            else tuple(levels)
            for levels in wanted
        }
        values = {
            levels: spelling.get(_file_key(tag_name(levels))) or field_value(f, spelled_as)
            for levels, spelled_as in as_file.items()
            # A level with the field's own separator in it ('rock|roll', read from dc:subject)
            # would come back as two levels: such a tag stays out of that field.
            if fits(f, levels)
        }
        have = {_file_key(v) for v in current}
        # Flat fields take the levels above each leaf too, as Lightroom writes them ('Places'
        # beside 'Paris'); not where the field spells the tag as one keyword ('B/W'), nor where
        # the file (or photo) has the leaf without them: Lightroom's "Include on Export" was
        # off for that parent, or digiKam wrote it; that stays the file's choice.
        given = set(spelling)  # by name_key
        want = _unique(
            w
            for levels, v in values.items()
            for w in (
                v,
                *(
                    spelling.get(_key(level)) or level
                    for level in containing(as_file[levels])
                    if f.separator is None
                    and v == field_value(f, as_file[levels])
                    and (
                        _key(v) not in given
                        or all(_key(p) in given for p in containing(levels))
                        # The field carried the levels above the tag's former name.
                        or any(
                            all(_key(p) in given for p in containing(before))
                            for before in was.get(tuple(levels), ())
                        )
                    )
                ),
            )
        )
        # The file's own keywords of kept tags, into a field made now for the user's tags.
        theirs = _unique(field_value(f, lv) for lv in staying if fits(f, lv)) if not current else []
        if theirs and any(_file_key(v) not in {_file_key(t) for t in theirs} for v in want):
            want = _unique([*want, *theirs])
        else:
            theirs = []
        if f is IPTC_KEYWORDS:
            want = [v for v in want if len(v.encode()) <= IPTC_MAX_BYTES]
        if f is XP_KEYWORDS:  # Windows separates its keywords with ';': 'x; y' would be two
            want = [v for v in want if ";" not in v]
        want_keys = {_file_key(v) for v in want}
        stale = {v for key, v in written_before if key == f.key and _file_key(v) not in want_keys}
        stale |= _misread(f, current, wanted, want_keys)
        stale |= {v for v in dropped.get(f.key, ()) if _file_key(v) not in want_keys}
        kept = [v for v in current if v not in stale]
        additions = [v for v in want if _file_key(v) not in have]
        new = kept + additions
        added_values = {_file_key(v) for v in additions}
        added_tags.update(levels for levels, v in values.items() if _file_key(v) in added_values)
        removed_leaves.update(
            _file_key((split_path(v, f.separator) or (v,))[-1])
            for v in current
            if v in stale and (f.separator is not None or _file_key(v) not in parents)
        )
        not_ours = {_file_key(v) for v in theirs}
        ours = {
            (f.key, v)
            for v in want
            if _file_key(v) not in not_ours
            and (_file_key(v) not in have or (f.key, v) in written_before)
        }
        result.written |= ours
        if new != current:
            changes[f.key] = _encode(f, new)
    # "396 keywords added" of polish34's first write, for 4 tags the user gave: the rest were
    # the files' own keywords, copied into the fields that lacked them.
    # (`spelled` and `theirs_beside` hold none that phototagger itself wrote: write_photo.)
    files_own = _file_spellings((existing, spelled or {}, theirs_beside or {}))
    copied = {t for t in added_tags if _file_key(tag_name(t)) in files_own}
    result.added, result.removed = len(added_tags - copied), len(removed_leaves)
    result.copied = len(copied)
    faced_keys = {_file_key(tag_name(levels)) for levels in faced}
    result.rejected_removed = len(rejected_found - faced_keys)
    result.faced_removed = len(rejected_found & faced_keys)
    result.parents_removed = len(parents_dropped)
    return changes, result


def _rejected_values(
    existing: Fields,
    fields: Sequence[KeywordField],
    wanted: Sequence[Sequence[str]],
    rejected: Sequence[Sequence[str]],
    spelled: Fields | None,
) -> tuple[dict[str, set[str]], set[str], set[str]]:
    """The values of each field (key -> values) that stand for the `rejected` tags, those tags
    (by name_key) found in the file, and the levels above their leaves taken out of flat fields
    that are neither a rejected tag's name nor its leaf (by name_key). See plan."""
    if not rejected:
        return {}, set(), set()
    by_tag = {_file_key(tag_name(levels)): levels for levels in rejected if levels}
    by_digikam = {digikam_key(key): key for key in by_tag}
    dropped: dict[str, set[str]] = {}
    found: set[str] = set()
    hierarchical = [f for f in FIELDS if f.separator is not None]
    # Levels a flat field must keep: those of every wanted tag, and of every path the file
    # (or, beside a sidecar, the photo) keeps in a hierarchical field.
    needed = {_file_key(level) for levels in wanted for level in levels}
    needed |= {_file_key(tag_name(levels)) for levels in wanted}
    for source in (existing, spelled or {}):
        for f in hierarchical:
            for v in source.get(f.key, ()):
                levels = split_path(v, f.separator) or (v,)
                # A backslash read either way: 'C:\\stuff' as written, 'AC\\DC' as AC/DC,
                # 'A\\B\\C' as A/B\\C.
                keys = {_file_key(tag_name(levels)), _file_key(tag_name(slashed(levels)))}
                if f.separator == SEPARATOR and DIGIKAM_SLASH in v:
                    keys.add(by_digikam.get(digikam_key(tag_name(levels)), ""))
                if keys & by_tag.keys():
                    if source is existing and f in fields:
                        dropped.setdefault(f.key, set()).add(v)
                        found.update(keys & by_tag.keys())
                else:
                    needed.update(_file_key(level) for level in levels)
    # A flat keyword of a rejected tag: its whole name (one keyword: 'Back Pain', 'AC/DC'),
    # its leaf or a level above it; kept where a tag still there needs it.
    words = {_file_key(level) for levels in by_tag.values() for level in levels} | set(by_tag)
    own = set(by_tag) | {_file_key(levels[-1]) for levels in by_tag.values()}
    parents: set[str] = set()
    for f in fields:
        if f.separator is not None:
            continue
        for v in existing.get(f.key, ()):
            word = _file_key(v)
            if word in words and word not in needed:
                dropped.setdefault(f.key, set()).add(v)
                # The tag counts as taken out whichever of its words went, a parent alone too.
                found.update(
                    key
                    for key, levels in by_tag.items()
                    if word == key or word in (_file_key(level) for level in levels)
                )
                if word not in own:
                    parents.add(word)
    return dropped, found, parents


def _misread(
    f: KeywordField, current: Sequence[str], wanted: Sequence[Sequence[str]], want_keys: set[str]
) -> set[str]:
    """The values of a '/'-separated field (TagsList) that read as a tree where the library has
    the one keyword ('AC/DC' another tool wrote beside dc:subject's 'AC/DC': digiKam shows it
    as AC > DC): replaced by the keyword's spelling, as digiKam's own write sets TagsList whole
    from the tags it holds. A tree the library has too stays."""
    if f.separator != SEPARATOR:
        return set()
    tags = {_file_key(tag_name(levels)) for levels in wanted}
    return {
        v
        for v in current
        if SEPARATOR in v.strip(SEPARATOR)
        and _file_key(v) not in want_keys
        and _file_key(tag_name((v.strip(),))) in tags
        and _file_key(tag_name(split_path(v, f.separator))) not in tags
    }


def _key(level: str) -> str:
    """One level (or a flat keyword) as _spellings keys it."""
    return _file_key(tag_name((level,)))


def _separator(key: str) -> str | None:
    return next((f.separator for f in FIELDS if f.key == key), None)


def _file_spellings(sources: Iterable[Fields]) -> dict[str, tuple[str, ...]]:
    """Each tag (by name_key) the keyword fields of `sources` hold, and its levels as the first
    of them spells it ('Phone' of IPTC for the tag 'phone'). A level above another keyword
    ('People' of People|Anna, in dc:subject or alone in TagsList) spells no tag: the detector's
    'people' is not the user's tree."""
    paths = [
        (f, split_path(v, f.separator) or (v,))
        for source in sources
        for f in FIELDS
        for v in source.get(f.key, ())
    ]
    above = {
        _file_key(tag_name(levels[:depth]))
        for f, levels in paths
        if f.separator is not None
        for depth in range(1, len(levels))
    }
    found: dict[str, tuple[str, ...]] = {}
    for _, levels in paths:
        key = _file_key(tag_name(levels))
        if key not in above:
            found.setdefault(key, tuple(levels))
    return found


def _spellings(f: KeywordField, values: Iterable[str]) -> dict[str, str]:
    """Each tag (by name_key) a field's values stand for, and how the first of them spells it."""
    spelling: dict[str, str] = {}
    for v in values:
        levels = split_path(v, f.separator) or (v,)
        spelling.setdefault(_file_key(tag_name(levels)), v)
        if f.separator is not None and DIGIKAM_SLASH in v:
            # digiKam's 'Music|AC\\DC' and TagsList 'Music/AC\\DC' may be the keyword AC/DC.
            spelling.setdefault(_file_key(tag_name(slashed(levels))), v)
    return spelling


def _encode(f: KeywordField, values: list[str]) -> list[str] | str | None:
    if not values:
        return None
    if f is XP_KEYWORDS:
        return ";".join(values)
    return values


def _unique(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for v in values:
        if _file_key(v) not in seen:
            seen.add(_file_key(v))
            out.append(v)
    return out
