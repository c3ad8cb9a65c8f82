"""Library commands: scan, tags, search, label, stats, problems, export."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING

from phototagger import text_out
from phototagger.commands.base import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PROBLEMS,
    CommandError,
    UsageError,
    command,
    json_text,
    name_column_lines,
    named_paths_exit,
    one_line,
    open_library_or_fail,
    print_json,
    tagger_loader,
    tell_left_copies,
)
from phototagger.core.names import os_path
from phototagger.core.states import PhotoStatus, TagSource, TagState
from phototagger.core.wording import WAITING, counted, listed

if TYPE_CHECKING:
    import sqlite_utils

    from phototagger.core.catalog import LibraryStats, TagCount, TagRecord
    from phototagger.core.library import Library
    from phototagger.core.scan import RemoteStep


@command("scan")
def _scan(args: argparse.Namespace) -> int:
    from phototagger.commands.models import said_put_back
    from phototagger.core.folders import holding_root, library_roots
    from phototagger.core.jobs import CancelToken
    from phototagger.core.runtime import people_step
    from phototagger.core.scan import AFTER_SCAN_CHECK, scan
    from phototagger.terminal import TerminalProgress, cancel_on_interrupt, format_duration

    token = CancelToken()
    progress = TerminalProgress(quiet=args.quiet or args.json)
    with open_library_or_fail() as library, cancel_on_interrupt(token):
        # 'phototagger scan' alone, to look at the library again after Lightroom moved photos
        # or a drive came back, said only "the following arguments are required: DIR": the
        # folders it holds are scanned again, as the app's Rescan does.
        folders = args.folders or library_roots(library.db)
        if not folders:
            raise UsageError(
                "give the folders of photos to scan (phototagger scan DIR): the library has none "
                "yet, so there is none to scan again"
            )
        if not args.folders and not (args.quiet or args.json):
            print(f"scanning the library's folders again: {', '.join(folders)}", file=sys.stderr)
        roots = library_roots(library.db)
        for folder in folders:
            if not os.path.exists(os.path.expanduser(folder)):
                print(
                    f"phototagger: {folder}: no such folder (recorded as a problem)",
                    file=sys.stderr,
                )
            # 'scan Pictures/Phone' after 'scan Pictures' said only "120 photos found: 0 new,
            # 0 changed, 120 unchanged", as if its photos had been missed; the app's Add Folder
            # says it (polish36).
            path = os.path.abspath(os.path.expanduser(folder))
            inside = holding_root(path, roots) if args.folders else None
            if inside is not None and not (args.quiet or args.json):
                where = "" if inside == path else f" (in {inside})"
                print(
                    f"phototagger: note: {folder} is already in the library{where}: scanned again",
                    file=sys.stderr,
                )
        # A switch killed midway (`models use` killed while re-tagging): the scan put its photos
        # back on the active version without a word, and nothing said it after (its marker
        # gone). Put back and said here, as `models` and `train` do, before a kill can come.
        said_put_back(library)
        try:
            summary = scan(
                library,
                folders,
                tagger_loader(library, args),
                progress=progress,
                cancel=token,
                batch_size=args.batch_size,
                remote=_ray_step(args),
                people=people_step(library, args.runtime, args.device),
            )
        finally:
            progress.finish()
    if args.json:
        print_json(summary.as_dict())
    else:
        print(
            f"{summary.found_in_words()}: {summary.new:,} new, "
            f"{summary.changed:,} changed, "
            f"{summary.unchanged:,} unchanged{summary.still_unreadable_in_words()}, "
            f"{summary.moved:,} moved, "
            f"{summary.missing:,} missing, {summary.returned:,} back again"
        )
        # A moved photo goes through the tagging pass ("tagging: 24/24") to be recognised:
        # "0 tagged" alone read as if the pass had done nothing.
        moved = f", {summary.moved:,} recognised as moved (tags kept)" if summary.moved else ""
        # The one-time check after a first scan on a model (a minute and more) said apart:
        # "379 tagged in 2:24" read as the tagging speed where 1:30 of it was the check.
        check = ""
        tagging_s = summary.elapsed_s
        if round(summary.runtime_check_s) >= 1:
            tagging_s -= summary.runtime_check_s
            check = f"; {AFTER_SCAN_CHECK} took {format_duration(summary.runtime_check_s)}"
        print(f"{summary.tagged:,} tagged{moved} in {format_duration(tagging_s)}{check}")
        if summary.file_tags_in_words():
            print(summary.file_tags_in_words())
        if summary.runtime and not args.quiet:  # lines of timings: not what --quiet asks
            print("\n".join(runtime_lines(summary.runtime_words or summary.runtime)))
            if summary.runtime_figures:  # the figures behind the words, for the curious
                print("\n".join(figures_lines(summary.runtime_figures)))
        if summary.cancelled:
            print(summary.stopped_in_words())
    tell_left_copies(summary.left_copies)
    tell_left_copies(summary.left_sidecars)  # a sidecar a moved photo left: what to do
    if summary.thumbnails_unwritten:  # tagged all the same: a note, once, no failure
        print(f"phototagger: note: {summary.thumbnails_unwritten}", file=sys.stderr)
    if summary.region_problems:  # read all the same: a note, no failure
        print(
            f"phototagger: note: {summary.region_problems_in_words()} (see: phototagger problems)",
            file=sys.stderr,
        )
    if summary.problems:
        # Stopped, it did not finish: exit 130 as README says of a Ctrl-C, whatever the
        # problems (it said "finished with 6 problems" and exited 1, a script's `$? = 130`
        # never seeing the stop).
        print(
            f"{'stopped' if summary.cancelled else 'finished'} with "
            f"{summary.problems_in_words()} (see: phototagger problems)",
            file=sys.stderr,
        )
        if not summary.cancelled:
            return EXIT_PROBLEMS
    return EXIT_INTERRUPTED if summary.cancelled else EXIT_OK


# Before the file that keeps the measurement's figures (versions, precisions, speeds, the runtimes
# turned down): the choice record, readable JSON, there without another scan.
MEASURED_FIGURES = "the measured figures are kept in "


def figures_lines(path: str, columns: int | None = None) -> list[str]:
    """Where the measured figures are kept, under the runtime lines: on one line where it fits
    the terminal (`columns`, else its width) as they do, else the path whole on a line of its
    own, to be copied (it ran to 116 columns, the terminal breaking it anywhere); written from
    `~` where even that is too wide and it is in the home folder (the shell reads it so)."""
    import shutil

    width = columns or shutil.get_terminal_size((100, 20)).columns
    one = f"  {MEASURED_FIGURES}{path}"
    if len(one) < width:
        return [one]
    home = os.path.expanduser("~").rstrip(os.sep)
    if len(path) + 2 >= width and home and path.startswith(home + os.sep):
        path = "~" + path[len(home) :]
    return [f"  {MEASURED_FIGURES.rstrip()}", f"  {path}"]


def runtime_lines(runtime: str, columns: int | None = None) -> list[str]:
    """The scan's runtime (engine.runtime: "OpenVINO 2026.4.1 f32 (checked on 40 photos: ...;
    auto: fastest that agrees at batch 32: ...)") as a reader takes it in: "the model ran on"
    the runtime alone on its line, then why and the measurement's figures indented below,
    wrapped to the terminal (`columns`, else its width). It was one line of 400 characters, the
    runtime lost among the figures. --json keeps the text as it is."""
    import shutil
    import textwrap

    cut = min(
        (at for at in (runtime.find(" ("), runtime.find(": "), runtime.find("; ")) if at > 0),
        default=len(runtime),
    )
    name, why = runtime[:cut], runtime[cut:].lstrip(" :;")
    if why.startswith("(") and _closing_paren(why) == len(why) - 1:
        why = why[1:-1]  # "TensorFlow (why)": the parentheses held the whole of it
    lines = [f"the model ran on {name}"]
    if why:
        width = max(40, (columns or shutil.get_terminal_size((100, 20)).columns) - 1)
        # A figure stays with its unit: "107.9" at a line's end and "img/s" on the next read badly.
        kept = why.replace(" img/s", "\0img/s")
        for said in kept.split("\n"):  # a line of its own in the words: wrapped on its own
            wrapped = textwrap.wrap(
                said, width, initial_indent="  ", subsequent_indent="  ", break_on_hyphens=False
            )
            lines += [line.replace("\0", " ") for line in wrapped]
    return lines


def _closing_paren(text: str) -> int:
    """Where the parenthesis `text` opens with closes (-1: it does not)."""
    depth = 0
    for at, ch in enumerate(text):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0:
            return at
    return -1


def _ray_step(args: argparse.Namespace) -> RemoteStep | None:
    if not getattr(args, "ray", None):
        return None
    from phototagger.core.cluster import RayOptions, ray_step

    return ray_step(
        args.ray,
        RayOptions(
            workers=max(1, args.ray_workers),
            runtime=args.runtime or "auto",
            device=args.device or "auto",
        ),
    )


@command("tags")
def _tags(args: argparse.Namespace) -> int:
    from phototagger.core.catalog import (
        FROM_REGION,
        GIVEN_STATES,
        face_regions,
        photo_at,
        problem_of,
        tag_order,
        tag_record,
    )
    from phototagger.core.face_marks import (
        boxless_as_dict,
        boxless_names,
        boxless_words,
        face_marks,
        faces_heading,
        mark_words,
    )
    from phototagger.core.file_guard import GONE_WORDS
    from phototagger.core.people import faces_looked_for
    from phototagger.core.photos_view import tags_of_photo

    with open_library_or_fail() as library:
        photo = photo_at(library.db, args.path)
        # In the details panel's order (catalog.tag_order, as the grid's caption): the user's own
        # tags first, by name, then the model's by confidence, a decided one in its place. It
        # was the store's, any decision first (preview41 ordered the app's, not this).
        tags = sorted(
            tags_of_photo(library.db, photo.id),
            key=lambda t: tag_order(t.state, t.confidence, t.name),
        )
        why = problem_of(library.db, photo.path) if photo.status == PhotoStatus.PROBLEM else None
        regions, from_regions = face_regions(library.db, [photo.id]).get(
            photo.id, ([], frozenset())
        )
        # The faces the viewer's B draws: the detector's and those the file names, one each.
        marks = face_marks(library.db, photo.id)
        boxless = boxless_names(library.db, photo.id, marks)  # named, nowhere to draw
        looked_for = faces_looked_for(library.db, photo.id)
    if args.json:
        print_json(
            {
                "path": photo.path,
                "status": photo.status,
                # "confidence" is the model's score, also of a tag the user gave (added, or
                # in the file's keywords), which "user_given" marks: no suggestion of 0.00.
                "tags": [tag_record(t) for t in tags],
                "face_regions": regions,
                # A name with no box too (box null): a script reading `faces` meets every one.
                "faces": [mark.as_dict() for mark in marks]
                + [boxless_as_dict(*named) for named in boxless],
            }
        )
        return EXIT_OK
    # The state in words: "[problem]", "[pending]" were the database's.
    state = {
        PhotoStatus.TAGGED: "",
        PhotoStatus.PENDING: f"{WAITING} (phototagger scan tags it)",
        PhotoStatus.MISSING: f"missing: the file is {GONE_WORDS}; its tags are kept",
    }.get(photo.status, f"cannot be read: {one_line(why)}" if why else "cannot be read")
    print(one_line(photo.path) + (f"  [{state}]" if state else ""))
    if not tags:
        print("  (no tags)")
    records = [tag_record(tag) for tag in tags]
    # A tag only a face region of the file gave (a name digiKam or Lightroom put on a face).
    states = [
        FROM_REGION if tag.state == TagState.FILE and tag.name in from_regions else record["state"]
        for tag, record in zip(tags, records, strict=True)
    ]
    # A tag the user gave has no figure: the model's score of it is no suggestion ("beach 0.00
    # user from file" read as a 0 % tag); it is said after its state, as the details panel
    # says it on its source line ("from file · model 0.00").
    rests = [
        f"  -    {tag.source:<5}  {state}"
        + ("" if tag.confidence is None else f" · model {tag.confidence:.2f}")
        if tag.state in GIVEN_STATES or tag.confidence is None
        else f"{tag.confidence:5.2f}  {tag.source:<5}  {state}"
        for tag, state in zip(tags, states, strict=True)
    ]
    for line in name_column_lines([str(record["name"]) for record in records], rests):
        print(line)
    if marks or boxless:
        print("  " + faces_heading(marks, looked_for, len(boxless)))
        words = [mark_words(mark, looked_for) for mark in marks]
        words += [boxless_words(name, where) for name, where, _ in boxless]
        for line in name_column_lines([w[0] for w in words], [w[1] for w in words], "    "):
            print(line)
    return EXIT_OK


@command("search")
def _search(args: argparse.Namespace) -> int:
    from phototagger.core.catalog import (
        file_marks,
        named_among,
        photo_counts,
        photos_marked,
        search_photos,
    )
    from phototagger.core.photos_view import tag_names, untagged_photos
    from phototagger.core.queries import names_found
    from phototagger.core.retrain import model_tag_names
    from phototagger.core.tag_admin import (
        ending_with,
        lookalikes,
        name_key,
        shown_name,
        unknown_tags,
    )

    marks = {"rating": args.rating, "label": _label_asked(args.label), "pick": args.pick}
    marked = marks != dict.fromkeys(marks)
    name_parts = [n for n in args.names if n.strip()]
    if not args.tags and not args.untagged and not args.exclude and not marked and not name_parts:
        raise UsageError(
            "give at least one TAG, --not TAG, --untagged, --name, --rating, --label or --pick"
        )
    if args.untagged and args.tags:  # an untagged photo has none of them: the TAGs would be lost
        raise UsageError(
            f"--untagged finds photos with no tag at all: it cannot be combined with a TAG "
            f"({', '.join(args.tags)})"
        )
    with open_library_or_fail() as library:
        # 'search Anna' found nothing where digiKam's or Lightroom's Anna is the tag 'People
        # (keywords)/Anna': a name that is no tag but the last level of one tag means that tag.
        args.tags, args.exclude, leaves = _leaves_meant(library.db, args.tags, args.exclude)
        for name, tag in leaves.items():
            print(f"phototagger: note: {name}: {shown_name(tag)}", file=sys.stderr)
        # A typo ('search dgo') found nothing and said only '0 photos'.
        # A level of the tag tree ('animals' of 'animals/dog') is no typo: it finds their photos.
        unknown = unknown_tags(library.db, [*args.tags, *(args.exclude or [])], groups=True)
        # 'search "-dog | cat"' looked for a tag of that name: the app's search box way.
        hints = [hint for name in args.tags if name in unknown and (hint := _box_hint(name))]
        if hints:
            raise CommandError(hints[0])
        counts = photo_counts(library.db) if unknown else {}
        model_tags = model_tag_names(library) if unknown else []
        # 'search monky' said only "there is no tag called 'monky'", where review and scores
        # ask "did you mean 'monkey'?".
        # 'search Greece' said only "there is no tag called 'Greece'" where Lightroom's
        # Places|Greece|Crete is in the library: a level below the top is named too.
        names = tag_names(library.db) if unknown else []
        meant = {
            name: list(
                dict.fromkeys(
                    [
                        *lookalikes(library.db, name, near_misses=True)[:1],
                        *(shown_name(m) for m in ending_with(name, names)),
                    ]
                )
            )
            for name in unknown
        }
        # 'search primate' where "monkeys" was learned like WordNet 'primate' (walk52): the tags
        # that take in what the word names (core/word_tags.py).
        taking: dict[str, str] = {}
        if unknown:
            from phototagger.core.word_tags import tags_taking_in

            held = {name_key(n) for n in names}
            taking = {
                name: group.words("'{}'")
                for name in unknown
                if not meant[name]
                and (group := tags_taking_in(library, name, lambda t: name_key(t) in held))
            }
        # 'search VID' for the clips VID_0001.mp4: --name finds them, as the app's search box.
        in_file_names = names_found(library.db, unknown) if unknown else set()
        if marks["label"] is not None:
            _check_label(library.db, marks["label"])
        if args.untagged:
            found = untagged_photos(library.db)
            if marked:
                having = set(photos_marked(library.db, **marks))
                found = [p for p in found if p.id in having]
            if name_parts:
                named = set(named_among(library.db, [p.id for p in found], name_parts))
                found = [p for p in found if p.id in named]
        elif args.any:
            found = search_photos(
                library.db, any_of=args.tags, none_of=args.exclude, names=name_parts, **marks
            )
        else:
            found = search_photos(
                library.db, all_of=args.tags, none_of=args.exclude, names=name_parts, **marks
            )
        # Only --json says the marks, and only of the photos found.
        facts = file_marks(library.db, [p.id for p in found]) if args.json else {}
    found.sort(key=lambda p: p.path)
    for note in _unknown_tag_notes(unknown, counts, model_tags, meant, taking, in_file_names):
        print(f"phototagger: note: {note}", file=sys.stderr)
    if args.json:
        print_json([{"path": p.path, "taken_at": p.taken_at, **facts[p.id]} for p in found])
    else:
        for photo in found:
            print(one_line(photo.path))
        print(counted(len(found), "photo"), file=sys.stderr)
    return EXIT_OK


def _label_asked(label: str | None) -> str | None:
    """`search --label`'s colour as the files' labels are kept ('Red' is 'red')."""
    if label is None:
        return None
    from phototagger.core.catalog import label_key

    if not label.strip():
        raise UsageError("--label takes a colour: red, yellow, green, blue, purple, ...")
    return label_key(label)


def _check_label(db: sqlite_utils.Database, label: str) -> None:
    """Refuse a label that is no colour digiKam or Lightroom gives and no photo's files have
    ('rde'): it would find nothing and say only '0 photos'."""
    from phototagger.core.catalog import label_key, labels_in_files
    from phototagger.core.queries import LABEL_ORDER

    held = labels_in_files(db)
    if label_key(label) in {label_key(name) for name in [*LABEL_ORDER, *held]}:
        return
    have = f"; your photos' files have: {', '.join(held)}" if held else ""
    raise UsageError(f"{label!r} is no colour label: give one of {', '.join(LABEL_ORDER)}{have}")


def _leaves_meant(
    db: sqlite_utils.Database, tags: list[str], exclude: list[str] | None
) -> tuple[list[str], list[str] | None, dict[str, str]]:
    """`tags` and `exclude` with each name that is no tag (nor level) but the last level of
    exactly one ('Anna' of 'People (keywords)/Anna') replaced by it, and what each became."""
    from phototagger.core.photos_view import tag_names
    from phototagger.core.tag_admin import leaf_meant, unknown_tags

    unknown = unknown_tags(db, [*tags, *(exclude or [])], groups=True)
    names = tag_names(db) if unknown else []
    leaves = {n: tag for n in unknown if (tag := leaf_meant(n, names))}
    if not leaves:
        return tags, exclude, {}
    return (
        [leaves.get(n, n) for n in tags],
        None if exclude is None else [leaves.get(n, n) for n in exclude],
        leaves,
    )


def _box_hint(name: str) -> str | None:
    """How to search for a TAG written as the app's search box reads it ('cat | dog', 'cat,
    -bird', '!bird'), which no tag is called; None for a name that is not written so."""
    import shlex

    from phototagger.core.queries import parse_search, search_problem

    text = name.strip()
    if not ("|" in text or "," in text or text[:1] in ("-", "!")):
        return None
    if search_problem(text) is not None:
        return (
            f"no tag is called {text!r}, and a tag left out inside '|' (any of), as the app's "
            "search box would read it, cannot be searched: --any TAG... finds the photos having "
            "any of the tags, and --not TAG leaves those having TAG out (search --any cat bird "
            "--not dog)"
        )
    wanted = parse_search(text)
    words = ["phototagger", "search"]
    if wanted.any_of:
        words += ["--any", *wanted.any_of]
    else:
        words += [*wanted.all_of, *(word for n in wanted.none_of for word in ("--not", n))]
    if len(words) == 2:
        return None
    return (
        f"no tag is called {text!r}; written as the app's search box reads it, on the command "
        f"line it is: {shlex.join(words)}"
    )


