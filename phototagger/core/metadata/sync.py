"""Keywords from the files into the library: on scan, for new and changed photos, and for
photos whose sidecar changed (edited in digiKam or Lightroom) even if the photo did not.

Only what changed in the file since it was last read is applied, so both sides keep their
additions: a keyword new in the file becomes the user's tag ('file'); a keyword gone from the
file takes its 'file' row, and a tag phototagger had written there that the user took out in the
other tool is taken off in phototagger too; other decisions made in phototagger stay. A sidecar
that has gone takes nothing away: that is a file lost, not keywords taken out. A keyword taken
out of the sidecar goes even where the photo's own XMP or IPTC still holds it (set_aside): the
other tools edit the sidecar only, and read it over the file.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import sqlite_utils

from phototagger.core.catalog import without_own_path
from phototagger.core.detector_tags import detector_tag_keys
from phototagger.core.errors import TRUNCATED
from phototagger.core.jobs import CancelToken, Progress, ProgressCallback
from phototagger.core.metadata.exiv import MetadataError
from phototagger.core.metadata.keywords import (
    DIGIKAM_SLASH,
    TAGS_LIST,
    digikam_key,
    library_name,
    slashed,
    split_path,
    tag_levels,
    tag_name,
)
from phototagger.core.metadata.left_sidecars import left_behind, no_longer_left, note_left_behind
from phototagger.core.metadata.read import FileMetadata, read_metadata
from phototagger.core.metadata.regions import ROOTS, FaceRegion, person_keyword, region_paths
from phototagger.core.metadata.sidecars import candidates
from phototagger.core.names import os_path, storable
from phototagger.core.states import POSITIVE_STATES
from phototagger.core.tag_admin import rename_tag
from phototagger.store.connection import transaction
from phototagger.store.file_metadata import (
    FileRecord,
    PhotoFileRow,
    apply_file_keywords,
    folders_below,
    photos_in_folder,
    photos_with_records,
    respell_photo_tag,
    save_file_record,
    written_in_field,
)
from phototagger.store.media import media_of
from phototagger.store.problems import clear_problem, get_problem, record_problem
from phototagger.store.tags import name_key, normal_name, tags_of_photo
from phototagger.tag_names import GROUP_MARK, LITERAL_SLASH, shown_name

PROBLEM_CODE = "keywords"
REGIONS_CODE = "face regions"  # a region the file holds could not be read whole
_REPORT_EVERY = 50


@dataclass
class SyncSummary:
    checked: int = 0
    read: int = 0
    keywords_added: int = 0  # each keyword on each photo
    keywords_removed: int = 0
    keywords_photos: int = 0  # the photos whose tags those keywords added or taken off are
    # The different tags of those (name_key), as `stats` counts them and the scan says them: a
    # keyword on 40 photos is 1 tag (the scan said "107 tags added on 6 photos" where `stats`
    # then said "104 tags on 6 photos": walk55).
    added_keys: set[str] = field(default_factory=set)
    removed_keys: set[str] = field(default_factory=set)
    problems: int = 0
    known_problems: int = 0  # of problems, files Problems listed before (for another reason)
    cut_short: bool = False  # stopped before every stale photo was read
    # Photos read whose files hold a face region that could not be read whole (its name read,
    # its box left out), listed in Problems: read, so not among `problems`.
    region_problems: int = 0
    # Sidecars left behind by photos moved, listed in Problems by this read (one listed before
    # is not told again), each with what to do: read for their photos, no problem of reading.
    left_sidecars: dict[str, str] = field(default_factory=dict)


def sync_file_metadata(
    db: sqlite_utils.Database,
    roots: Sequence[str],
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> SyncSummary:
    """Read the keywords of every photo below `roots` whose file or sidecar changed since the
    last read (or that was never read). Costs one directory listing per folder otherwise."""
    summary = SyncSummary()
    rows: dict[int, PhotoFileRow] = {}
    for root in roots:
        rows.update((row.photo_id, row) for row in _candidates(db, root))
    found = _with_sidecars(db, list(rows.values()))
    with transaction(db):
        found = [(row, _left_or_own(db, row, sidecar, summary)) for row, sidecar in found]
    stale = [(row, sidecar) for row, sidecar in found if _needs_read(row, sidecar)]
    summary.checked = len(rows)
    for done, (row, sidecar) in enumerate(stale, 1):
        if cancel is not None and cancel.cancelled:
            summary.cut_short = True
            break
        refresh_photo(db, row, sidecar, summary)
        if progress is not None and (done % _REPORT_EVERY == 0 or done == len(stale)):
            progress(
                Progress("reading keywords", done, len(stale), row.path, problems=summary.problems)
            )
    return summary


def _candidates(db: sqlite_utils.Database, root: str) -> list[PhotoFileRow]:
    """Photos below `root` that may need reading: changed or unread ones, found in SQL, and
    those in a folder that holds sidecars. An unchanged library without sidecars costs one
    query and one directory listing per folder, not a Python object per photo."""
    root = os.path.abspath(os.path.expanduser(root))
    if not os.path.isdir(root):
        return photos_with_records(db, root)
    rows = photos_with_records(db, root, only_changed=True)
    for folder in folders_below(db, root):
        try:
            with os.scandir(folder) as entries:
                has_sidecars = any(e.name.lower().endswith(".xmp") for e in entries)
        except OSError:
            continue
        if has_sidecars:
            rows += photos_in_folder(db, folder)
    return rows


@dataclass(frozen=True)
class SidecarStat:
    path: str
    size: int
    mtime: float


def _with_sidecars(
    db: sqlite_utils.Database,
    rows: list[PhotoFileRow],
) -> list[tuple[PhotoFileRow, SidecarStat | None]]:
    """Each photo with its sidecar's stat (None: no sidecar), one listing per folder."""
    by_folder: dict[str, list[PhotoFileRow]] = defaultdict(list)
    for row in rows:
        by_folder[os.path.dirname(os_path(row.path))].append(row)
    out: list[tuple[PhotoFileRow, SidecarStat | None]] = []
    for folder, members in by_folder.items():
        try:
            with os.scandir(folder) as entries:
                xmp = {e.name: e for e in entries if e.name.lower().endswith(".xmp")}
        except OSError:
            xmp = {}
        # A RAW+JPEG pair's keywords may be in its RAW's sidecar (digiKam: IMG_0001.CR2.xmp).
        media = media_of(db, [row.photo_id for row in members]) if xmp else {}
        for row in members:
            found = None
            pair = media.get(row.photo_id)
            names = [os_path(n) for n in pair.companions] if pair is not None else []
            for candidate in candidates(Path(os_path(row.path)), names) if xmp else ():
                entry = xmp.get(candidate.name)
                if entry is not None:
                    try:
                        st = entry.stat()
                    except OSError:
                        continue
                    found = SidecarStat(storable(entry.path), st.st_size, st.st_mtime)
                    break
            out.append((row, found))
    return out


