"""Tag management: `tag rename OLD NEW`, `tag merge SRC DST`, `tag delete NAME`. Each acts on a
tag's branch of the tag tree ("Pets" with "Pets/Fish")."""

from __future__ import annotations

import argparse
import sys

from phototagger.commands.base import (
    EXIT_OK,
    CommandError,
    NoAction,
    command,
    common,
    open_library_or_fail,
    print_json,
)
from phototagger.core.wording import counted


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "tag",
        parents=[common()],
        help="rename, merge or delete a tag (decisions and what the model learned follow it)",
    )
    actions = p.add_subparsers(dest="tag_command", metavar="ACTION")
    rename = actions.add_parser(
        "rename",
        parents=[common(action=True)],
        help="give a tag a new name (an existing name merges the two); the tags under it "
        "move along (Pets renamed Animals: Pets/Fish becomes Animals/Fish)",
    )
    rename.add_argument("old", metavar="OLD", help="the tag's name now")
    rename.add_argument("new", metavar="NEW", help="its new name (Animals/Fish: under Animals)")
    merge = actions.add_parser(
        "merge",
        parents=[common(action=True)],
        help="tag every photo of SRC with DST (an existing tag) instead, then drop SRC; the tags "
        "under SRC move under DST (Pets/Fish into Animals/Fish, merged if it exists)",
    )
    merge.add_argument("source", metavar="SRC", help="the tag that goes")
    merge.add_argument("dest", metavar="DST", help="the tag that stays")
    delete = actions.add_parser(
        "delete",
        parents=[common(action=True)],
        help="remove a tag from every photo; it is no longer suggested (a tag with tags "
        "under it: only with --with-children, which deletes them too)",
    )
    delete.add_argument("name", metavar="NAME", help="the tag to delete")
    delete.add_argument(
        "--with-children",
        action="store_true",
        help="also delete the tags under NAME (NAME/...); without it, such a NAME is refused",
    )


@command("tag")
def _tag(args: argparse.Namespace) -> int:
    from phototagger.core.near_meaning import renamed_tag_notes
    from phototagger.core.tag_admin import (
        TagHasChildren,
        children_note,
        delete_tag,
        merge_tags,
        rename_tag,
        shown_name,
    )

    if not args.tag_command:
        raise NoAction("say what to do: tag rename OLD NEW, tag merge SRC DST or tag delete NAME")
    from phototagger.core.model.listing import active_columns

    with open_library_or_fail() as library:
        if args.tag_command == "rename":
            scored = active_columns(library)
            change = rename_tag(library.db, args.old, args.new, scored=scored)
        elif args.tag_command == "merge":
            scored = active_columns(library)
            change = merge_tags(library.db, args.source, args.dest, scored=scored)
        else:
            try:
                change = delete_tag(library.db, args.name, with_children=args.with_children)
            except TagHasChildren as exc:
                # Never silently: neither the branch with it, nor the branch left behind.
                raise CommandError(
                    f"{exc.message}; nothing deleted: give --with-children to delete them too, "
                    "or move them out first (tag rename)"
                ) from None
        # A rename to a name no tag had invents it, as `label --add` does: said as it says it,
        # on stderr, once (the tag exists afterwards).
        notes = renamed_tag_notes(library.db, change)
    for said in notes:
        print(f"phototagger: note: {said}", file=sys.stderr)
    # As the app shows them: 'AC/DC' for the keyword with a slash in it.
    name = shown_name(change.name)
    new_name = None if change.new_name is None else shown_name(change.new_name)
    if args.json:
        print_json(
            {
                "action": change.kind,
                "tag": name,
                "new_name": new_name,
                "photos": change.photos,
                "child_tags": change.children,
                "child_tags_merged": change.merged_children,
            }
        )
        return EXIT_OK
    note = children_note(change)
    photos = counted(change.photos, "photo") + (f"; {note}" if note else "")
    if change.kind == "delete":
        print(f"deleted {name!r} from {photos}")
    elif change.kind == "merge":
        print(f"merged {name!r} into {new_name!r} ({photos})")
    else:
        print(f"renamed {name!r} to {new_name!r} ({photos})")
    return EXIT_OK