def _unknown_tag_notes(
    unknown: list[str],
    counts: dict[str, int],
    model_tags: Sequence[str] = (),
    meant: dict[str, list[str]] | None = None,
    taking: dict[str, str] | None = None,
    in_file_names: Collection[str] = (),
) -> list[str]:
    """What to say of names that are no tag. Tags come with a scan: in a library never
    scanned, 'no tag called 'animal'' read as if the model did not know animals. `meant`: the
    tags each name looks like (a slip of the keys: 'monky'), asked about; `taking`: the words
    naming the tags that take in what a name means (core/word_tags.py); `in_file_names`: the
    names some photo's file name contains ('VID'), where --name finds them."""
    if not unknown:
        return []
    if not any(counts.values()):
        return [
            "the library has no photos yet, so no tags: add a folder with 'phototagger scan DIR'"
        ]
    waiting = counts.get(PhotoStatus.PENDING, 0)
    if not counts.get(PhotoStatus.TAGGED) and waiting:
        return [
            f"no photo is tagged yet ({waiting:,} waiting to be): 'phototagger scan DIR' on "
            "their folder tags them"
        ]
    from phototagger.core.tag_admin import name_key

    # The model's tags as the library tells them apart: 'äpfel' is not the model's 'Äpfel'.
    looked_for = {name_key(n) for n in model_tags}
    meant = meant or {}
    taking = taking or {}
    return [
        f"no photo has {name.strip()!r}: the model looks for it and found it on none of them"
        if name_key(name.strip()) in looked_for
        else f"there is no tag called {name.strip()!r}"
        + (
            f": did you mean {' or '.join(repr(m) for m in meant[name][:3])}?"
            if meant.get(name)
            else f": {taking[name]}"
            if name in taking
            else f"; file names contain it: --name {shlex.quote(name.strip())} finds them"
            if name in in_file_names
            else ""
        )
        for name in unknown
    ]