def _left_or_own(
    db: sqlite_utils.Database, row: PhotoFileRow, sidecar: SidecarStat | None, summary: SyncSummary
) -> SidecarStat | None:
    """The photo's sidecar: the one found beside it, else the one it had when last read if it
    left that behind in a move (left_sidecars), listed in Problems with what to do."""
    had = row.record.sidecar_path if row.record is not None else None
    if sidecar is not None or had is None:
        if had is not None and (sidecar is None or sidecar.path != had):
            no_longer_left(db, had)  # moved beside the photo, say, under the photo's name
        return sidecar
    left = left_behind(had)
    if left is None:
        no_longer_left(db, had)  # gone, or owned by a photo of its name there again
        return None
    try:
        st = os.stat(os_path(left))
    except OSError:
        return None
    words = note_left_behind(db, row.path, left)
    if words is not None:
        summary.left_sidecars[left] = words
    return SidecarStat(left, st.st_size, st.st_mtime)


def _needs_read(row: PhotoFileRow, sidecar: SidecarStat | None) -> bool:
    rec = row.record
    if rec is None or rec.photo_size != row.size or rec.photo_mtime != row.mtime:
        return True
    if sidecar is None:
        return rec.sidecar_path is not None
    return (rec.sidecar_path, rec.sidecar_size, rec.sidecar_mtime) != (
        sidecar.path,
        sidecar.size,
        sidecar.mtime,
    )


