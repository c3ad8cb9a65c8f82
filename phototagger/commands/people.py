"""`phototagger people`: find faces in photos scanned before the detector (resumable)."""

from __future__ import annotations

import argparse
import sys

from phototagger.commands.base import EXIT_OK, command, open_library_or_fail, print_json
from phototagger.core.wording import counted


@command("people")
def _people(args: argparse.Namespace) -> int:
    from phototagger.core.jobs import CancelToken
    from phototagger.core.people import find_people
    from phototagger.terminal import TerminalProgress, cancel_on_interrupt

    token = CancelToken()
    progress = TerminalProgress(quiet=args.json)
    with open_library_or_fail() as library, cancel_on_interrupt(token):
        try:
            summary = find_people(library, progress=progress, cancel=token)
        finally:
            progress.finish()
    if args.json:
        print_json(dict(summary.__dict__))
    elif not (summary.examined or summary.problems or summary.cancelled):
        # "0 photos examined, 0 with people" read as if it had failed to find any.
        print("no photo was waiting to be looked at for faces: a scan looks for them as it tags")
    else:
        print(
            f"{counted(summary.examined, 'photo')} examined, {summary.with_people:,} with people"
            + (
                f" ({summary.from_originals:,} read from the photo: no cached thumbnail)"
                if summary.from_originals
                else ""
            )
        )
        if summary.cancelled:
            print("stopped; run again to resume")
    if summary.problems:
        print(
            f"{counted(summary.problems, 'photo')} could not be read (see: phototagger problems)",
            file=sys.stderr,
        )
    return 130 if summary.cancelled else EXIT_OK


@command("face")
def _face(args: argparse.Namespace) -> int:
    from phototagger.core.catalog import photo_at
    from phototagger.core.face_marks import kind_tag
    from phototagger.core.face_naming import name_face

    with open_library_or_fail() as library:
        photo = photo_at(library.db, args.path)
        # The name as the library spells its tag (Anna typed, 'People (keywords)/anna' held).
        mark, name = name_face(library.db, photo.id, args.index, args.name)
    if args.json:
        print_json({"path": photo.path, "box": list(mark.box), "was": mark.name, "name": name})
    elif name:
        print(f"face {args.index} named {name}: the photo has '{kind_tag(name, mark.kind)}'")
    else:
        print(f"face {args.index}: its name {mark.name or ''} taken off".replace("  ", " "))
    return EXIT_OK
