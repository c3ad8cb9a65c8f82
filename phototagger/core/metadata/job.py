"""The write job: the user's tags (and, if asked, the model's suggestions under their own root)
into the files of many photos, with progress and cancel, one photo at a time."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import sqlite_utils

from phototagger.core.catalog import without_own_path
from phototagger.core.detector_tags import detector_tag_keys
from phototagger.core.errors import LEFT_COPY
from phototagger.core.file_guard import hash_file
from phototagger.core.jobs import CancelToken, Progress, ProgressCallback, RateMeter
from phototagger.core.metadata.catalog import rejected_in_files
from phototagger.core.metadata.exiv import MetadataError, clear_before_writing, write_fields
from phototagger.core.metadata.keywords import AUTO_ROOT, file_levels, tag_name
from phototagger.core.metadata.left_sidecars import carried_words, left_sidecar_of, no_longer_left
from phototagger.core.metadata.regions import FaceDecisions, stored_box
from phototagger.core.metadata.sidecars import (
    find_sidecar,
    sidecar_kind,
    sidecar_only,
    sidecar_owner,
)
from phototagger.core.metadata.sync import SidecarStat, refresh_photo
from phototagger.core.metadata.write import (
    TARGET_EMBED,
    TARGET_SIDECAR,
    FileWrite,
    WriteOptions,
    stale_in_photo,
    target_for,
    write_photo,
)
from phototagger.core.names import os_path, storable
from phototagger.core.states import POSITIVE_STATES, TagState
from phototagger.core.tag_admin import renamed_from
from phototagger.core.wording import counted, listed
from phototagger.store.faces import photos_with_face_names
from phototagger.store.file_metadata import (
    file_record,
    photos_with_records,
    set_written_values,
    sidecars_in_use,
    written_values,
)
from phototagger.store.media import media_of
from phototagger.store.photos import get_photo, update_photo
from phototagger.store.problems import clear_problem, get_problem, list_problems, record_problem
from phototagger.store.records import PhotoTag
from phototagger.store.tags import name_key, tags_of_photo

PROBLEM_CODE = "keywords-write"


@dataclass
class WriteSummary:
    # Photos it went through, those it could not write among them (counted in problems too): as
    # the command's "1 photo: ..., 1 could not be written" says, --json's photos is 1 there.
    photos: int = 0
    # Files changed: into_photos + sidecars_updated + sidecars_created + photos_cleaned.
    written: int = 0
    unchanged: int = 0  # photos whose files already carried their tags
    no_tags: int = 0  # photos with none of the user's tags (nor, if asked, suggestions) to write
    rejected_kept: int = 0  # tags the user rejected that their files still carry (not ours)
    rejected_removed: int = 0  # tags the user rejected whose keywords were taken out now
    # Not among those: the old names of faces renamed (or un-named) here, whose keywords went
    # with them (Anna's, her face renamed Carla), whatever --remove-rejected says.
    faced_removed: int = 0
    # Levels above their leaves that only they used, taken out with them ('France' for
    # Places|France|Paris): keywords of no tag, so not among rejected_removed.
    rejected_parents_removed: int = 0
    keywords_added: int = 0  # tags new to the files
    keywords_removed: int = 0
    # Tags the files held, copied into the keyword fields of theirs that lacked them.
    keywords_copied: int = 0
    # mwg-rs face regions made to say what the user decided on faces here (named, renamed,
    # name taken off): added, their Name replaced, taken out.
    regions_added: int = 0
    regions_renamed: int = 0
    regions_removed: int = 0
    problems: int = 0
    cancelled: bool = False
    into_photos: int = 0  # photo files whose own bytes changed
    sidecars_updated: int = 0
    sidecars_created: int = 0
    # Photos written into before (--embed) whose keywords from phototagger of tags renamed or
    # taken off since were taken out of them by this write to their sidecars.
    photos_cleaned: int = 0
    # ... and those it could not take them out of (read-only): the photos still hold them.
    photos_not_cleaned: int = 0
    # Of photos_cleaned, those that held keywords of tags renamed or taken off since, and those
    # that held the model's suggestions, which a write without --include-suggestions leaves out;
    # the same of photos_not_cleaned (where the photo could be read).
    cleaned_of_tags: int = 0
    cleaned_of_suggestions: int = 0
    not_cleaned_of_tags: int = 0
    not_cleaned_of_suggestions: int = 0
    # Copies writes left behind that could not be removed, first listed in Problems now: those
    # of earlier writes (killed before their rename) found before this one, and this one's own
    # (a write that failed and could not remove its copy): path -> what it is and what to do.
    left_copies: dict[str, str] = field(default_factory=dict)
    # Sidecars left behind by moved photos that their new sidecars were made from (everything
    # in them carried along): path -> what was done, and that it is no longer read.
    carried: dict[str, str] = field(default_factory=dict)
    # Why the sidecars written were used, per reason: SIDECAR_SETTING, SIDECAR_KEPT, or the kind
    # of file never written into ("HEIC files", "clips"). Not in --json (as before). Said as
    # "are not written into", not "cannot hold keywords" (walk60): a HEIC can carry XMP, the
    # bundled exiv2 cannot write it; RAWs and clips are left as they are, as digiKam and
    # Lightroom leave them.
    sidecar_why: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if k != "sidecar_why"}

    def written_words(self, setting: str = "as your setting asks") -> str:
        """ "written into 1 photo and 4 new sidecar files beside their photos (HEIC files cannot
        hold keywords)": which files changed, so that a new sidecar beside a photo is not taken
        for a change to the photo, and why sidecars were used (`setting`: the user's choice of
        sidecars, in the words of where it was made)."""
        # "written into 0 photos, 2 sidecars created" read as a failure where both photos had
        # their keywords, in sidecar files: the photos are named only when written into.
        sidecars = self.sidecars_updated + self.sidecars_created
        if not sidecars and self.photos_cleaned and not self.into_photos:
            words = self.cleaned_words()
        elif not sidecars and not self.into_photos and self.photos_not_cleaned:
            # Nothing written, only a photo left as it was: that is the news.
            words = ""
        elif not sidecars:
            words = f"written into {counted(self.into_photos, 'photo')}"
        elif self.photos_cleaned:
            words = f"{self._into_sidecars(setting)}; {self.cleaned_words()}"
        else:
            words = self._into_sidecars(setting)
        if self.photos_not_cleaned:
            one = self.photos_not_cleaned == 1
            them = "it" if one else "them"
            words += (
                f"{'; ' if words else ''}{counted(self.photos_not_cleaned, 'photo')} still"
                f" {'holds' if one else 'hold'} old keywords phototagger wrote into {them}"
                f" before ({_why_old(self.not_cleaned_of_tags, self.not_cleaned_of_suggestions)})"
                " that could not be taken out"
                f" (read-only?): make {them} writable and write again"
            )
        return words

    def cleaned_words(self) -> str:
        """What a write to sidecars took out of photos written into before (--embed)."""
        them = "it" if self.photos_cleaned == 1 else "them"
        why = _why_old(self.cleaned_of_tags, self.cleaned_of_suggestions)
        return (
            f"the old keywords phototagger wrote into {counted(self.photos_cleaned, 'photo')}"
            f" before ({why}) taken out of {them}"
        )

    def _into_sidecars(self, setting: str) -> str:
        sidecars = self.sidecars_updated + self.sidecars_created
        new = "new " if self.sidecars_created == sidecars else ""
        # One sidecar read "1 new sidecar file beside the photos" (walk50).
        beside = "beside its photo" if sidecars == 1 else "beside their photos"
        words = f"{counted(sidecars, new + 'sidecar file')} {beside}"
        notes = [f"{self.sidecars_created:,} new"] if self.sidecars_created and not new else []
        notes += self._sidecar_reasons(setting)
        if notes:
            words += f" ({'; '.join(notes)})"
        if self.into_photos:
            return f"written into {counted(self.into_photos, 'photo')} and {words}"
        return f"written into {words}"

    def _sidecar_reasons(self, setting: str) -> list[str]:
        """Why the sidecars were used: "HEIC files are not written into", `setting`."""
        why = [setting] if SIDECAR_SETTING in self.sidecar_why else []
        kinds = [k for k in self.sidecar_why if k not in (SIDECAR_SETTING, SIDECAR_KEPT)]
        if kinds:
            why.append(f"{listed(sorted(kinds))} are not written into")
        if SIDECAR_KEPT in self.sidecar_why:
            kept = self.sidecar_why[SIDECAR_KEPT]
            had = "a photo already had one" if kept == 1 else f"{kept:,} photos already had one"
            why.append(f"{had}, which other programs read first")
        return why

    def unchanged_words(self) -> str:
        """ "2 already up to date, 5 without tags of yours": a photo with only the model's
        suggestions is not taken for one whose file carries its tags already."""
        words = f"{self.unchanged:,} already up to date"
        if self.no_tags:
            words += f", {self.no_tags:,} without tags of yours"
        return words

    def regions_words(self) -> str:
        """ "1 face region added, 1 renamed, 1 taken out" ('' when none changed): the faces
        named in phototagger, as the files' mwg-rs regions now say them."""
        parts = [
            (self.regions_added, "added"),
            (self.regions_renamed, "renamed"),
            (self.regions_removed, "taken out"),
        ]
        shown = [(n, verb) for n, verb in parts if n]
        if not shown:
            return ""
        first, verb = shown[0]
        words = [f"{counted(first, 'face region')} {verb}"]
        return ", ".join(words + [f"{n:,} {verb}" for n, verb in shown[1:]])

    def kept_words(self) -> str:
        """Why a tag the user rejected is still in digiKam and Lightroom ('' when none is): its
        keyword was the file's own, which phototagger takes out only when asked to (or, asked,
        it is in a photo whose keywords went to its sidecar)."""
        if not self.rejected_kept:
            return ""
        if self.rejected_kept == 1:
            return "1 rejected tag stays in its file"
        return f"{self.rejected_kept:,} rejected tags stay in their files"

    def rejected_words(self) -> str:
        """ "1 keyword of a face's old name taken out, 2 rejected tags removed from the files,
        and 1 parent keyword only they used" ('' when none was): a face the file named Anna,
        renamed Carla here, took Anna's keyword along, which the user never rejected (it read
        "1 rejected tag removed from the files"); 'France' taken out with Places|France|Paris
        is said too."""
        parts = []
        if self.faced_removed:
            whose = "a face's old name" if self.faced_removed == 1 else "faces' old names"
            parts.append(f"{counted(self.faced_removed, 'keyword')} of {whose} taken out")
        if self.rejected_removed:
            parts.append(f"{counted(self.rejected_removed, 'rejected tag')} removed from the files")
        words = ", ".join(parts)
        if words and self.rejected_parents_removed:
            parents = counted(self.rejected_parents_removed, "parent keyword")
            words += f", and {parents} only they used"
        return words