def refresh_photo(
    db: sqlite_utils.Database,
    row: PhotoFileRow,
    sidecar: SidecarStat | None,
    summary: SyncSummary | None = None,
) -> FileMetadata | None:
    """Read one photo's files and apply what changed in them since the last read."""
    summary = summary or SyncSummary()
    try:
        meta = read_metadata(
            Path(os_path(row.path)), Path(os_path(sidecar.path)) if sidecar else None
        )
    except (MetadataError, OSError) as exc:
        # A PNG cut short (shown from its rows there) is refused by exiv2 too: its note in
        # Problems stays "cut short", which says why, not "its keywords could not be read".
        known = get_problem(db, row.path)
        if known is None or known.code != TRUNCATED:
            record_problem(
                db,
                row.path,
                PROBLEM_CODE,
                without_own_path(str(exc), row.path)
                if isinstance(exc, MetadataError)
                else f"cannot read its keywords ({exc.strerror or exc})",
            )
            summary.problems += 1
            summary.known_problems += known is not None
        save_file_record(db, _record(row, None, row.record.keywords if row.record else ()))
        return None
    summary.read += 1
    names = dict(zip(meta.keywords, library_names(db, row.photo_id, meta.keywords), strict=True))
    own = None
    if meta.sidecar_keywords is not None:
        # Its keywords as the merged read names them (a sidecar's `People` beside the file's
        # `People/Anna` is the tree's parent there too).
        own = [
            names.get(k) or library_names(db, row.photo_id, [k])[0] for k in meta.sidecar_keywords
        ]
    aside = set_aside(row.record, list(names.values()), own)
    kept = [name for name in names.values() if name_key(name) not in {name_key(k) for k in aside}]
    meta = replace(meta, keywords=kept, sidecar_keywords=own)
    # Regions the sidecar took out stay out, though the photo's own XMP still holds them.
    kept_regions, regions_aside = regions_set_aside(row.record, meta)
    meta = replace(meta, regions=kept_regions)
    # A person named in a face region (digiKam, Lightroom, Picasa, Windows Photo Gallery) is
    # the tag a People keyword of that name gives: read, kept and taken off as a keyword is.
    given, regions = region_tags(db, row.photo_id, meta.keywords, meta.regions)
    before = (*row.record.keywords, *row.record.region_tags) if row.record else ()
    added, removed = keyword_changes(before, [*meta.keywords, *given])
    # A keyword with a slash in it read as a tree before ('AC/DC': AC > DC) and as itself now
    # ('AC∕DC'): the same keyword, its decisions kept, not taken off and given anew.
    respelled = respellings(added, removed)
    added = [name for name in added if name not in respelled.values()]
    removed = [name for name in removed if name not in respelled]
    if sidecar is None and row.record is not None and row.record.sidecar_path is not None:
        # The sidecar has gone (cleaned up, or the photo copied without it): a file lost, not
        # keywords taken out, which digiKam and Lightroom do by rewriting it. Its tags stay,
        # the user's own decisions above all (a tag added in phototagger and written there
        # was taken off with it). The next keyword write makes a sidecar again.
        removed = []
    # phototagger writes every tag into TagsList; one of those gone is the user's removal.
    written = sorted(written_in_field(db, row.photo_id, TAGS_LIST.key))
    levels = [split_path(v, TAGS_LIST.separator) for v in written]
    # Its backslash either way: 'C:\\stuff' as written, 'AC\\DC' the keyword AC/DC.
    written = [tag_name(form) for path in levels for form in (path, slashed(path))]
    # ... and 'A\\B\\C' the keyword A/B\\C: matched as digiKam spells both.
    ours = {digikam_key(v) for v in library_names(db, row.photo_id, written)}
    withdrawn = [name for name in removed if digikam_key(name) in ours]
    with transaction(db):
        for old, new in respelled.items():
            if respell_photo_tag(db, row.photo_id, old, new):
                # Left on no photo: renamed into the keyword (logged, so a saved model's
                # column for the old tree is the keyword's, and so is its threshold).
                rename_tag(db, old, new)
        apply_file_keywords(db, row.photo_id, added, removed, withdrawn)
        save_file_record(db, _record(row, meta, meta.keywords, aside, regions, regions_aside))
        # Read without fault: a sidecar or file mended since is no longer a problem.
        clear_problem(db, row.path, PROBLEM_CODE)
        if meta.region_problems:
            # The rest of the file was read: listed in Problems, the names read all the same.
            record_problem(db, row.path, REGIONS_CODE, "; ".join(meta.region_problems))
            summary.region_problems += 1
        else:
            clear_problem(db, row.path, REGIONS_CODE)
    summary.keywords_added += len(added)
    summary.keywords_removed += len(removed)
    summary.added_keys.update(name_key(name) for name in added)
    summary.removed_keys.update(name_key(name) for name in removed)
    summary.keywords_photos += bool(added or removed)
    return meta