@command("label")
def _label(args: argparse.Namespace) -> int:
    from phototagger.core.labels import active_model_suggests, label_paths
    from phototagger.core.near_meaning import new_tag_notes

    if not (args.add or args.reject or args.remove):
        raise UsageError("nothing to do: give --add, --reject or --remove")
    with open_library_or_fail() as library:
        # Asked before labelling: afterwards the new tag exists and looks like itself. A tag
        # added or rejected that means nearly what one of the library means ('kitchen things'
        # beside 'kitchen') is said too, once: it sat beside it unnoticed. A new name rejected
        # is a tag invented as much as one added ('monkeys': "not a monkeys").
        notes = new_tag_notes(library.db, [*(args.add or []), *(args.reject or [])])
        outcome = label_paths(
            library.db,
            args.paths,
            add=args.add,
            reject=args.reject,
            remove=args.remove,
            suggests=active_model_suggests(library),
        )
    for note in notes if outcome.labelled else []:  # no photo labelled: no new tag either
        print(f"phototagger: note: {note}", file=sys.stderr)
    for path in outcome.unreadable:
        print(f"phototagger: note: {one_line(path)}: {UNREADABLE_LABELLED}", file=sys.stderr)
    if args.json:
        print_json(
            {
                "labelled": outcome.labelled,
                "errors": outcome.errors,
                "unchanged": outcome.unchanged,
                "unreadable": outcome.unreadable,
                # Of the tags given to --remove, the photos each was taken off, and those where
                # your "no" to it was taken back: the text says the two apart, and a script
                # could not. {} where none, so every label command gives the same fields.
                "removed": _by_tag(outcome.taken_off),
                "took_back": _by_tag(outcome.taken_back),
            }
        )
    elif outcome.labelled or not outcome.errors:  # nothing labelled: the errors say why
        rejected = None if args.add or args.remove else args.reject
        removed = None if args.add or args.reject else args.remove
        if removed:  # a name that is no tag took nothing off: its error says so
            removed = [n for n in removed if n not in outcome.not_tags]
        print(
            _taken_back_in_words(outcome.taken_off, outcome.taken_back, len(outcome.unchanged))
            if removed and outcome.taken_back
            else _labelled_in_words(
                len(outcome.labelled), len(outcome.unchanged), rejected, removed
            )
        )
    for error in outcome.errors:
        print(f"phototagger: {error}", file=sys.stderr)
    return named_paths_exit(len(outcome.labelled), len(outcome.errors))