def _why_old(tags: int, suggestions: int) -> str:
    """Why a write to sidecars takes phototagger's old keywords out of photos written into
    before, of `tags` photos holding tags renamed or taken off since and `suggestions` photos
    holding the model's suggestions (a write without --include-suggestions leaves them out)."""
    why = []
    if tags or not suggestions:
        why.append("tags renamed or taken off since")
    if suggestions:
        why.append("the model's suggestions, written only with --include-suggestions")
    return "; ".join(why)


def wanted_levels(tags: Sequence[PhotoTag], include_suggestions: bool) -> list[tuple[str, ...]]:
    """The tags to write, as levels: the user's, then (if asked) the model's, under auto."""
    # A keyword tree kept apart from a detector tag goes back under its own name (People|Anna).
    reserved = detector_tag_keys()
    wanted = [file_levels(t.name, reserved) for t in tags if t.state in POSITIVE_STATES]
    if include_suggestions:
        wanted += [(*AUTO_ROOT, *file_levels(t.name, reserved)) for t in tags if t.state is None]
    return [levels for levels in wanted if levels]


def region_tags_left_out(
    db: sqlite_utils.Database, photo_id: int, tags: Sequence[PhotoTag]
) -> list[PhotoTag]:
    """The photo's tags less those only its files' face regions give (a person digiKam or
    Lightroom named on a face, with no keyword of that name): the file holds that name already,
    as a region, which a write leaves as it is; written as a keyword too, it would stay on the
    photo after the region was taken out in the other program. A tag the user added or accepted
    in phototagger is written as ever."""
    record = file_record(db, photo_id)
    if record is None or not record.region_tags:
        return list(tags)
    only = {name_key(n) for n in record.region_tags} - {name_key(n) for n in record.keywords}
    return [t for t in tags if not (t.state == TagState.FILE and name_key(t.name) in only)]