def region_tags(
    db: sqlite_utils.Database,
    photo_id: int,
    keywords: Sequence[str],
    regions: Sequence[FaceRegion],
) -> tuple[list[str], tuple[dict[str, object], ...]]:
    """The library's tags for the people (and pets) the photo's face `regions` name, beyond its
    `keywords` (library names), and the regions to record, each with the tag it gave.

    A face's name gives the tag a People keyword of that name gives ('People (keywords)/Anna'),
    a pet's a Pets keyword's ('Pets/Rex'). A name the file holds as a keyword's leaf already
    (digiKam's People|Anna beside its region, Lightroom's person keyword 'Anna', a 'Family|Anna')
    gives nothing more: that keyword is the person's tag, one, not two. A place keyword's leaf
    ('Places|France|Paris') is no person (regions.person_keyword): her region gives her tag."""
    leaves = {
        name_key(levels[-1])
        for levels in map(tag_levels, keywords)
        if levels and person_keyword(levels)
    }
    paths = [
        path for path in region_paths(regions) if name_key(normal_name(path[-1])) not in leaves
    ]
    names = library_names(db, photo_id, [tag_name(path) for path in paths])
    tag_of = {
        (path[0], name_key(normal_name(path[-1]))): name
        for path, name in zip(paths, names, strict=True)
    }
    recorded = []
    for region in regions:
        tag = None
        if region.names_someone and region.name is not None:
            tag = tag_of.get((ROOTS[region.kind], name_key(normal_name(region.name))))
        recorded.append({**region.as_dict(), "tag": tag})
    return list(tag_of.values()), tuple(recorded)


def set_aside(
    record: FileRecord | None, keywords: Sequence[str], sidecar: Sequence[str] | None
) -> list[str]:
    """Of a photo's keywords as read now (`keywords`: its embedded fields' and its sidecar's),
    those the sidecar (`sidecar`: its own keywords, None: none there) took out since an earlier
    read, or had taken out before, that it does not hold again: not the photo's.

    digiKam (its "read from sidecar" setting: the sidecar's XMP replaces the file's, and the
    file's IPTC keywords count only where the sidecar has them, MetaEngine::loadSidecarData)
    and darktable (reading a sidecar first clears the image's tags, dt_exif_xmp_read) both take
    a photo's keywords from its sidecar over the photo's own, and when set to write sidecars
    they edit only the sidecar: a keyword removed there stays in the JPEG's own XMP and IPTC,
    stale. So a keyword the sidecar drops goes, though the file still holds it. A keyword only
    the photo's own fields ever held (never in the sidecar: a camera's or Lightroom's export's)
    is still the photo's, as it is with no sidecar at all; a sidecar that has gone gives back
    nothing it had set aside (a file lost, as it takes nothing away)."""
    if record is None:
        return []
    held = {name_key(k) for k in record.set_aside}
    if sidecar is not None:
        now = {name_key(k) for k in sidecar}
        if record.sidecar_path is not None and record.sidecar_keywords is not None:
            held |= {name_key(k) for k in record.sidecar_keywords} - now
        held -= now
    return [k for k in keywords if name_key(k) in held]


def regions_set_aside(
    record: FileRecord | None, meta: FileMetadata
) -> tuple[list[FaceRegion], tuple[tuple[str, str], ...]]:
    """The photo's regions as read now (`meta`) less those its sidecar took out, and the named
    regions ((kind, name) each) set aside so: those the sidecar held at an earlier read and no
    longer does, or had set aside before and does not hold again.

    digiKam set to write sidecars removes a face there only, and with its last face removed the
    sidecar holds no regions at all, so the read falls back to the photo's own XMP, where the
    faces digiKam once wrote (or another program named) are still: stale, as a keyword taken out
    of the sidecar is in the photo (set_aside). A region only the photo's own XMP ever held is
    still the photo's; a sidecar that has gone gives back nothing it had set aside."""
    held = _keyed(record.regions_set_aside) if record is not None else {}
    if meta.sidecar is not None and record is not None:
        now = _keyed((r.kind, r.name) for r in meta.regions) if meta.regions_in_sidecar else {}
        if record.sidecar_path is not None and record.regions_in_sidecar:
            held |= _keyed((str(r.get("kind")), r.get("name")) for r in record.regions)
        held = {key: pair for key, pair in held.items() if key not in now}
    if meta.regions_in_sidecar:
        return list(meta.regions), tuple(held.values())
    kept = [r for r in meta.regions if not r.name or (r.kind, name_key(r.name)) not in held]
    return kept, tuple(held.values())


def _keyed(pairs: Iterable[tuple[str, object]]) -> dict[tuple[str, str], tuple[str, str]]:
    """(kind, name) of each named region, by kind and name_key."""
    return {(kind, name_key(str(name))): (kind, str(name)) for kind, name in pairs if name}