def _by_tag(taken: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """tag -> the paths it changed, each tag named as the text line names it (as given, less
    the spaces around it)."""
    by_tag: dict[str, list[str]] = {}
    for name, paths in taken.items():
        if paths:
            by_tag.setdefault(name.strip(), []).extend(paths)
    return {name: list(dict.fromkeys(paths)) for name, paths in by_tag.items()}


UNREADABLE_LABELLED = (
    "the scan could not read this file ('phototagger problems' says why); your label is kept "
    "with it, so it is now counted among your photos, as one that cannot be read. Once the file "
    "is fixed or copied again, the next scan reads it and the label stays"
)


def _labelled_in_words(
    labelled: int,
    unchanged: int,
    rejected: Sequence[str] | None = None,
    removed: Sequence[str] | None = None,
) -> str:
    """ "labelled 3 photos", and how many of them were already as asked: `label --remove dog`
    on a photo without dog said "labelled 1 photo" and changed nothing. `rejected`: the tags of
    a `label --reject` alone, whose "no" is said as what it is ("labelled 10 photos" read as if
    a tag had gone on them): "recorded 'no' for 'dog' on 10 photos". `removed`: those of a
    `label --remove` alone, said as the app's status line says it ("Removed 'dog' from 2
    photos"), where "labelled 2 photos" read as if a tag had gone on."""
    said_no, taken = (
        [repr(n) for n in dict.fromkeys(t.strip() for t in names or ())]
        for names in (rejected, removed)
    )
    done = (
        f"recorded 'no' for {listed(said_no)} on {counted(labelled, 'photo')}"
        if said_no
        else f"removed {listed(taken)} from {counted(labelled, 'photo')}"
        if taken
        else f"labelled {counted(labelled, 'photo')}"
    )
    if not unchanged:
        return done
    if unchanged == labelled:
        already = "the photo was" if labelled == 1 else f"all {labelled:,} photos were"
        return f"nothing changed: {already} already as you said"
    was = "was" if unchanged == 1 else "were"
    return f"{done}; {unchanged:,} of them {was} already as you said (nothing changed there)"


def _taken_back_in_words(
    taken_off: Mapping[str, Sequence[str]], taken_back: Mapping[str, Sequence[str]], unchanged: int
) -> str:
    """`label --remove` alone where the user's "no" to a tag was taken back on some photos: said
    as what it did ("removed 'zoo' from 1 photo" read as if a tag had gone), beside the tags it
    took off, each with the photos it changed: "removed 'pets' from 2 photos; took back your
    'no' to 'zoo' on 1 photo". As the app's status line says it."""

    def part(taken: Mapping[str, Sequence[str]]) -> tuple[str, str]:
        names = [repr(n) for n in dict.fromkeys(n.strip() for n, paths in taken.items() if paths)]
        photos = {path for paths in taken.values() for path in paths}
        return listed(names), counted(len(photos), "photo")

    parts = []
    if any(taken_off.values()):
        names, photos = part(taken_off)
        parts.append(f"removed {names} from {photos}")
    names, photos = part(taken_back)
    parts.append(f"took back your 'no' to {names} on {photos}")
    if unchanged:
        was = "was" if unchanged == 1 else "were"
        other = counted(unchanged, "other photo")
        parts.append(f"{other} {was} already as you said (nothing changed there)")
    return "; ".join(parts)


@command("stats")
def _stats(args: argparse.Namespace) -> int:
    from phototagger.core.catalog import library_stats
    from phototagger.core.media import format_counts

    with open_library_or_fail() as library:
        stats = library_stats(library.db)
        where = str(library.database_path)
    if args.json:
        print_json({**stats.as_dict(), "library": where})
        return EXIT_OK
    print(f"library: {where}")
    print(_photos_line(stats))
    if stats.photos:  # "formats: none yet" under "photos: 0" said nothing new
        print(format_counts(stats.by_format))
    print(f"folders: {', '.join(map(one_line, stats.folders)) or 'none yet'}")
    for line in _decisions_lines(stats):
        print(line)
    print(_problems_line(stats))
    if stats.tags:
        print("tags, and how many photos have each:")
    for line in _tag_count_lines(stats.tags):
        print(line)
    return EXIT_OK


def _tag_count_lines(tags: Sequence[TagCount]) -> list[str]:
    """'  cat      12' lines: the counts right-aligned in one column, after the widest name that
    fits under NAME_COLUMN_CAP ('  name' above its count for a name longer than that)."""
    counts = [f"{tag.photos:,}" for tag in tags]
    digits = max(map(len, counts), default=0)
    return name_column_lines([tag.name for tag in tags], [f"{c:>{digits}}" for c in counts])


def _decisions_lines(stats: LibraryStats) -> list[str]:
    """The user's decisions made here, and apart from them the keywords the scans read from the
    photos' files: "your decisions: 31 keywords from your files" called a scan's reading the
    user's doing, in a library where they had decided nothing. Those on photos out of the
    library are said apart, as `train` says them."""
    from phototagger.core.new_tag_wait import out_of_library_words

    made = stats.corrections
    lines = [
        "your decisions: "
        # "44 tags you added, accepted or rejected" read as 44 different tags: it counts the
        # answers, one per photo and tag.
        + (
            f"{counted(made, 'answer')} (tags you added, accepted or rejected on photos)"
            if made
            else "none yet"
        )
    ]
    if stats.file_keywords:
        # "476 tags" (a keyword on 3 photos counted 3 times) read as 476 different tags.
        lines.append(
            f"from your files' keywords: {counted(stats.file_keyword_tags, 'tag')} on "
            f"{counted(stats.file_keyword_photos, 'photo')}, read by the scan"
        )
    if stats.face_names:
        # A name digiKam or Lightroom put on a face is no keyword of the file (`tags`: "from file
        # (face region)"); it was counted among them.
        who = [
            counted(n, word, plural)
            for n, word, plural in (
                (stats.face_name_people, "person", "people"),
                (stats.face_name_pets, "pet", None),
            )
            if n
        ]
        lines.append(
            f"names on faces from your files: {' and '.join(who)} on "
            f"{counted(stats.face_name_photos, 'photo')}"
        )
    if out := out_of_library_words(stats.out_of_library, stats.keywords_out_of_library):
        lines.append(f"not counted: {out}")  # `train`'s words for them
    return lines


# The states of the photos `stats` counts, in its words (missing ones are said apart).
_STATUS_WORDS = {
    PhotoStatus.TAGGED: "tagged",
    "untagged": "untagged",  # of the photos the model has tagged, those left with no tag
    PhotoStatus.PENDING: WAITING,
    PhotoStatus.PROBLEM: "cannot be read now",
}


def _photos_line(stats: LibraryStats) -> str:
    """ "photos: 257 (240 tagged, 10 untagged, 7 waiting to be tagged); 3 more missing": the
    states add up to the count, zeros left out (untagged: the app's word for the photos the model
    found no tag on, apart from the tagged ones, which said "250 tagged" of them); missing photos
    (files gone, tags kept) are no part of it, nor are those the user moved to the trash or took
    out of the library with their folder."""
    counts = {
        **stats.by_status,
        PhotoStatus.TAGGED: stats.tagged_with_tags,
        "untagged": stats.untagged,
    }
    parts = [f"{n:,} {word}" for status, word in _STATUS_WORDS.items() if (n := counts[status])]
    # A file found and not read yet may be no photo (a text file named .jpg): said apart, not
    # counted, as the app's sidebar counts, so the count does not fall when the scan reads it.
    files = counted(stats.found, "more file" if stats.photos else "file")
    found = (
        f"; {files} found, {WAITING} (phototagger scan tags {'it' if stats.found == 1 else 'them'})"
        if stats.found
        else ""
    )
    if not stats.photos and not stats.by_status.get(PhotoStatus.MISSING):
        if found:
            return f"photos: none read yet{found}"
        return "photos: none yet (to add some: phototagger scan DIR)"
    line = f"photos: {stats.photos:,}" + (f" ({', '.join(parts)})" if parts else "") + found
    # A copy the user trashed from phototagger is no file gone (an unplugged drive, a deleted
    # folder), nor is a photo of a folder they removed from the library (its files on disk):
    # each said apart, with what brings it back, in the app's words (Remove Folder: "your tags
    # come back if you add it again").
    missing = (
        stats.by_status.get(PhotoStatus.MISSING, 0)
        - stats.trashed
        - stats.removed
        - stats.removed_unread
    )
    if missing:
        line += f"; {missing:,} more missing (files gone, their tags kept)"
    if stats.trashed == 1:
        line += "; 1 you moved to the trash (its tags kept, should you restore it)"
    elif stats.trashed:
        line += (
            f"; {stats.trashed:,} you moved to the trash (their tags kept, should you restore them)"
        )
    if stats.removed == 1:
        line += (
            "; 1 taken out of the library with its folder (its tags kept, should you add it again)"
        )
    elif stats.removed:
        line += (
            f"; {stats.removed:,} taken out of the library with their folder (their tags kept, "
            "should you add it again)"
        )
    return line


def _problems_line(stats: LibraryStats) -> str:
    """What `phototagger problems` lists, told apart: the photos with a problem (keywords not
    read or written, damaged since read), the files in the folders that could not be read (no
    photos, or too damaged to tag: Problems' "could not be read ... not among your photos"), the
    folders that could not be opened (or are gone) and the copies a keyword write left behind,
    as the app's Problems lists them."""
    parts = []
    if stats.problem_photos:
        parts.append(counted(stats.problem_photos, "of your photos", "of your photos"))
    if stats.other_files:
        parts.append(
            counted(
                stats.other_files, "file that could not be read", "files that could not be read"
            )
        )
    if stats.unopened_folders:
        parts.append(
            counted(
                stats.unopened_folders,
                "folder that could not be opened",
                "folders that could not be opened",
            )
        )
    if stats.left_copies:  # Problems' words: "1 copy left behind by a keyword write could not..."
        parts.append(
            counted(stats.left_copies, "copy", "copies")
            + " left behind by a keyword write that could not be removed"
        )
    if stats.left_sidecars:  # Problems' words: "1 XMP sidecar left behind by a photo moved ..."
        parts.append(
            counted(stats.left_sidecars, "XMP sidecar")
            + " left behind by "
            + ("a photo" if stats.left_sidecars == 1 else "photos")
            + " moved or renamed"
        )
    if not parts:
        return "problems: none"
    listed = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
    return f"problems: {listed} (see: phototagger problems)"


@command("problems")
def _problems(args: argparse.Namespace) -> int:
    from phototagger.core.catalog import problems
    from phototagger.core.problem_files import NONE_LISTED, sections

    if args.paths and not (args.retry or args.forget):
        raise UsageError(
            "PATH is for --retry or --forget ('phototagger problems' alone lists every file)"
        )
    if args.forget and not args.paths:
        raise UsageError("give the files to forget: phototagger problems --forget PATH...")
    if args.retry:
        return _retry(args)
    if args.forget:
        return _forget(args)
    # Under the headings File ▸ Problems shows ("3 photos could not be written: read-only
    # (...)"), not the codes recorded; each file's message keeps the command line's words.
    with open_library_or_fail() as library:
        found = problems(library.db)
        grouped = sections(library.db, found)
    if args.json:
        section = {p.path: heading for heading, rows in grouped for p in rows}
        print_json(
            [
                {
                    "path": p.path,
                    "code": p.code,
                    "message": p.message,
                    "first_seen": p.first_seen,
                    "last_seen": p.last_seen,
                    "count": p.count,
                    "section": section[p.path],
                }
                for p in found
            ]
        )
    else:
        for at, (heading, rows) in enumerate(grouped):
            print(("\n" if at else "") + f"{one_line(heading)}:")
            for p in rows:
                print(f"  {one_line(p.path)}\n    {one_line(p.message)}")
        # A file put right (a good copy in its place, its permissions mended) that a scan
        # would pass by as unchanged: the way to have it read again, said where it is listed.
        them = "it" if len(found) == 1 else "them"
        again = f" (once put right, {_RETRY} reads {them} again)"
        said = counted(len(found), "problem") + again if found else NONE_LISTED
        print(said, file=sys.stderr)
    return EXIT_OK


_RETRY = "'phototagger problems --retry'"


def _chosen(library: Library, paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """The listed files `paths` name (every one, none given), in the order `problems` lists
    them: a listed file, or a folder's listed files below it; and the paths naming none."""
    from phototagger.core.catalog import problems, stored_forms
    from phototagger.core.problem_files import sections

    listed = [p.path for _, rows in sections(library.db, problems(library.db)) for p in rows]
    if not paths:
        return listed, []
    chosen: dict[str, None] = {}
    unknown = []
    for path in paths:
        found: list[str] = []
        # As typed, then through links (a /home that links to /var/home), as `tags` finds it.
        for stored in stored_forms(path):
            below = stored.rstrip(os.sep) + os.sep
            found = [p for p in listed if p == stored or p.startswith(below)]
            if found:
                break
        if not found:
            unknown.append(path)
        chosen.update((p, None) for p in found)
    return list(chosen), unknown


def _not_listed(unknown: Sequence[str]) -> None:
    for path in unknown:
        print(
            f"phototagger: {path}: not among the problems ('phototagger problems' lists them)",
            file=sys.stderr,
        )


def _retry(args: argparse.Namespace) -> int:
    """File ▸ Problems ▸ Try Again on the command line (core/try_again.py): the files read
    again, failed keyword writes written again; each file's outcome in the dialog's words."""
    from phototagger.commands.models import said_put_back
    from phototagger.core.jobs import CancelToken
    from phototagger.core.metadata.settings import load_settings
    from phototagger.core.try_again import try_again, unwritten
    from phototagger.terminal import TerminalProgress, cancel_on_interrupt

    token = CancelToken()
    progress = TerminalProgress(quiet=args.quiet or args.json)
    with open_library_or_fail() as library, cancel_on_interrupt(token):
        chosen, unknown = _chosen(library, args.paths)
        _not_listed(unknown)
        if not chosen:
            said = "" if unknown else "no problems are listed: nothing to try again"
            if args.json:
                print_json({"files": [], "fixed": 0, "left": 0, "stopped": False, "summary": said})
            elif said:
                print(said)
            return named_paths_exit(0, len(unknown))
        said_put_back(library)
        # A write failed before: written again as `metadata write` writes, with the settings.
        options = load_settings(library.db).options() if unwritten(library.db, chosen) else None
        try:
            result = try_again(
                library,
                chosen,
                tagger_loader(library, args),
                options,
                progress=progress,
                cancel=token,
            )
        finally:
            progress.finish()
    summary = result.summary(where="see: phototagger problems", name_up_to=0)
    if args.json:
        print_json(
            {
                "files": [
                    {
                        "path": t.path,
                        "outcome": t.outcome,
                        "why": t.why,
                        "said": t.words(t.path),
                        "fixed": t in result.fixed,
                    }
                    for t in result.files
                ],
                "fixed": len(result.fixed),
                "left": len(result.left),
                "stopped": result.cancelled,
                "summary": summary,
            }
        )
    else:
        # Those still wrong first, what the user must act on; whole paths, as `problems` lists
        # them (two cards' IMG_0001.jpg told apart).
        for tried in result.left + result.fixed:
            print(tried.words(one_line(tried.path)))
        print(summary)
    if result.cancelled:
        return EXIT_INTERRUPTED
    if result.left or unknown:
        return EXIT_PROBLEMS
    return EXIT_OK


def _forget(args: argparse.Namespace) -> int:
    """File ▸ Problems ▸ Forget on the command line (core/problem_files.py)."""
    from phototagger.core import problem_files

    with open_library_or_fail() as library:
        chosen, unknown = _chosen(library, args.paths)
        _not_listed(unknown)
        again = problem_files.listed_again(library.db, chosen)
        problem_files.forget(library.db, chosen)
    if args.json:
        print_json({"forgotten": chosen, "listed_again_by_next_scan": again})
    elif chosen:
        kept = len(chosen) - len(again)
        if kept:
            print(
                f"{counted(kept, 'file')} off the list: not read or listed again until "
                f"{'it changes' if kept == 1 else 'they change'}"
            )
        for path in again:
            # A file the library does not hold (a folder it could not open, a link that loops,
            # a copy left behind): the next scan that finds it lists it again.
            print(
                f"{one_line(path)} is off the list until the next scan of its folder lists it "
                "again: forget keeps out only files the library holds; delete it, or put it "
                "right, to be rid of it"
            )
    return named_paths_exit(len(chosen), len(unknown))


def _exported_tag(tag: TagRecord, whole: bool = False) -> str:
    """One tag in `export`'s text: 'dog' (yours: added, accepted, from your files), 'animal
    (suggested 0.93)' (the model's, with its confidence, as `tags` shows it), 'cat (rejected)'.
    The model's suggestions read as the user's own (polish34: 'Places/Greece/Crete' that v2
    guessed beside the keyword Lightroom wrote), though --help promised source and confidence.
    `whole`: the name as it is (a CSV cell holds any character), not one_line's."""
    name = os_path(tag["name"]) if whole else one_line(tag["name"])
    if tag["state"] == TagState.REJECTED:
        return f"{name} (rejected)"
    if tag["source"] == TagSource.MODEL and tag["confidence"] is not None:
        return f"{name} (suggested {tag['confidence']:.2f})"
    return name


@command("export")
def _export(args: argparse.Namespace) -> int:
    from phototagger.core.catalog import export_records

    # A FILE named .csv is opened by a spreadsheet as comma-separated: tab-separated lines in it
    # read as one column, "path<TAB>dog, animal (suggested 0.93)" split at the tags' commas.
    spreadsheet = not args.json and _is_csv(args.output)
    try:
        out = (
            open(
                args.output,
                "w",
                # Excel reads a UTF-8 file without its mark as the system's code page ('Ã¼' for
                # 'ü'); LibreOffice and Python's csv read the mark as one.
                encoding="utf-8-sig" if spreadsheet else "utf-8",
                errors=text_out.ERRORS,
                newline="" if spreadsheet else None,  # the csv module writes its own \r\n
            )
            if args.output
            else sys.stdout
        )
    except OSError as exc:  # a folder that does not exist, no permission: the user's to fix
        raise CommandError(f"cannot write {args.output}: {exc.strerror or exc}") from exc
    try:
        with open_library_or_fail() as library:
            count = 0
            if args.json:
                out.write("[")
                for count, photo in enumerate(export_records(library.db), start=1):
                    out.write(("\n  " if count == 1 else ",\n  ") + json_text(photo.record, None))
                # An empty library's list on one line, as print_json writes it: '[]'.
                out.write("\n]\n" if count else "]\n")
            elif spreadsheet:
                import csv

                rows = csv.writer(out)
                rows.writerow(["path", "tags"])
                for photo in export_records(library.db):
                    count += 1
                    # Quoted where it must be, a name is written whole: a comma, a quote or a
                    # line break in it stays in its cell.
                    tags = ", ".join(_exported_tag(t, whole=True) for t in photo.tags)
                    rows.writerow([_inert_cell(os_path(photo.path)), _inert_cell(tags)])
            else:
                for photo in export_records(library.db):
                    count += 1
                    tags = ", ".join(_exported_tag(t) for t in photo.tags)
                    out.write(f"{one_line(photo.path)}\t{tags}\n")
    finally:
        if out is not sys.stdout:
            out.close()
    print(f"exported {counted(count, 'photo')}", file=sys.stderr)
    return EXIT_OK


# A cell a spreadsheet would read as a formula: Excel and LibreOffice run "=HYPERLINK(...)"
# or "+cmd|..." typed into a cell, and a tag comes from the files' keywords, which anyone who
# made the file wrote (a stock photo's XMP). OWASP's CSV-injection rule.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert_cell(text: str) -> str:
    """`text` for a CSV cell that a spreadsheet shows as text: a leading "'" before a cell a
    spreadsheet would take for a formula ('=1+1' is shown as =1+1, not 2), else as it is."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _is_csv(output: str | None) -> bool:
    """Whether `export -o FILE` writes comma-separated values: FILE ends .csv (any case)."""
    return output is not None and os.path.splitext(output)[1].casefold() == ".csv"
