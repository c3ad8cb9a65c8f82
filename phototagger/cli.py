"""The headless front door: `phototagger COMMAND ...`, the same use cases as the GUI.

Heavy imports (TensorFlow, the store) happen inside the command that needs them, so `--help` is
instant. Every listing command takes --json. Exit status 0 on success; non-zero with a one-line
reason on failure; 1 when a job finished but some files had problems.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from phototagger import __version__

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_FAILED = 3


class CommandError(Exception):
    """A failure with a one-line reason for the user."""


Handler = Callable[[argparse.Namespace], int]
_COMMANDS: dict[str, Handler] = {}


def _common(json_output: bool = True, device: bool = False) -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--home", metavar="DIR",
                        help="keep the library and caches under DIR (same as PHOTOTAGGER_HOME)")
    if json_output:
        parent.add_argument("--json", action="store_true", help="machine-readable output")
    if device:
        parent.add_argument("--device", choices=("auto", "cpu", "gpu"), default=None,
                            help="where the model runs (default: the library setting, else auto)")
    return parent


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="phototagger",
        description="Tag your photo collection with a CNN that learns from your corrections. "
                    "Offline: nothing leaves your machine.",
    )
    parser.add_argument("--version", action="version", version=f"phototagger {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("classify", parents=[_common(device=True)],
                       help="tag image files directly, without a library")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--top", type=int, default=3, help="also show the top N ImageNet classes")

    p = sub.add_parser("scan", parents=[_common(device=True)],
                       help="add folders to the library, find new and changed photos, tag them")
    p.add_argument("folders", nargs="+", metavar="DIR")
    p.add_argument("--batch-size", type=int, default=32, help="photos per model batch")
    p.add_argument("--quiet", action="store_true", help="no progress display")

    p = sub.add_parser("tags", parents=[_common()], help="tags of one photo")
    p.add_argument("path", metavar="PATH")

    p = sub.add_parser("search", parents=[_common()], help="photos having tags")
    p.add_argument("tags", nargs="*", metavar="TAG", help="photos having all of these")
    p.add_argument("--any", action="store_true", help="having any of the tags instead of all")
    p.add_argument("--not", dest="exclude", action="append", default=[], metavar="TAG",
                   help="and not this tag (repeatable)")
    p.add_argument("--untagged", action="store_true", help="photos with no tag at all")

    p = sub.add_parser("label", parents=[_common()],
                       help="your decisions: add, reject or remove tags on photos")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--add", action="append", default=[], metavar="TAG",
                   help="the photo has TAG (any name: new tags are created)")
    p.add_argument("--reject", action="append", default=[], metavar="TAG",
                   help="the photo does not have TAG; it will never be suggested again")
    p.add_argument("--remove", action="append", default=[], metavar="TAG",
                   help="take TAG off (a model suggestion removed counts as a rejection)")

    sub.add_parser("stats", parents=[_common()], help="library size, tags and their counts")
    sub.add_parser("problems", parents=[_common()],
                   help="files that could not be read, and why")
    p = sub.add_parser("export", parents=[_common()],
                       help="every photo with its tags (name, confidence, source, state)")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")

    p = sub.add_parser("train", parents=[_common()],
                       help="teach the model your corrections: a new version, compared with "
                            "the active one, made active if it is not worse")
    p.add_argument("--deep", action="store_true",
                   help="also fine-tune the top of the CNN (slow on a CPU; meant for a GPU)")
    p.add_argument("--force", action="store_true",
                   help="make the new version active even if it measures worse")
    p.add_argument("--no-activate", action="store_true",
                   help="save the new version but keep the current one active")

    p = sub.add_parser("models", parents=[_common()],
                       help="model versions (use 'models use VERSION' to switch or roll back)")
    models_sub = p.add_subparsers(dest="models_command", metavar="ACTION")
    use = models_sub.add_parser("use", parents=[_common()],
                                help="make VERSION active and re-tag the library")
    use.add_argument("version", metavar="VERSION")

    p = sub.add_parser("review", parents=[_common()],
                       help="the photos the model is least sure about for TAG: label these next")
    p.add_argument("tag", metavar="TAG")
    p.add_argument("--limit", type=int, default=20)

    p = sub.add_parser("scores", parents=[_common()],
                       help="the active model's confidence for TAG on every photo")
    p.add_argument("tag", metavar="TAG")
    p.add_argument("--limit", type=int, default=None, help="only the N most confident")

    sub.add_parser("gui", parents=[_common(json_output=False)],
                   help="open the desktop app (the same library as these commands)")
    return parser


def command(name: str) -> Callable[[Handler], Handler]:
    def wrap(fn: Handler) -> Handler:
        _COMMANDS[name] = fn
        return fn

    return wrap


def print_json(data: object) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def device_choice(args: argparse.Namespace, fallback: str = "auto") -> Any:
    from phototagger.ml.device import parse_choice

    return parse_choice(getattr(args, "device", None) or fallback)


@command("classify")
def _classify(args: argparse.Namespace) -> int:
    from phototagger.core.classify import classify_files
    from phototagger.ml.engine import load_engine

    engine = load_engine(device_choice(args))
    problems = 0
    records = []
    if not args.json:
        print(f"model {engine.model_version} on {engine.device}", file=sys.stderr)
    for result in classify_files(list(args.files), engine, top_k=max(args.top, 0)):
        if result.error is not None:
            problems += 1
            print(f"{result.path}: {result.error.message}", file=sys.stderr)
        if args.json:
            records.append({
                "path": result.path,
                "tags": [{"name": n, "confidence": round(c, 4)} for n, c in result.tags],
                "imagenet": [{"class": n, "probability": round(p, 4)}
                             for n, p in result.top_classes],
                "error": None if result.error is None else {
                    "code": result.error.code, "message": result.error.message},
            })
        elif result.error is None:
            print(result.path)
            if not result.tags:
                print("  (no confident tags)")
            for name, conf in result.tags:
                print(f"  {name:<20} {conf:5.2f}  {_bar(conf)}")
            if result.top_classes:
                classes = ", ".join(f"{n} {p:.2f}" for n, p in result.top_classes)
                print(f"  imagenet: {classes}")
    if args.json:
        print_json({"model": engine.model_version, "device": engine.device, "photos": records})
    if problems:
        print(f"finished with {problems} problem{'s' if problems != 1 else ''}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def _open() -> Any:
    from phototagger.core.library import open_library
    from phototagger.store.migrations import DatabaseTooNewError

    try:
        return open_library()
    except DatabaseTooNewError as exc:
        raise CommandError(str(exc)) from exc


def _tagger_loader(library: Any, args: argparse.Namespace) -> Callable[[], Any]:
    def load() -> Any:
        from phototagger.core.library import device_setting
        from phototagger.core.versions import load_active_tagger

        return load_active_tagger(library, device_choice(args, device_setting(library.db)))

    return load


@command("scan")
def _scan(args: argparse.Namespace) -> int:
    from phototagger.core.jobs import CancelToken
    from phototagger.core.scan import scan
    from phototagger.terminal import TerminalProgress, cancel_on_interrupt, format_duration

    for folder in args.folders:
        if not os.path.exists(os.path.expanduser(folder)):
            print(f"phototagger: {folder}: no such folder (recorded as a problem)",
                  file=sys.stderr)
    token = CancelToken()
    progress = TerminalProgress(quiet=args.quiet or args.json)
    with _open() as library, cancel_on_interrupt(token):
        try:
            summary = scan(library, args.folders, _tagger_loader(library, args),
                           progress=progress, cancel=token, batch_size=args.batch_size)
        finally:
            progress.finish()
    if args.json:
        print_json(summary.as_dict())
    else:
        print(f"{summary.found:,} photos found: {summary.new:,} new, {summary.changed:,} changed, "
              f"{summary.unchanged:,} unchanged, {summary.moved:,} moved, "
              f"{summary.missing:,} missing, {summary.returned:,} back again")
        print(f"{summary.tagged:,} tagged in {format_duration(summary.elapsed_s)}")
        if summary.cancelled:
            print(f"stopped: {summary.pending_left:,} photos left to tag; scan again to resume")
    if summary.problems:
        print(f"finished with {summary.problems} problem{'s' if summary.problems != 1 else ''}"
              " (see: phototagger problems)", file=sys.stderr)
        return EXIT_PROBLEMS
    return 130 if summary.cancelled else EXIT_OK


@command("tags")
def _tags(args: argparse.Namespace) -> int:
    from phototagger.core.catalog import NotInLibraryError, photo_at, tag_record
    from phototagger.store.tags import tags_of_photo

    with _open() as library:
        try:
            photo = photo_at(library.db, args.path)
        except NotInLibraryError as exc:
            raise CommandError(str(exc)) from exc
        tags = tags_of_photo(library.db, photo.id)
    if args.json:
        print_json({"path": photo.path, "status": photo.status,
                    "tags": [tag_record(t) for t in tags]})
        return EXIT_OK
    print(photo.path + ("" if photo.status == "tagged" else f"  [{photo.status}]"))
    if not tags:
        print("  (no tags)")
    for tag in tags:
        record = tag_record(tag)
        conf = "  -  " if tag.confidence is None else f"{tag.confidence:5.2f}"
        print(f"  {tag.name:<24} {conf}  {tag.source:<5}  {record['state']}")
    return EXIT_OK


@command("search")
def _search(args: argparse.Namespace) -> int:
    from phototagger.core.catalog import search_photos
    from phototagger.store.photos import photos_by_ids
    from phototagger.store.tags import untagged_photo_ids

    if not args.tags and not args.untagged and not args.exclude:
        raise CommandError("give at least one TAG, --not TAG or --untagged")
    with _open() as library:
        if args.untagged:
            found = photos_by_ids(library.db, untagged_photo_ids(library.db))
        elif args.any:
            found = search_photos(library.db, any_of=args.tags, none_of=args.exclude)
        else:
            found = search_photos(library.db, all_of=args.tags, none_of=args.exclude)
    found.sort(key=lambda p: p.path)
    if args.json:
        print_json([{"path": p.path, "taken_at": p.taken_at} for p in found])
    else:
        for photo in found:
            print(photo.path)
        print(f"{len(found):,} photo{'s' if len(found) != 1 else ''}", file=sys.stderr)
    return EXIT_OK


@command("label")
def _label(args: argparse.Namespace) -> int:
    from phototagger.core.catalog import label_paths

    if not (args.add or args.reject or args.remove):
        raise CommandError("nothing to do: give --add, --reject or --remove")
    with _open() as library:
        try:
            outcome = label_paths(library.db, args.paths, add=args.add, reject=args.reject,
                                  remove=args.remove)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
    if args.json:
        print_json({"labelled": outcome.labelled, "errors": outcome.errors})
    else:
        print(f"labelled {len(outcome.labelled)} photo{'s' if len(outcome.labelled) != 1 else ''}")
    for error in outcome.errors:
        print(f"phototagger: {error}", file=sys.stderr)
    return EXIT_PROBLEMS if outcome.errors else EXIT_OK


@command("stats")
def _stats(args: argparse.Namespace) -> int:
    from phototagger.core.catalog import library_stats

    with _open() as library:
        stats = library_stats(library.db)
        stats["library"] = str(library.database_path)
    if args.json:
        print_json(stats)
        return EXIT_OK
    by_status: dict[str, int] = stats["by_status"]  # type: ignore[assignment]
    print(f"library: {stats['library']}")
    print(f"photos: {stats['photos']:,} ({', '.join(f'{n:,} {s}' for s, n in by_status.items())})")
    print(f"folders: {', '.join(stats['folders']) or '(none)'}")  # type: ignore[arg-type]
    print(f"your decisions: {stats['user_decisions']:,}; untagged photos: {stats['untagged']:,}; "
          f"problems: {stats['problems']:,}")
    for tag in stats["tags"]:  # type: ignore[attr-defined]
        print(f"  {tag['name']:<24} {tag['photos']:>8,}")
    return EXIT_OK


@command("problems")
def _problems(args: argparse.Namespace) -> int:
    from phototagger.core.catalog import problems

    with _open() as library:
        found = problems(library.db)
    if args.json:
        print_json([{"path": p.path, "code": p.code, "message": p.message,
                     "first_seen": p.first_seen, "last_seen": p.last_seen, "count": p.count}
                    for p in found])
    else:
        for p in found:
            print(f"{p.path}\n  {p.code}: {p.message}")
        print(f"{len(found)} problem{'s' if len(found) != 1 else ''}", file=sys.stderr)
    return EXIT_OK


@command("export")
def _export(args: argparse.Namespace) -> int:
    from phototagger.core.catalog import export_records

    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        with _open() as library:
            count = 0
            if args.json:
                out.write("[")
                for count, record in enumerate(export_records(library.db), start=1):
                    out.write(("\n  " if count == 1 else ",\n  ")
                              + json.dumps(record, ensure_ascii=False))
                out.write("\n]\n")
            else:
                for record in export_records(library.db):
                    count += 1
                    tags = ", ".join(
                        t["name"] + ("(rejected)" if t["state"] == "rejected" else "")
                        for t in record["tags"]  # type: ignore[attr-defined]
                    )
                    out.write(f"{record['path']}\t{tags}\n")
    finally:
        if out is not sys.stdout:
            out.close()
    print(f"exported {count:,} photos", file=sys.stderr)
    return EXIT_OK


def _metrics_table(result: Any) -> list[str]:
    lines = [f"{'tag':<24} {'held-out':>8}  {'F1 old':>6} {'F1 new':>6}  {'AP old':>6} "
             f"{'AP new':>6}  {'P new':>5} {'R new':>5}"]
    for m in result.metrics:
        old_f1 = "   new" if m.old is None else f"{m.old.f1:6.2f}"
        old_ap = "   new" if m.old is None else f"{m.old.average_precision:6.2f}"
        lines.append(f"{m.tag:<24} {m.support:>8}  {old_f1} {m.new.f1:6.2f}  {old_ap} "
                     f"{m.new.average_precision:6.2f}  {m.new.precision:5.2f} "
                     f"{m.new.recall:5.2f}")
    return lines


def _comparison_record(m: Any) -> dict[str, Any]:
    return {"tag": m.tag, "held_out": m.support,
            "old": None if m.old is None else m.old.as_dict(), "new": m.new.as_dict()}


@command("train")
def _train(args: argparse.Namespace) -> int:
    from phototagger.core.jobs import Cancelled, CancelToken
    from phototagger.core.retrain import train_candidate
    from phototagger.core.versions import activate_version
    from phototagger.terminal import TerminalProgress, cancel_on_interrupt

    token = CancelToken()
    progress = TerminalProgress(quiet=args.json)
    with _open() as library, cancel_on_interrupt(token):
        try:
            result = train_candidate(library, deep=args.deep, progress=progress, cancel=token)
        except Cancelled:
            progress.finish()
            print("training stopped; nothing changed", file=sys.stderr)
            return 130
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        progress.finish()
        activate = (result.not_worse or args.force) and not args.no_activate
        if activate:
            activate_version(library, result.version, progress=progress, cancel=token)
            progress.finish()
    if args.json:
        print_json({"version": result.version, "parent": result.parent,
                    "activated": activate, "not_worse": result.not_worse,
                    "summary": result.summary, "seconds": round(result.seconds, 2),
                    "counts": result.counts,
                    "metrics": [_comparison_record(m) for m in result.metrics]})
        return EXIT_OK
    print(f"trained {result.version} from {result.parent} in {result.seconds:.1f} s on "
          f"{result.counts['labelled_photos']} labelled photos "
          f"({result.counts['held_out_photos']} held out for the comparison)")
    if result.counts["new_tags"]:
        print(f"new tags the model learned: {', '.join(result.counts['new_tags'])}")
    if result.metrics:
        print("\n".join(_metrics_table(result)))
    print(result.summary)
    if activate:
        print(f"{result.version} is now active; the library was re-tagged")
    elif args.no_activate:
        print(f"{result.version} saved; still using {result.parent} "
              f"(phototagger models use {result.version})")
    else:
        print(f"{result.version} measures worse than {result.parent}, so {result.parent} stays "
              f"active (use --force, or: phototagger models use {result.version})")
    return EXIT_OK


@command("models")
def _models(args: argparse.Namespace) -> int:
    from phototagger.core.versions import activate_version, describe, list_versions
    from phototagger.ml.registry import UnknownVersionError

    with _open() as library:
        if args.models_command == "use":
            known = {v.version for v in list_versions(library)}
            if args.version not in known:
                raise CommandError(f"there is no model version {args.version} "
                                   f"(versions: {', '.join(sorted(known))})")
            try:
                count = activate_version(library, args.version)
            except UnknownVersionError as exc:
                raise CommandError(str(exc)) from exc
            if args.json:
                print_json({"active": args.version, "retagged": count})
            else:
                print(f"{args.version} is now active; {count:,} photos re-tagged")
            return EXIT_OK
        versions = list_versions(library)
    if args.json:
        print_json([describe(v) for v in versions])
        return EXIT_OK
    for v in versions:
        mark = "*" if v.active else " "
        made = (v.created_at or "built in")[:19].replace("T", " ")
        parent = f" from {v.parent}" if v.parent else ""
        print(f"{mark} {v.version:<5} {made:<19} {v.tags:>3} tags{parent}  {v.metrics_summary}")
    return EXIT_OK


@command("review")
def _review(args: argparse.Namespace) -> int:
    from phototagger.core.versions import review_queue

    with _open() as library:
        try:
            items = review_queue(library, args.tag, limit=args.limit)
        except KeyError as exc:
            raise CommandError(str(exc.args[0])) from exc
    if args.json:
        print_json([{"path": i.path, "confidence": round(i.confidence, 4)} for i in items])
    else:
        for item in items:
            print(f"{item.confidence:5.2f}  {item.path}")
    return EXIT_OK


@command("scores")
def _scores(args: argparse.Namespace) -> int:
    from phototagger.core.versions import tag_scores
    from phototagger.store.photos import photos_by_ids

    with _open() as library:
        try:
            scored = tag_scores(library, args.tag)
        except KeyError as exc:
            raise CommandError(str(exc.args[0])) from exc
        if args.limit is not None:
            scored = scored[: args.limit]
        paths = {p.id: p.path for p in photos_by_ids(library.db, [pid for pid, _ in scored])}
    if args.json:
        print_json([{"path": paths[pid], "confidence": round(c, 4)} for pid, c in scored
                    if pid in paths])
    else:
        for pid, conf in scored:
            if pid in paths:
                print(f"{conf:5.2f}  {paths[pid]}")
    return EXIT_OK


@command("gui")
def _gui(args: argparse.Namespace) -> int:
    from phototagger.gui.app import run

    return run(sys.argv[:1])


def _bar(value: float, width: int = 20) -> str:
    filled = int(round(max(0.0, min(1.0, value)) * width))
    return "#" * filled + "." * (width - filled)


def allow_large_photos() -> None:
    """Let Pillow open photos up to our own limit (200 MP: medium-format cameras make 100 MP);
    its default bomb guard would refuse anything over 89 MP. Set once, by the front door."""
    from PIL import Image

    from phototagger.core.imaging import DEFAULT_MAX_PIXELS

    Image.MAX_IMAGE_PIXELS = DEFAULT_MAX_PIXELS


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    if getattr(args, "home", None):
        os.environ["PHOTOTAGGER_HOME"] = str(Path(args.home).expanduser().resolve())
    if args.command in ("scan", "classify", "train", "gui"):
        allow_large_photos()
    try:
        return _COMMANDS[args.command](args)
    except CommandError as exc:
        print(f"phototagger: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("phototagger: interrupted", file=sys.stderr)
        return 130
    except RuntimeError as exc:
        from phototagger.ml.device import DeviceUnavailableError

        if isinstance(exc, DeviceUnavailableError):
            print(f"phototagger: {exc}", file=sys.stderr)
            return EXIT_FAILED
        raise


if __name__ == "__main__":
    sys.exit(main())