def library_names(db: sqlite_utils.Database, photo_id: int, keywords: Sequence[str]) -> list[str]:
    """The library's tags for a file's keywords (those of photo `photo_id`): a keyword tree
    under a top level named as a detector tag kept apart from it (keywords.library_name:
    `People/Anna` is `People (keywords)/Anna`), and so is that top level listed alone beside
    it (digiKam's `People` beside `People/Anna`: the tree's parent, `People (keywords)`),
    unless phototagger wrote it there for the detector's tag the photo has (the photo has no
    `People (keywords)` of its own). Names are composed (NFC): a keyword a Mac wrote decomposed
    ('E' and a combining accent) is the tag 'Été' typed here."""
    reserved = detector_tag_keys()
    paths = [tag_levels(keyword) for keyword in keywords]
    parents = {name_key(levels[0]) for levels in paths if len(levels) > 1}
    detectors = _detector_keywords(db, photo_id, parents & reserved)
    return [
        normal_name(library_name(levels, reserved, parent=name_key(keyword) not in detectors))
        if name_key(keyword) in parents
        else normal_name(library_name(levels, reserved))
        for keyword, levels in zip(keywords, paths, strict=True)
    ]


def _detector_keywords(db: sqlite_utils.Database, photo_id: int, names: set[str]) -> set[str]:
    """Of the detector tags `names` (by name_key) that a file lists alone beside a keyword tree
    of the same name, those that stand for the detector's tag: phototagger wrote the keyword
    into the file's TagsList, the photo has the detector's tag (said yes to) and not the tree's
    parent as a tag of its own."""
    if not names:
        return set()
    written = {name_key(v) for v in written_in_field(db, photo_id, TAGS_LIST.key)}
    held = {name_key(t.name): t.state for t in tags_of_photo(db, photo_id)}
    return {
        key
        for key in names & written
        if held.get(key) in POSITIVE_STATES and name_key(key + GROUP_MARK) not in held
    }


def respellings(added: Sequence[str], removed: Sequence[str]) -> dict[str, str]:
    """Of the keywords gone from a file (`removed`) and new in it (`added`), the old spelling ->
    the one the file is read as now, the same keyword: a tree -> the keyword with a slash inside
    it ('AC/DC' -> 'AC∕DC'), and digiKam's backslash read before as a slash -> the backslash it
    is ('Music/AC∕DC' -> 'Music/AC\\DC': no field of the file spells it with a slash)."""
    new = {name_key(shown_name(name)): name for name in added if LITERAL_SLASH in name}
    new |= {
        name_key(name.replace(DIGIKAM_SLASH, LITERAL_SLASH)): name
        for name in added
        if DIGIKAM_SLASH in name
    }
    return {name: new[name_key(name)] for name in removed if name_key(name) in new}


def keyword_changes(before: Sequence[str], now: Sequence[str]) -> tuple[list[str], list[str]]:
    """(keywords new in the file, keywords gone from it), compared as the library tells tags
    apart (ASCII case aside: 'äpfel' in place of 'Äpfel' is another tag)."""
    old = {name_key(k) for k in before}
    new = {name_key(k) for k in now}
    return [k for k in now if name_key(k) not in old], [k for k in before if name_key(k) not in new]


def _record(
    row: PhotoFileRow,
    meta: FileMetadata | None,
    keywords: Sequence[str],
    aside: Sequence[str] | None = None,
    regions: tuple[dict[str, object], ...] | None = None,
    regions_aside: tuple[tuple[str, str], ...] | None = None,
) -> FileRecord:
    side = meta.sidecar if meta is not None else None
    last = row.record
    return FileRecord(
        photo_id=row.photo_id,
        rating=meta.rating if meta else None,
        pick=meta.pick if meta else None,
        color=meta.color if meta else None,
        photo_size=row.size,
        photo_mtime=row.mtime,
        sidecar_path=storable(side.path) if side else None,
        sidecar_size=side.size if side else None,
        sidecar_mtime=side.mtime if side else None,
        sidecar_sha1=side.sha1 if side else None,
        keywords=tuple(keywords),
        read_at=None,
        sidecar_keywords=_sidecar_keywords(meta, last),
        set_aside=tuple(aside) if aside is not None else last.set_aside if last else (),
        regions=regions if regions is not None else last.regions if last else (),
        regions_in_sidecar=meta.regions_in_sidecar
        if meta is not None
        else last is not None and last.regions_in_sidecar,
        regions_set_aside=regions_aside
        if regions_aside is not None
        else last.regions_set_aside
        if last
        else (),
        title=meta.title if meta is not None else last.title if last else None,
        caption=meta.caption if meta is not None else last.caption if last else None,
    )


def _sidecar_keywords(meta: FileMetadata | None, last: FileRecord | None) -> tuple[str, ...] | None:
    """The sidecar's keywords to record: as read, or (the files unreadable) as read before."""
    if meta is None:
        return last.sidecar_keywords if last is not None else None
    return None if meta.sidecar_keywords is None else tuple(meta.sidecar_keywords)
