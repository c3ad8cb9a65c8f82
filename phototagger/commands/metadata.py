"""`phototagger metadata read|write`: keywords, ratings and labels in the photo files."""

from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path

from phototagger.commands.base import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PROBLEMS,
    CommandError,
    NoAction,
    command,
    common,
    library_home,
    named_paths_exit,
    open_library_or_fail,
    print_json,
    tell_left_copies,
)
from phototagger.core.errors import LINK_LOOP, NOT_REGULAR
from phototagger.core.wording import counted
from phototagger.tag_names import shown_name


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "metadata",
        parents=[common()],
        help="keywords, ratings and colour labels in the photo files (XMP, IPTC: what other "
        "photo programs read) or in sidecars (.xmp files beside them)",
    )
    actions = p.add_subparsers(dest="metadata_command", metavar="ACTION")
    read = actions.add_parser(
        "read",
        parents=[common(action=True)],
        help="what a file and its sidecar say (keywords, rating, labels)",
    )
    read.add_argument("path", metavar="PATH", help="a photo file (in the library or not)")
    write = actions.add_parser(
        "write",
        parents=[common(action=True)],
        help="write your tags into XMP sidecars (or, with --embed, into the files)",
    )
    write.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="photos or folders of the library (default: every photo)",
    )
    where = write.add_mutually_exclusive_group()
    where.add_argument(
        "--sidecar",
        dest="target",
        action="store_const",
        const="sidecar",
        help="write XMP sidecars (the default)",
    )
    where.add_argument(
        "--embed",
        dest="target",
        action="store_const",
        const="embed",
        help="write into the files themselves (never RAW, HEIC/AVIF or clips)",
    )
    write.add_argument(
        "--naming",
        choices=("photo.ext.xmp", "photo.xmp"),
        help="sidecar name: photo.jpg.xmp (digiKam, darktable) or photo.xmp; with --embed, "
        "for the files that still get a sidecar (RAW, HEIC/AVIF, BMP, GIF, clips)",
    )
    write.add_argument(
        "--include-suggestions",
        action="store_true",
        help="also write the model's suggestions, under phototagger|auto|…",
    )
    write.add_argument(
        "--remove-rejected",
        action="store_true",
        help="also remove the keywords of tags you rejected that another program (digiKam, "
        "Lightroom, a stock site) wrote; without it only keywords phototagger wrote are removed",
    )
    write.add_argument(
        "--touch", action="store_true", help="let the written files get a new modification time"
    )
    write.add_argument("--quiet", action="store_true", help="no progress display")


@command("metadata")
def _metadata(args: argparse.Namespace) -> int:
    if args.metadata_command == "read":
        return _read(args)
    if args.metadata_command == "write":
        return _write(args)
    raise NoAction("say what to do: metadata read PATH or metadata write [PATH...]")


def _not_a_file(path: Path) -> str:
    """Why `path`, not a folder, is no file to read: 'no such file' was said of a pipe named
    .jpg and of a link that loops too, both there, both listed so by a scan's Problems."""
    if not os.path.lexists(path):
        return "no such file"
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return LINK_LOOP
        if not isinstance(exc, FileNotFoundError):
            return f"cannot be opened ({exc.strerror or exc})"
        return (
            f"this is a link to {os.readlink(path)}, which does not exist (was a drive unplugged?)"
        )
    return NOT_REGULAR


def _left_sidecar(photo: Path, companions: list[str]) -> Path | None:
    """The sidecar a photo of the library left behind when it was moved or renamed, which the
    library still reads for it (core/metadata/left_sidecars.py), or None: none beside it, the
    photo in no library (none made yet, or not in it)."""
    home = library_home()
    if not home.database.is_file():  # `metadata read` makes no library
        return None
    from phototagger.core.boundary import as_domain_error
    from phototagger.core.metadata.catalog import photo_ids_under
    from phototagger.core.metadata.left_sidecars import left_sidecar_of

    try:
        with open_library_or_fail() as library:
            ids, _ = photo_ids_under(library.db, [str(photo)])
            return left_sidecar_of(library.db, ids[0], photo, companions) if len(ids) == 1 else None
    except Exception as exc:
        # A library that cannot be opened (made by a newer phototagger, its folder read-only)
        # stops no reading of a file: `metadata read` read files without it before.
        if as_domain_error(exc, home) is None:
            raise
        return None


