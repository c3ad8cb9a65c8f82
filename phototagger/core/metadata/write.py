"""Writing a photo's tags into its sidecar or the file itself, leaving the user's own keywords
as they were: nothing of theirs is removed or reordered; phototagger's additions go at the end,
and only values phototagger wrote earlier can be taken out again."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from phototagger.core.metadata.exiv import Fields, MetadataError, read_fields, write_fields
from phototagger.core.metadata.keywords import (
    ALWAYS_WRITTEN,
    FIELDS,
    IPTC_KEYWORDS,
    IPTC_MAX_BYTES,
    XMP_FIELDS,
    XP_KEYWORDS,
    KeywordField,
    field_value,
    split_path,
)
from phototagger.core.metadata.sidecars import (
    NAMING_FULL,
    find_sidecar,
    sidecar_for,
    sidecar_only,
)

TARGET_SIDECAR = "sidecar"
TARGET_EMBED = "embed"

Written = set[tuple[str, str]]  # (field key, value) phototagger put into one file


@dataclass(frozen=True)
class WriteOptions:
    target: str = TARGET_SIDECAR
    naming: str = NAMING_FULL
    include_suggestions: bool = False
    keep_times: bool = True


@dataclass
class FileWrite:
    """What writing one photo did."""

    target: Path
    sidecar: bool
    added: int = 0
    removed: int = 0
    written: Written = field(default_factory=set)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed)


def target_for(
    photo: Path, options: WriteOptions, companions: Sequence[str] = ()
) -> tuple[Path, bool]:
    """(file to write, whether it is a sidecar): a sidecar the photo (or, for a RAW+JPEG pair,
    its RAW: `companions`) already has is used as it is; RAW and HEIC/AVIF files always get a
    sidecar."""
    if options.target == TARGET_EMBED and not sidecar_only(photo):
        return photo, False
    return find_sidecar(photo, companions) or sidecar_for(photo, options.naming), True


def write_photo(
    photo: Path,
    wanted: Sequence[Sequence[str]],
    written_before: Written,
    options: WriteOptions,
    companions: Sequence[str] = (),
) -> FileWrite:
    """Make the photo's target file carry `wanted` (tags as levels), removing only values in
    `written_before` that are no longer wanted."""
    target, sidecar = target_for(photo, options, companions)
    if not photo.exists():
        raise MetadataError(f"{photo}: no such file")
    existing: Fields = read_fields(target, xmp_only=True) if target.exists() and sidecar else {}
    if not sidecar:
        existing = read_fields(photo)
    used = _fields_in_use(photo, existing, sidecar)
    changes, result = plan(existing, used, wanted, written_before)
    result.target, result.sidecar = target, sidecar
    if changes:
        write_fields(target, changes, sidecar=sidecar, keep_times=options.keep_times)
    return result


def _fields_in_use(photo: Path, existing: Fields, sidecar: bool) -> list[KeywordField]:
    present = set(existing)
    if sidecar:
        # A sidecar also follows the XMP fields the photo itself uses.
        try:
            present |= set(read_fields(photo, xmp_only=True))
        except MetadataError:
            pass
    allowed = XMP_FIELDS if sidecar else FIELDS
    return [f for f in allowed if f in ALWAYS_WRITTEN or f.key in present]


def plan(
    existing: Fields,
    fields: Iterable[KeywordField],
    wanted: Sequence[Sequence[str]],
    written_before: Written,
) -> tuple[dict[str, list[str] | str | None], FileWrite]:
    """The field changes that bring `existing` to carry `wanted`, and what was done."""
    result = FileWrite(Path(), False)
    changes: dict[str, list[str] | str | None] = {}
    # A tag goes into several fields (TagsList, hierarchicalSubject, dc:subject, ...): the counts
    # are of tags, not of field values ('20 keywords added' for 5 tags written).
    added_tags: set[tuple[str, ...]] = set()
    removed_leaves: set[str] = set()
    for f in fields:
        current = existing.get(f.key, [])
        want = _unique(field_value(f, levels) for levels in wanted if levels)
        if f is IPTC_KEYWORDS:
            want = [v for v in want if len(v.encode()) <= IPTC_MAX_BYTES]
        want_keys = {v.casefold() for v in want}
        stale = {v for key, v in written_before if key == f.key and v.casefold() not in want_keys}
        have = {v.casefold() for v in current}
        kept = [v for v in current if v not in stale]
        additions = [v for v in want if v.casefold() not in have]
        new = kept + additions
        added_values = {v.casefold() for v in additions}
        added_tags.update(
            tuple(levels) for levels in wanted if levels and _folded(f, levels) in added_values
        )
        removed_leaves.update(
            (split_path(v, f.separator) or (v,))[-1].casefold() for v in current if v in stale
        )
        ours = {
            (f.key, v) for v in want if v.casefold() not in have or (f.key, v) in written_before
        }
        result.written |= ours
        if new != current:
            changes[f.key] = _encode(f, new)
    result.added, result.removed = len(added_tags), len(removed_leaves)
    return changes, result


def _folded(f: KeywordField, levels: Sequence[str]) -> str:
    return field_value(f, levels).casefold()


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
        if v.casefold() not in seen:
            seen.add(v.casefold())
            out.append(v)
    return out
