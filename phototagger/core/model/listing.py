"""The model versions of a library, for a table (VersionInfo) and for --json (describe)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from phototagger.core.library import Library
from phototagger.core.model.active import active_version, been_active
from phototagger.core.model.record import ModelVersion
from phototagger.core.tag_admin import tag_changes
from phototagger.core.tag_map import Change, column_map, remap_record
from phototagger.core.verdict_words import todays_words
from phototagger.ml import registry
from phototagger.ml.heads import DEFAULT_VERSION, load_default_head
from phototagger.store.tags import all_tags, name_key
from phototagger.tag_names import shown_in, shown_name


@dataclass(frozen=True)
class VersionInfo:
    version: str
    parent: str | None
    created_at: str | None
    active: bool
    tags: int
    metrics_summary: str
    learned: dict[str, Any] | None = None  # per tag: how it was learned (core/tag_learning.py)
    not_worse: bool | None = None  # its training's verdict against its parent; None: v1
    # Trained, then neither applied nor discarded: it never tagged the library.
    never_active: bool = False
    taught: tuple[str, ...] = ()  # the tags its own training learned (not its parent's)
    # Of the columns it was saved with, those a tag merge or delete since dropped: `tags` counts
    # the ones it still serves.
    dropped: int = 0
    # Why its weights cannot be used (ModelVersions.weights_problem: zero-length, cut short,
    # replaced by another file), or None: listed as any other, it was found only at its switch.
    damaged: str | None = None
    # Its record cannot be read (window_versions): its name and why (`damaged`) are all that
    # is known of it, no parent, date or tags.
    unread: bool = False
    # The tags another version learned from the user's answers and this one did not (a tag
    # taught since, or in another line of versions), that the library still has: made active,
    # it puts them on no photo (those the user said yes to keep them).
    unknown: tuple[str, ...] = ()


def list_versions(library: Library, out_of_100: bool = False) -> list[VersionInfo]:
    return version_listing(library, out_of_100)[0]


def version_listing(
    library: Library, out_of_100: bool = False
) -> tuple[list[VersionInfo], dict[str, str]]:
    """The versions (VersionInfo, in order), and the saved ones whose record cannot be read
    (damaged: left out of the list) with why, from one read of each record: a front says why
    rather than letting a version vanish without a word. `out_of_100`: an older summary's
    figures as scores out of 100, as the window shows them (verdict_words.todays_words)."""
    versions, unread, active = _listing(library, out_of_100)
    # Said as the version stands now: "Switch to another version (phototagger models use v1)
    # or train again" of a v2 left out of the list, with v1 active already.
    damaged = {
        version: damaged_words(version, reason, active, str(library.models.folder), listed=False)
        for version, reason in unread.items()
    }
    return versions, damaged


def window_versions(library: Library, out_of_100: bool = False) -> list[VersionInfo]:
    """The versions as Model ▸ Model Versions lists them: version_listing's, and in its place
    among them each saved one whose record cannot be read, a row flagged damaged with why
    (`unread`). The window dropped such a version without a word, while `models` said it was
    left out and what to do; a row of its own can be discarded there."""
    versions, unread, active = _listing(library, out_of_100)
    rows = versions + [
        VersionInfo(v, None, None, v == active, 0, "", damaged=why, unread=True)
        for v, why in unread.items()
    ]
    return sorted(rows, key=lambda info: registry.version_number(info.version))


def _listing(
    library: Library, out_of_100: bool
) -> tuple[list[VersionInfo], dict[str, str], str | None]:
    """version_listing's versions, the saved ones whose record cannot be read with why (its
    reason, as saved_records gives it), and the active version (None: its setting is not a
    version's name)."""
    try:
        active: str | None = active_version(library.db)
    except registry.DamagedModelError:
        active = None  # listed all the same, so that the user can pick a sound one
    # A damaged record is skipped, never fatal (the front says why).
    saved, unread = saved_records(library)
    # How each tag was learned, under the name it has now: a taught tag renamed since (or
    # merged into another) was still listed under its old name, a tag that no longer exists.
    changes = tag_changes(library.db)
    saved = [remap_record(r, changes) for r in saved]
    records = [registry.default_version(load_default_head()), *saved]
    # Active at some time: recorded by each switch; before that record, the parent of a version
    # (training starts from the active one).
    used = been_active(library.db) | {active or ""} | {r.parent for r in records if r.parent}
    # Taught to some version and still a tag of the library (one deleted since is no one's).
    taught = {tag for r in saved for tag in r.learned} & {name for name, _ in all_tags(library.db)}
    versions = []
    for r in records:
        # The tags the version still suggests, under today's names: its saved columns less
        # those a tag merge or delete since dropped (tag_map.column_map, as loading it does).
        served = column_map(list(r.tags), changes, r)[0]
        versions.append(
            VersionInfo(
                r.version,
                r.parent,
                r.created_at,
                r.version == active,
                len(served),
                # An older version's "mean F1", "held out" in words.
                # A slash inside a keyword as it reads ('AC/DC'), in records saved before too.
                named_now(shown_name(todays_words(r.description, out_of_100)), r, changes),
                dict(r.learned),
                r.not_worse,
                r.parent is not None and r.version not in used,
                _taught(r, changes),
                len(r.tags) - len(served),
                library.models.weights_problem(r),
                unknown=_unknown(served, taught),
            )
        )
    return versions, unread, active


# Where a tag's name stands in a version's summary (core/validation.verdict,
# version_diff.base_rate_notes): 'learned a, b', '(a, b)' after the answers left out, 'and on
# a, b, which v4 has too' after a new tag's words (words48: the first stayed as it was learned),
# and 'a would be on 33 photos' at the start of a part.
_NAME_BEFORE = r"(?:(?<=learned )|(?<=, )|(?<=, and on )|(?<=\()|(?<=^)|(?<=; ))"
_NAME_AFTER = r"(?=, |\)|;|$| would be on )"
# The new tags said to have nothing to compare them with (core/validation._is_new): 'yet:
# monkeys is new, so v1 …', 'yet: a, b and c are new, so v1 …'.
_IS_NEW = r"(?<=yet: )[^;]+?(?= (?:is|are) new, so )"


def named_now(summary: str, record: ModelVersion, changes: Sequence[Change]) -> str:
    """`summary` (the record's sentence, its names as shown) with each tag of the version
    renamed since under its name now: `phototagger models` read "learned my kitchen things,
    snakes" after both were renamed 'kitchen gear' and 'animals/snakes', while Model ▸
    Versions' Summary column named them anew (polish30), and "monkeys is new, so v1 has
    nothing to compare it with" after 'monkeys' became 'primates' (verdict46). A tag merged
    away or deleted keeps the name the version learned it under."""
    names, columns = column_map(list(record.tags), changes, record)
    now = {shown_name(record.tags[c]): shown_name(n) for n, c in zip(names, columns, strict=True)}
    now = {old: new for old, new in now.items() if old != new}
    if not now:
        return summary
    # In one pass: tags that swapped names (by a third name) each take the other's.
    olds = "|".join(re.escape(old) for old in sorted(now, key=len, reverse=True))
    in_list = re.compile(f"(?:^|(?<=, )|(?<= and ))({olds})(?=, | and |$)")
    found = re.compile(f"(?P<new>{_IS_NEW})|{_NAME_BEFORE}({olds}){_NAME_AFTER}")

    def renamed(match: re.Match[str]) -> str:
        if match.group("new") is None:
            return now[match.group(2)]
        # 'a, b and c': each name of the list, in a pass of its own.
        return in_list.sub(lambda name: now[name.group(1)], match.group("new"))

    return found.sub(renamed, summary)


def _unknown(served: Sequence[str], taught: set[str]) -> tuple[str, ...]:
    """Of the `taught` tags, those the version has no column for (`served`: its tags under
    today's names): a built-in tag the user corrected is one v1 knows, not one it never
    learned."""
    return tuple(sorted(taught - set(served), key=str.casefold))


def _taught(record: ModelVersion, changes: Sequence[Change]) -> tuple[str, ...]:
    """The tags a version's training learned, new ones first, under today's names (`record`
    as remap_record leaves it: a tag renamed since under its new name, one merged or deleted
    left out)."""
    training = record.training
    new = training.get("new_tags") or []
    run = training.get("learned") or {}
    # A tag with too few answers to correct is in the run too, kept as the parent had it
    # ("the default tagger as it was"): it learned nothing, and the summary must not say so.
    changed = [
        n for n, how in run.items() if not (isinstance(how, dict) and how.get("how") == "kept")
    ]
    names = list(dict.fromkeys(n for n in [*new, *changed] if isinstance(n, str)))
    # A tag merged into another since is left out, as its way of learning is (remap_record).
    kept = {name_key(n) for n in record.learned}
    now = column_map(names, changes, record)[0]
    return tuple(dict.fromkeys(n for n in now if name_key(n) in kept))


def active_columns(library: Library) -> frozenset[str]:
    """The tags the active version scores by a column of their own, under today's names
    (casefolded; none when it cannot be read): a tag merged into one of them leaves its
    suggestions behind (core/tag_admin.merge_tags)."""
    try:
        version = active_version(library.db)
    except (registry.DamagedModelError, ValueError):
        return frozenset()
    if version == DEFAULT_VERSION:
        names = column_map(load_default_head().tag_names, tag_changes(library.db), None)[0]
        return frozenset(n.casefold() for n in names)
    return scored_tags(library, version) or frozenset()


def scored_tags(library: Library, version: str) -> frozenset[str] | None:
    """The tags `version` scores, under today's names (casefolded), or None when its record
    cannot be read. A user's row scored by an older version carries this one's score if this
    one scores the tag too (a switch rescores only the tags it changes, core/model/
    changed_tags.py); if it does not, the score is the older version's own."""
    from phototagger.core.tag_admin import tag_changes
    from phototagger.core.tag_map import column_map

    try:
        record = library.models.record(version)
    except (registry.UnknownVersionError, registry.DamagedModelError, OSError, ValueError):
        return None
    names = column_map(list(record.tags), tag_changes(library.db), record)[0]
    return frozenset(n.casefold() for n in names)


def saved_records(library: Library) -> tuple[list[ModelVersion], dict[str, str]]:
    """The saved versions' records that can be read, in order, and the versions whose record
    cannot (damaged: unreadable or not a record), each with why ("its record is not valid
    JSON (…)")."""
    records: list[ModelVersion] = []
    damaged: dict[str, str] = {}
    for version in library.models.saved():
        try:
            records.append(library.models.record(version))
        except registry.DamagedModelError as exc:
            damaged[version] = " ".join(exc.reason.split())
        except (OSError, ValueError) as exc:
            damaged[version] = " ".join(str(exc).split())
    return records, damaged


def damaged_words(
    version: str, reason: str, active: str | None, folder: str, *, listed: bool = True
) -> str:
    """What `models` says of a damaged version (`reason`: why it cannot be used), and what to
    do, as it stands: the active one is to be replaced; another is never used, and can be
    put back or deleted (there is no command for it: Model ▸ Model Versions' Discard deletes
    a version it lists). `listed`: False for one whose record cannot be read, left out."""
    said = f"model version {version} cannot be used: {reason}."
    if version == active:
        return (
            f"{said} It is the active version: make another one active (phototagger models "
            f"use {DEFAULT_VERSION}, the version as installed)"
        )
    state = "never used and cannot be made active" if listed else "left out of this list"
    now = f"{active} is active" if active else "another version is active"
    return (
        f"{said} It is {state} ({now}): put its files back from a backup, or delete "
        f"{version}.json and {version}.npz in {folder} to be rid of it"
    )


def describe(info: VersionInfo) -> dict[str, Any]:
    return {
        "version": info.version,
        "parent": info.parent,
        "created_at": info.created_at,
        "active": info.active,
        "tags": info.tags,
        "tags_dropped_since": info.dropped,
        "never_active": info.never_active,  # trained, then neither applied nor discarded
        "summary": info.metrics_summary,
        "learned": shown_in(info.learned or {}),  # by tag, as each reads ('AC/DC')
        # Why its weights cannot be used, or null (zero-length, cut short, another file).
        "damaged": info.damaged,
    }