def _read(args: argparse.Namespace) -> int:
    from phototagger.core.metadata.read import read_metadata, read_sidecar
    from phototagger.core.metadata.regions import described
    from phototagger.core.metadata.sidecars import (
        find_sidecar,
        is_sidecar,
        photo_of_sidecar,
        raw_twins,
    )

    path = Path(args.path).expanduser()
    if path.is_dir():  # 'no such file' for a folder sent the user looking for a typo
        raise CommandError(f"{args.path} is a folder: name one photo in it")
    if not path.is_file():
        raise CommandError(f"{args.path}: {_not_a_file(path)}")
    path = path.resolve()
    left = None
    if not is_sidecar(path):
        # A RAW+JPEG pair's JPEG: its keywords may be in the RAW's sidecar, as the scan reads it.
        twins = raw_twins(path)
        # A photo moved away from its sidecar: "keywords: (none)" where the scan still read the
        # sidecar it left behind for it. Read as the library reads it, and said where from.
        left = _left_sidecar(path, twins)
        meta = read_metadata(path, left or find_sidecar(path, twins))
    # A sidecar named was read as a photo that was its own sidecar: it is read as its photo's.
    elif (photo := photo_of_sidecar(path)) is not None:
        meta = read_metadata(photo, path)
        note = f"{path.name} is the sidecar of {photo.name}: read with the photo"
        print(f"phototagger: note: {note}", file=sys.stderr)
    else:
        meta = read_sidecar(path)
        note = f"{path.name} is a sidecar, and no photo of it is next to it: read alone"
        print(f"phototagger: note: {note}", file=sys.stderr)
    # As the library shows them (`tags`, `search`, the app): the keyword AC/DC under Bands is
    # 'Bands/AC/DC', not the 'Bands/AC∕DC' (U+2215) it is held as, which no grep for 'AC/DC'
    # finds. The file's own spelling of each field is in --json's "fields".
    keywords = [shown_name(keyword) for keyword in meta.keywords]
    if args.json:
        print_json({**meta.as_dict(), "keywords": keywords, "sidecar_left_behind": bool(left)})
        return EXIT_OK
    print(meta.path)
    if left is not None:
        print(f"  sidecar: {_left_words(path, left)}")
    elif meta.sidecar:
        print(f"  sidecar: {meta.sidecar.path}")
    print("  keywords: " + (", ".join(keywords) or "(none)"))
    if meta.regions:
        print("  face regions: " + described(meta.regions))
    for problem in meta.region_problems:
        print(f"  note: {problem}")
    # A reject rated -1 is said once, as its pick ("rating: -1" above "pick: rejected" read as
    # stars); `search --json` and the details panel say it so.
    for label, value in (("rating", meta.stars), ("pick", meta.pick), ("colour", meta.color)):
        if value is not None:
            print(f"  {label}: {value}")
    return EXIT_OK


def _left_words(photo: Path, sidecar: Path) -> str:
    """Where the keywords of a photo moved away from its sidecar come from, and what to do."""
    from phototagger.core.metadata.left_sidecars import where_it_belongs

    return (
        f"{sidecar} (left behind when the photo was moved or renamed: phototagger still reads "
        "it for the photo, digiKam and darktable look beside the photo; move it to "
        f"{where_it_belongs(str(photo), str(sidecar))}, or delete it if you do not need it)"
    )