def rejected_levels(
    tags: Sequence[PhotoTag], wanted: Sequence[Sequence[str]] = ()
) -> list[tuple[str, ...]]:
    """The tags the user rejected, as levels spelled as in the files (People|Anna); not one
    spelled as a tag still `wanted` is: the detector's `people` rejected, the keyword `People`
    stays for the user's tree's parent, `People (keywords)`."""
    reserved = detector_tag_keys()
    keep = {name_key(tag_name(levels)) for levels in wanted}
    found = [file_levels(t.name, reserved) for t in tags if t.state == TagState.REJECTED]
    return [levels for levels in found if levels and name_key(tag_name(levels)) not in keep]


def write_keywords(
    db: sqlite_utils.Database,
    photo_ids: Sequence[int],
    options: WriteOptions,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> WriteSummary:
    """Write every photo's tags to its sidecar or file; a photo that fails is recorded as a
    problem and the job goes on."""
    summary = WriteSummary()
    rows = photos_with_records(db, None, photo_ids)
    meter = RateMeter()
    meter.update(0)
    listed, cleared = _listed_left_copies(db), set()
    # The photos with a face the user named here: the others need no look at their faces.
    named = photos_with_face_names(db, [row.photo_id for row in rows])
    for done, row in enumerate(rows, 1):
        if cancel is not None and cancel.cancelled:
            summary.cancelled = True
            break
        folder = Path(os_path(row.path)).parent
        if folder not in cleared:  # once a job, not once for each of its photos
            cleared.add(folder)
            _clear_left_copies(db, folder, listed.get(folder, set()), summary)
        summary.photos += 1
        try:
            results, wanted, kept, whys = _write_one(
                db, row.photo_id, Path(os_path(row.path)), options, row.photo_id in named
            )
            summary.carried |= {
                storable(str(r.carried_from)): carried_words(storable(str(r.target)))
                for r in results
                if r.carried_from is not None
            }
        except (MetadataError, OSError) as exc:
            message = (
                without_own_path(str(exc), row.path)
                if isinstance(exc, MetadataError)
                else f"cannot write its keywords ({exc.strerror or exc})"
            )
            record_problem(db, row.path, PROBLEM_CODE, message)
            summary.problems += 1
            if isinstance(exc, MetadataError) and exc.left_copy is not None:
                # Its own copy, which it could not remove: listed now and said once, not left
                # for a scan to find (and tell as news) once an hour old.
                copy, words = exc.left_copy
                _list_left_copy(db, storable(str(copy)), words, summary)
        else:
            # Written now (the user made the file writable): its old write failure is past.
            clear_problem(db, row.path, PROBLEM_CODE)
            for result, why in zip(results, whys, strict=True):
                summary.written += result.changed
                summary.photos_not_cleaned += why == NOT_CLEANED
                if why == NOT_CLEANED:
                    summary.not_cleaned_of_tags += result.cleaned_tags
                    summary.not_cleaned_of_suggestions += result.cleaned_suggestions
                if result.changed:
                    if why == CLEANED:
                        summary.photos_cleaned += 1
                        summary.cleaned_of_tags += result.cleaned_tags
                        summary.cleaned_of_suggestions += result.cleaned_suggestions
                    elif not result.sidecar:
                        summary.into_photos += 1
                    else:
                        if result.created:
                            summary.sidecars_created += 1
                        else:
                            summary.sidecars_updated += 1
                        summary.sidecar_why[why] = summary.sidecar_why.get(why, 0) + 1
            changed = any(result.changed for result in results)
            summary.unchanged += bool(wanted) and not changed
            summary.no_tags += not wanted and not changed
            summary.rejected_kept += kept
            # The same tags in the photo and its sidecar: counted once.
            summary.keywords_added += max(result.added for result in results)
            summary.keywords_copied += max(result.copied for result in results)
            summary.keywords_removed += max(result.removed for result in results)
            summary.rejected_removed += max(result.rejected_removed for result in results)
            summary.faced_removed += max(r.faced_removed for r in results)
            summary.rejected_parents_removed += max(r.parents_removed for r in results)
            summary.regions_added += max(r.regions_added for r in results)
            summary.regions_renamed += max(r.regions_renamed for r in results)
            summary.regions_removed += max(r.regions_removed for r in results)
        meter.update(done)
        if progress is not None:
            progress(
                Progress(
                    "writing keywords",
                    done,
                    len(rows),
                    row.path,
                    meter.rate,
                    meter.eta(done, len(rows)),
                    summary.problems,
                )
            )
    return summary


SIDECAR_SETTING = "setting"  # the user chose sidecars (Settings, or --sidecar)
# Not a file written: phototagger's old keywords taken out of a photo written into before.
CLEANED = "cleaned"
NOT_CLEANED = "not cleaned"  # ... that could not be taken out (a read-only photo)
SIDECAR_KEPT = "kept"  # the photo (or its RAW) already had one, kept in step with the photo


def sidecar_reason(photo: Path, options: WriteOptions) -> str:
    """Why `photo`'s keywords went to a sidecar under `options`: the user's choice, or the kind
    of file that cannot hold them ("HEIC files", "RAW files", "clips"), or one it already had.
    A file that cannot hold them is said so whatever the setting: a HEIC, a RAW and a clip
    written with sidecars set read "(as your setting asks; --embed writes into the files)",
    which --embed would not have (walk50)."""
    if not sidecar_only(photo):
        return SIDECAR_SETTING if options.target != TARGET_EMBED else SIDECAR_KEPT
    return sidecar_kind(photo)


def _listed_left_copies(db: sqlite_utils.Database) -> dict[Path, set[str]]:
    """The copies left behind that Problems lists, by folder."""
    listed: dict[Path, set[str]] = {}
    for problem in list_problems(db):
        if problem.code == LEFT_COPY:
            listed.setdefault(Path(os_path(problem.path)).parent, set()).add(problem.path)
    return listed


def _clear_left_copies(
    db: sqlite_utils.Database, folder: Path, listed: set[str], summary: WriteSummary
) -> None:
    """Clear `folder` of the copies earlier writes left behind, before writing into it. Those
    that stay are listed in Problems and told once (`summary.left_copies`), as a scan tells
    them; those `listed` there before and removed now are taken off the list."""
    stayed = {storable(str(path)): words for path, words in clear_before_writing(folder).items()}
    for path, words in stayed.items():
        _list_left_copy(db, path, words, summary)
    for path in listed - stayed.keys():
        if not os.path.lexists(os_path(path)):
            clear_problem(db, path, LEFT_COPY)


def _list_left_copy(
    db: sqlite_utils.Database, path: str, words: str, summary: WriteSummary
) -> None:
    """A copy a write left behind, listed in Problems; told (`summary.left_copies`) only where
    it was not listed before."""
    before = get_problem(db, path)
    if before is None or before.code != LEFT_COPY:
        summary.left_copies[path] = words
    record_problem(db, path, LEFT_COPY, words)


def face_decisions(
    db: sqlite_utils.Database,
    photo_id: int,
    tags: Sequence[PhotoTag],
    named_faces: bool = True,
) -> FaceDecisions:
    """What the user decided on the photo's faces here, for its files' mwg-rs regions: the
    faces named (core/face_marks.named_here), the names those faces no longer have, the faces
    whose name was taken off while another face keeps it (cleared_faces), and the people (and
    pets) the user said no to among the photo's `tags` (face_marks.rejected_people: as the
    viewer draws them taken off); boxes of the stored pixels. `named_faces`: whether the user
    ever named a face of the photo (store.faces.photos_with_face_names); not, none is looked
    for."""
    from phototagger.core.face_marks import (
        cleared_faces,
        named_here_kinds,
        names_taken_back,
        rejected_people,
    )

    # The viewer's rule: a region it draws taken off by the user goes.
    people = rejected_people(tags)
    kinds = named_here_kinds(db, photo_id) if named_faces else []
    named = [(box, name) for box, name, _ in kinds]
    taken = names_taken_back(db, photo_id, named) if named_faces else []
    cleared = cleared_faces(db, photo_id) if named_faces else []
    if not (named or taken or people or cleared):
        return FaceDecisions()
    photo = get_photo(db, photo_id)
    turned = photo.orientation if photo is not None else None
    size = None
    if photo is not None and photo.width and photo.height:
        # The library holds the size as shown: a photo stored on its side is the other way.
        wide, high = photo.width, photo.height
        size = (high, wide) if turned in (5, 6, 7, 8) else (wide, high)
    return FaceDecisions(
        named=tuple((name, stored_box(box, turned), kind) for box, name, kind in kinds),
        former=tuple((name, stored_box(box, turned), kind) for box, name, kind in taken),
        rejected=people,
        size=size,
        cleared=tuple((stored_box(box, turned), kind) for box, kind in cleared),
    )


def _faced_levels(
    db: sqlite_utils.Database,
    photo_id: int,
    tags: Sequence[PhotoTag],
    rejected: Sequence[tuple[str, ...]],
    reserved: frozenset[str] | set[str],
) -> list[tuple[str, ...]]:
    """Of the `rejected` tags (levels as in the files), those a face region of the photo's
    files names (face_marks.faced_people)."""
    from phototagger.core.face_marks import faced_people

    record = file_record(db, photo_id)
    if record is None or not record.regions or not rejected:
        return []
    faced = faced_people(tags, record.regions)
    named = {name_key(tag_name(file_levels(t, reserved))) for t in faced}
    return [levels for levels in rejected if name_key(tag_name(levels)) in named]


def _write_one(
    db: sqlite_utils.Database,
    photo_id: int,
    photo: Path,
    options: WriteOptions,
    named_faces: bool = True,
) -> tuple[list[FileWrite], int, int, list[str]]:
    """What writing each of the photo's files did, how many tags it had to write, how many
    of the tags the user rejected its files still carry, and why each file written is a sidecar
    where it is one (sidecar_reason)."""
    # A RAW+JPEG pair whose RAW already has a sidecar (digiKam's IMG.CR2.xmp) keeps using it.
    media = media_of(db, [photo_id]).get(photo_id)
    companions = [os_path(n) for n in media.companions] if media is not None else []
    held = tags_of_photo(db, photo_id)
    tags = region_tags_left_out(db, photo_id, held)
    left = left_sidecar_of(db, photo_id, photo, companions)
    wanted = wanted_levels(tags, options.include_suggestions)
    rejected = rejected_levels(tags, wanted)
    # A tag renamed in phototagger ('Crete' to 'Kreta'): its old keyword goes from the files as
    # digiKam renames one, else Lightroom showed both.
    reserved = detector_tag_keys()
    kept_names = [t.name for t in tags if t.state in POSITIVE_STATES]
    former = [
        (file_levels(before, reserved), file_levels(now, reserved))
        for before, now in renamed_from(db, kept_names)
    ]
    faces = face_decisions(db, photo_id, held, named_faces)
    # A face the file named Anna, renamed Carla (or un-named) here: Anna's keyword goes with
    # her region, as digiKam drops a person's tag with their face; not only with remove_rejected.
    faced = _faced_levels(db, photo_id, tags, rejected, reserved)
    targets = [options]
    embedded = options.target == TARGET_EMBED and not sidecar_only(photo)
    pair = sidecar_owner(photo, companions) != photo
    if embedded and (pair or find_sidecar(photo, companions) is not None):
        # digiKam (reading sidecars) and Immich take a photo's XMP from its sidecar once there
        # is one: the tags written into the photo alone would not show there. A RAW+JPEG
        # pair's RAW, never written into, carries them in its sidecar, where Lightroom (the
        # pair's master) and digiKam (the RAW on its own) look for them.
        targets.append(replace(options, target=TARGET_SIDECAR))
    results, whys = [], []
    for chosen in targets:
        target, into_sidecar = target_for(photo, chosen, companions)
        # Targets are recorded in the library's text form (core/names.py), as photo paths are.
        before = written_values(db, photo_id, storable(str(target)))
        carry = left if into_sidecar else None
        if carry is not None:  # what phototagger wrote there goes on as its own
            before |= written_values(db, photo_id, storable(str(carry)))
        # What phototagger wrote into the photo (--embed): its own, not the files', in a sidecar.
        in_photo = written_values(db, photo_id, storable(str(photo))) if into_sidecar else None
        # The photo written before its sidecar: the sidecar's keywords that phototagger did not
        # write there are the files' own, copied into the photo.
        beside = None
        if not into_sidecar and len(targets) > 1:
            then, _ = target_for(photo, targets[1], companions)
            beside = (then, written_values(db, photo_id, storable(str(then))))
        result = write_photo(
            photo,
            wanted,
            before,
            chosen,
            companions,
            rejected,
            former,
            carry,
            faces,
            in_photo,
            beside,
            faced,
        )
        set_written_values(db, photo_id, storable(str(result.target)), result.written)
        results.append(result)
        # The sidecar added beside a pair is its RAW's, new or not: "RAW files cannot hold
        # keywords", not "a photo already had one" (qa25: said of a pair that had none).
        owner = sidecar_owner(photo, companions) if chosen is not options else photo
        whys.append(sidecar_reason(owner, options))
    if all(r.sidecar for r in results) and not sidecar_only(photo):
        # Written into before (--embed), the photo still held phototagger's keywords of tags
        # renamed or taken off since, beside the sidecar's new ones: they go from it too.
        own = storable(str(photo))
        before = written_values(db, photo_id, own)
        if before:
            cleaned = FileWrite(photo, False)
            try:
                changes, cleaned = stale_in_photo(photo, wanted, before)
                if changes:
                    write_fields(photo, changes, sidecar=False, keep_times=options.keep_times)
            except (MetadataError, OSError) as exc:
                if isinstance(exc, MetadataError) and exc.left_copy is not None:
                    raise
                # Its sidecar is written: the photo (read-only now, say) is said to still
                # hold them, not taken for a photo whose keywords could not be written; what
                # they are (tags taken off, suggestions) as far as it could be read.
                results.append(
                    FileWrite(
                        photo,
                        False,
                        cleaned_tags=cleaned.cleaned_tags,
                        cleaned_suggestions=cleaned.cleaned_suggestions,
                    )
                )
                whys.append(NOT_CLEANED)
            else:
                set_written_values(db, photo_id, own, cleaned.written)
                results.append(cleaned)
                whys.append(CLEANED)
    if any(r.changed and not r.sidecar for r in results):
        # The photo's bytes changed, its pixels did not: the next scan must not re-decode it,
        # and must know it by its new bytes when it is moved or renamed.
        st = os.stat(photo)
        content_hash, size = hash_file(photo)
        update_photo(db, photo_id, size=size, mtime=st.st_mtime, content_hash=content_hash)
    if any(result.changed for result in results):
        # What phototagger wrote is now what the files say: not an edit made elsewhere.
        row = photos_with_records(db, None, [photo_id])[0]
        side_path = find_sidecar(photo, companions)
        side = None
        if side_path is not None:
            st = os.stat(side_path)
            side = SidecarStat(storable(str(side_path)), st.st_size, st.st_mtime)
        refresh_photo(db, row, side)
        carried = [storable(str(r.carried_from)) for r in results if r.carried_from is not None]
        for old in carried:
            # What phototagger wrote there is recorded as written into the new one.
            set_written_values(db, photo_id, old, ())
            if not sidecars_in_use(db, [old]):
                # Read no more: the sidecar beside the photo holds all it held. Unlisted now,
                # as the next scan would, not left saying "its keywords are still read".
                no_longer_left(db, old)
    return results, len(wanted), len(rejected_in_files(db, photo_id)), whys
