"""Tag management: `tag rename OLD NEW`, `tag merge SRC DST`, `tag delete NAME`."""

from __future__ import annotations

import argparse

from phototagger.commands.base import (
    EXIT_OK,
    CommandError,
    command,
    common,
    open_library_or_fail,
    print_json,
)


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "tag",
        parents=[common()],
        help="rename, merge or delete a tag (decisions and what the model learned follow it)",
    )
    actions = p.add_subparsers(dest="tag_command", metavar="ACTION")
    rename = actions.add_parser(
        "rename", parents=[common()], help="give a tag a new name (an existing name merges the two)"
    )
    rename.add_argument("old", metavar="OLD")
    rename.add_argument("new", metavar="NEW")
    merge = actions.add_parser(
        "merge", parents=[common()], help="tag every photo of SRC with DST instead, then drop SRC"
    )
    merge.add_argument("source", metavar="SRC")
    merge.add_argument("dest", metavar="DST")
    delete = actions.add_parser(
        "delete",
        parents=[common()],
        help="remove a tag from every photo; it is no longer suggested",
    )
    delete.add_argument("name", metavar="NAME")


@command("tag")
def _tag(args: argparse.Namespace) -> int:
    from phototagger.core.tag_admin import delete_tag, merge_tags, rename_tag

    if not args.tag_command:
        raise CommandError("say what to do: tag rename OLD NEW, tag merge SRC DST, tag delete NAME")
    with open_library_or_fail() as library:
        if args.tag_command == "rename":
            change = rename_tag(library.db, args.old, args.new)
        elif args.tag_command == "merge":
            change = merge_tags(library.db, args.source, args.dest)
        else:
            change = delete_tag(library.db, args.name)
    if args.json:
        print_json(
            {
                "action": change.kind,
                "tag": change.name,
                "new_name": change.new_name,
                "photos": change.photos,
            }
        )
    elif change.kind == "delete":
        print(f"deleted {change.name!r} from {change.photos:,} photos")
    elif change.kind == "merge":
        print(f"merged {change.name!r} into {change.new_name!r} ({change.photos:,} photos)")
    else:
        print(f"renamed {change.name!r} to {change.new_name!r} ({change.photos:,} photos)")
    return EXIT_OK