def _write(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from phototagger.core.jobs import CancelToken
    from phototagger.core.metadata.catalog import any_sidecar_only, photo_ids_under
    from phototagger.core.metadata.job import write_keywords
    from phototagger.core.metadata.settings import load_settings
    from phototagger.core.metadata.write import TARGET_EMBED
    from phototagger.core.walk import no_photos_or
    from phototagger.terminal import TerminalProgress, cancel_on_interrupt

    token = CancelToken()
    progress = TerminalProgress(quiet=args.quiet or args.json)
    with open_library_or_fail() as library, cancel_on_interrupt(token):
        options = load_settings(library.db).options()
        options = replace(
            options,
            target=args.target or options.target,
            naming=args.naming or options.naming,
            include_suggestions=args.include_suggestions,
            keep_times=not args.touch,
            remove_rejected=args.remove_rejected,
        )
        ids, unknown = photo_ids_under(library.db, args.paths)
        if (
            args.naming
            and options.target == TARGET_EMBED
            and ids
            and not any_sidecar_only(library.db, ids)
        ):
            # Ignored without a word before: every one of these files takes its keywords itself.
            how = "--embed" if args.target else "your setting (Keywords in files)"
            raise CommandError(
                f"--naming names sidecars, but {how} writes the keywords into these files and "
                "none of them gets a sidecar (only RAW, HEIC/AVIF, BMP, GIF and clips do): "
                "leave out --naming, or give --sidecar to write sidecars"
            )
        for path in unknown:
            # A folder with no photo in it at all says so, as label says it (cli55).
            unscanned = f"{path}: no photo of the library there (scan it first)"
            print(f"phototagger: {no_photos_or(path, unscanned)}", file=sys.stderr)
        try:
            summary = write_keywords(library.db, ids, options, progress=progress, cancel=token)
        finally:
            progress.finish()
    if args.json:
        print_json(summary.as_dict())
    elif not ids:
        # "0 photos: written into 0 photos, 0 already up to date; 0 keywords added, 0 removed".
        # Paths named: each one that holds no photo was said above.
        print(
            "nothing written"
            + (
                ""
                if args.paths
                else ": the library has no photos yet (phototagger scan DIR adds them)"
            )
        )
    else:
        # The photos it tried: a read-only one counts, as one that could not be written (it
        # said "0 photos: 0 files written" before "finished with 1 problem(s)"), in --json too.
        failed = f", {summary.problems:,} could not be written" if summary.problems else ""
        setting = (
            "as --sidecar asks"
            if args.target
            else "as your setting asks; --embed writes into the files"
        )
        print(
            f"{counted(summary.photos, 'photo')}: "
            f"{summary.written_words(setting)}, "
            f"{summary.unchanged_words()}{failed}; "
            f"{counted(summary.keywords_added, 'keyword')} added, "
            f"{summary.keywords_removed:,} removed"
            + (
                f"; {counted(summary.keywords_copied, 'keyword')} the files had, copied into "
                "their keyword fields that lacked them (digiKam's, Lightroom's)"
                if summary.keywords_copied
                else ""
            )
            + (f"; {summary.regions_words()}" if summary.regions_words() else "")
        )
        if summary.no_tags and not options.include_suggestions:
            # "3 without tags of yours" and nothing written left a new user to find out why
            # the model's tags were not in digiKam (the app says what to do: walk50).
            have = "has" if summary.no_tags == 1 else "have"
            print(
                f"phototagger: note: {counted(summary.no_tags, 'photo')} {have} no tags of "
                "yours: the model's suggestions are written once you accept them (phototagger "
                "label PATH --add TAG, or A in the app), or as suggestions with "
                "--include-suggestions",
                file=sys.stderr,
            )
        if summary.rejected_words():
            print(f"phototagger: {summary.rejected_words()}")
        if summary.rejected_kept and not options.remove_rejected:
            print(
                f"phototagger: note: {summary.kept_words()}: phototagger removes only keywords "
                "it wrote; remove them in digiKam or Lightroom, or write with --remove-rejected",
                file=sys.stderr,
            )
        elif summary.rejected_kept:
            # Asked to remove them: they are in photos phototagger did not write into.
            why = (
                "the keywords went to sidecars and the photos themselves are not changed; "
                "write with --embed to remove them there"
                if options.target != TARGET_EMBED
                else "phototagger never writes into RAW, HEIC/AVIF or clips; remove them in "
                "digiKam or Lightroom"
            )
            print(f"phototagger: note: {summary.kept_words()}: {why}", file=sys.stderr)
    tell_left_copies(summary.left_copies)
    tell_left_copies(summary.carried)  # a sidecar a moved photo left, carried into its new one
    if summary.problems:
        print(
            f"{'stopped' if summary.cancelled else 'finished'} with "
            f"{counted(summary.problems, 'problem')} (see: phototagger problems)",
            file=sys.stderr,
        )
        if not summary.cancelled:  # stopped: 130, as a Ctrl-C is, whatever the problems
            return EXIT_PROBLEMS
    if unknown:  # each said above; none of the photos named in the library: 3
        return named_paths_exit(len(ids), len(unknown))
    return EXIT_INTERRUPTED if summary.cancelled else EXIT_OK
