"""Similar photos and duplicates: `similar PATH` and `duplicates`."""

from __future__ import annotations

import argparse
import sys

from phototagger.commands.base import (
    EXIT_OK,
    CommandError,
    UsageError,
    command,
    common,
    one_line,
    open_library_or_fail,
    print_json,
)
from phototagger.core.states import PhotoStatus
from phototagger.core.wording import counted

# core.similar.DUPLICATE_COSINE, said in --help without loading numpy and the store for it
# (tests/test_cli_help_for_new_users.py holds the two together).
SAID_DEFAULT = 0.86


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "similar",
        parents=[common()],
        help="the photos most like PATH (by what the CNN saw in each at the scan), best "
        "first, with how "
        "alike: 0 %% for a typical pair of the library's photos, 100 %% for the same picture",
    )
    p.add_argument("path", metavar="PATH", help="a photo in the library")
    p.add_argument(
        "--limit", type=int, default=20, metavar="N", help="how many photos (default 20)"
    )
    p = sub.add_parser(
        "duplicates",
        parents=[common()],
        help="groups of identical and near-identical photos (resized, recompressed, slightly "
        "cropped, and edited exports: straightened, another exposure or colour, black-and-white, "
        "mirrored; not another frame of a burst); the first is the one to keep",
    )
    p.add_argument(
        "--threshold",
        type=float,
        default=None,
        metavar="0-1",
        help="how alike two photos must be to count as near-identical, from 0 to 1 (cosine "
        f"similarity of what the CNN saw in them; default {SAID_DEFAULT}: higher finds fewer)",
    )


@command("similar")
def _similar(args: argparse.Namespace) -> int:
    from phototagger.core.catalog import photo_at
    from phototagger.core.duplicate_copies import similar_pixels
    from phototagger.core.similar import (
        byte_copies,
        copies_first,
        pair_likeness,
        similar_index,
        similar_photos,
        with_edit,
    )

    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    with open_library_or_fail() as library:
        photo = photo_at(library.db, args.path)
        index = similar_index(library.db)
        found = similar_photos(library.db, photo.id, args.limit, index)
        if not found and photo.status != PhotoStatus.TAGGED:
            raise CommandError(_not_comparable(photo.path, photo.status))
        same = byte_copies(library.db, photo)
        # What each is beside it where the pixels tell, as Find Duplicates says it, and which
        # are the same picture (only those read "Almost identical").
        ranked = [(p.id, score) for p, score in found]
        pixels = similar_pixels(library.db, photo.id, ranked, index.scale, library.thumbnails_dir)
    edits, copies = pixels.edits, same | pixels.same_picture
    by_id = {p.id: p for p, _ in found}
    # The figure and words Find Similar shows in the app (and Find Duplicates: "Identical file"
    # for a byte copy); the cosine stays in --json's score.
    shown = [
        (
            by_id[pid],
            score,
            *pair_likeness(index.scale.percent(score), pid in same, pid in pixels.same_picture),
        )
        for pid, score in copies_first(ranked, index.scale, copies)
    ]
    if args.json:
        print_json(
            [
                {
                    "path": p.path,
                    "score": round(score, 4),
                    "percent": percent,
                    "likeness": words,
                    "edit": edits.get(p.id, ""),
                }
                for p, score, percent, words in shown
            ]
        )
    else:
        said = [with_edit(words, edits.get(p.id, "")) for p, _, _, words in shown]
        width = max([16, *(len(words) for words in said)])
        for (p, _, percent, _), words in zip(shown, said, strict=True):
            print(f"{percent:3d} %  {words:<{width}}  {one_line(p.path)}")
    return EXIT_OK


def _not_comparable(path: str, status: str) -> str:
    """Why a photo of the library has no neighbours: a deleted or unreadable file was told to
    'scan its folder', which changes nothing."""
    shown = one_line(path)
    if status == PhotoStatus.MISSING:
        return f"{shown} is missing (the file is gone; scan its new folder if it was moved)"
    if status == PhotoStatus.PROBLEM:
        return (
            f"{shown} could not be read, so it has nothing to compare (see: phototagger problems)"
        )
    return f"{shown} has not been tagged yet (scan its folder)"


@command("duplicates")
def _duplicates(args: argparse.Namespace) -> int:
    import os

    from phototagger.core.duplicate_copies import find_copies
    from phototagger.core.similar import DUPLICATE_COSINE

    threshold = DUPLICATE_COSINE if args.threshold is None else args.threshold
    if not 0.0 < threshold <= 1.0:
        raise UsageError("--threshold must be between 0 and 1")
    with open_library_or_fail() as library:
        # What Find Duplicates shows: the copy kept and why, each other copy's likeness to it.
        found = find_copies(library.db, threshold, thumbnails=library.thumbnails_dir)
    listed = [
        [found.photos[i].path for i in g.photo_ids if i in found.photos] for g in found.groups
    ]
    if args.json:
        print_json(
            [
                {
                    "exact": group.exact,
                    "paths": paths,  # the copy kept first
                    "keep": paths[0] if paths else None,
                    "why": found.why_kept(group),
                    "copies": [
                        {
                            "path": found.photos[pid].path,
                            "likeness": found.likeness[pid].words,
                            "percent": found.likeness[pid].percent,
                            "edit": found.likeness[pid].edit,
                            "why": found.why.get(pid, ""),
                        }
                        for pid in group.photo_ids[1:]
                        if pid in found.photos and pid in found.likeness
                    ],
                }
                for group, paths in zip(found.groups, listed, strict=True)
            ]
        )
    else:
        # One column for the copies' words, as wide as the longest ("… · black-and-white").
        width = max([31, *(len(like.text) + 4 for like in found.likeness.values())])
        for group, paths in zip(found.groups, listed, strict=True):
            heading = "identical copies" if group.exact else "near-duplicates"
            why = found.why_kept(group)
            if paths and why:
                heading += f" · keeping {one_line(os.path.basename(paths[0]))}: {why}"
            print(f"{heading}:")
            for n, pid in enumerate(group.photo_ids):
                if pid not in found.photos:
                    continue
                like = found.likeness.get(pid)
                shown = "keep" if n == 0 else f"    {like.text if like else ''}"
                print(f"  {shown:<{width}}  {one_line(found.photos[pid].path)}")
        print(counted(len(listed), "group"), file=sys.stderr)
    return EXIT_OK
