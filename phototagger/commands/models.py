"""Model commands: classify loose files, train, models (use), review, scores."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any

from phototagger.commands.base import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
    bar,
    command,
    device_name,
    library_home,
    name_column_lines,
    one_line,
    open_library_or_fail,
    print_json,
)
from phototagger.core.wording import counted
from phototagger.tag_names import shown_in, shown_name

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping

    import sqlite_utils

    from phototagger.core.library import Library
    from phototagger.core.model.listing import VersionInfo
    from phototagger.core.model.review import ReviewRound
    from phototagger.core.retrain import TagComparison, TrainingResult

    Listing = tuple[list[VersionInfo], dict[str, str]]  # version_listing's: listed, damaged


@command("classify")
def _classify(args: argparse.Namespace) -> int:
    from phototagger.core.classify import classify_files
    from phototagger.core.devices import load_default_tagger

    engine = load_default_tagger(library_home(), device_name(args))
    problems = 0
    records = []
    if not args.json:
        print(f"model {engine.model_version} on {engine.device}", file=sys.stderr)
    for result in classify_files(list(args.files), engine, top_k=max(args.top, 0)):
        if result.error is not None:
            problems += 1
            print(f"{one_line(result.path)}: {result.error.message}", file=sys.stderr)
        if args.json:
            records.append(
                {
                    "path": result.path,
                    "tags": [{"name": n, "confidence": round(c, 4)} for n, c in result.tags],
                    "imagenet": [
                        {"class": n, "probability": round(p, 4)} for n, p in result.top_classes
                    ],
                    "error": None
                    if result.error is None
                    else {"code": result.error.code, "message": result.error.message},
                }
            )
        elif result.error is None:
            print(one_line(result.path))  # a line break in a name: one photo, one line (\n)
            if not result.tags:
                print("  (no confident tags)")
            # Built-in names only (classify has no library), the longest 18 characters; laid
            # out as `stats` lays out tags all the same, not in a fixed 20-character column.
            rests = [f"{conf:5.2f}  {bar(conf)}" for _, conf in result.tags]
            for line in name_column_lines([name for name, _ in result.tags], rests):
                print(line)
            if result.top_classes:
                classes = ", ".join(f"{n} {p:.2f}" for n, p in result.top_classes)
                print(f"  imagenet: {classes}")
    if args.json:
        print_json({"model": engine.model_version, "device": engine.device, "photos": records})
    if problems:
        print(f"finished with {counted(problems, 'problem')}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def _metrics_table(result: TrainingResult, said: Collection[str] = ()) -> list[str]:
    """`train`'s table of figures, and under it the tags the run kept as they were that it
    leaves out, with why; but those `said` above already ("kept as they were: ..." names each
    with why: read42 found 'food' named there, in "1 other tag unchanged: food" and here)."""
    from phototagger.core.validation import (
        FEW_HELD_OUT,
        NOTHING_TO_MEASURE,
        ONLY_YES,
        few_held_out,
        left_out_words,
        measurable,
        orderable,
    )

    # Tags the run kept as they were, tested on a few answers, are named under it, not listed
    # with figures (TrainingResult.listed); --json keeps them.
    listed, kept = result.listed()
    # The figures in one column after the names, whatever their length (as `stats`): a fixed
    # 24-character column let a longer name push its row's figures out of line.
    rests = [
        f"{'tested':>6}  {'F1 old':>6} {'F1 new':>6}  {'AP old':>6} {'AP new':>6}  "
        f"{'P new':>5} {'R new':>5}"
    ]
    for m in listed:
        yes, order = measurable(m), orderable(m)
        old_f1 = "   new" if m.old is None else _cell(yes, m.old.f1, 6)
        old_ap = "   new" if m.old is None else _cell(order, m.old.average_precision, 6)
        rests.append(
            f"{m.support:>6}  {old_f1} {_cell(yes, m.new.f1, 6)}  {old_ap} "
            f"{_cell(order, m.new.average_precision, 6)}  {_cell(yes, m.new.precision, 5)} "
            f"{_cell(yes, m.new.recall, 5)}" + ("  *" if few_held_out(m) else "")
        )
    names = ["tag", *(shown_name(m.tag) for m in listed)]
    lines = name_column_lines(names, rests, indent="") if listed else []
    if any(few_held_out(m) for m in listed):
        lines.append(
            f"* tested on fewer than {FEW_HELD_OUT} yes answers: these figures say little yet"
        )
    if any(not measurable(m) for m in listed):
        # A row of dashes went unexplained here ('boats 5 - - - - - -' after a review round
        # answered no); the Train page says why in its tooltip (polish36).
        lines.append(f"- where {NOTHING_TO_MEASURE}")
    if any(measurable(m) and not orderable(m) for m in listed):
        lines.append(f"- in AP where {ONLY_YES}")
    kept = [t for t in kept if t not in said]
    untested = [t for t in result.untested_kept() if t not in said]
    if kept or untested:
        why = {shown_name(t): w for t, w in result.kept_why().items()}
        lines.append(
            left_out_words([shown_name(t) for t in kept], [shown_name(t) for t in untested], why)
        )
    return lines


def _cell(measured: bool, value: float, width: int) -> str:
    # Held-out answers all "no": F1, AP and recall have nothing to measure, and a 0.00 there
    # read as a version that got everything wrong (--json keeps the counts to tell).
    return f"{value:{width}.2f}" if measured else f"{'-':>{width}}"


def _comparison_record(m: TagComparison) -> dict[str, object]:
    return {
        "tag": shown_name(m.tag),
        "held_out": m.support,
        "old": None if m.old is None else m.old.as_dict(),
        "new": m.new.as_dict(),
        # The summary's counts: of the held-out answers, how many each version decided right.
        "right": m.right,
        "right_before": None if m.old is None else m.right_before,
        # What a lower order rests on: the yes answers it ranks below more (or fewer) of the no
        # answers than the old version (validation.ranked_apart), as the summary counts them.
        "ranked_lower": None if m.old is None else m.lower,
        "ranked_higher": None if m.old is None else m.higher,
    }


# Where `train` points for every tag not learned yet, where it counts them.
_SEE_ALL_TAGS = "'phototagger stats' lists every tag with how many photos have it"


@command("train")
def _train(args: argparse.Namespace) -> int:
    from phototagger.core.jobs import Cancelled, CancelToken
    from phototagger.core.kept_off import kept_off_words
    from phototagger.core.learned_words import how_in_words, unchanged_words
    from phototagger.core.model.activation import activate_version, changed_words, moved_words
    from phototagger.core.model.replaced import discard_replaced, replaced_words
    from phototagger.core.new_tag_wait import (
        from_files_only,
        out_of_library_words,
        unread_now_words,
        waiting_reasons,
    )
    from phototagger.core.no_answers import (
        few_no_and_own_photos_words,
        few_no_keywords_words,
        few_no_said,
        few_no_tag_words,
        own_photos_keywords_words,
        own_photos_words,
    )
    from phototagger.core.retrain import train_candidate
    from phototagger.core.scan_lock import model_lock
    from phototagger.core.validation import NEW_ONLY, NO_COMPARISON, NOT_COMPARED
    from phototagger.core.version_diff import sampled_lines
    from phototagger.terminal import TerminalProgress, cancel_on_interrupt

    token = CancelToken()
    progress = TerminalProgress(quiet=args.json)
    # One training at a time: the lock is held until the new version is made active, so a
    # second `train` cannot take the same name, nor discard this one as never made active.
    with (
        open_library_or_fail() as library,
        model_lock(library.database_path),
        cancel_on_interrupt(token),
    ):
        said_put_back(library)  # a switch killed before: its photos on the active version again
        try:
            result = train_candidate(library, deep=args.deep, progress=progress, cancel=token)
        except Cancelled as exc:
            raise Cancelled("training stopped; nothing changed") from exc
        finally:
            progress.finish()
        # Trained: the runs trained before from the same version and never made active go, as
        # on the Train page (`train` three times left v2, v3, v4, each "never made active").
        replaced = discard_replaced(library, result.version, result.parent)
        # The tags only the files' keywords give, said after the user's own (as when nothing is
        # learned): '20s', 'Adult'… were named and 'toaster', taught by hand, was "27 more".
        short = {
            t: (n["yes"], n["no"]) for t, n in result.counts.get("short_of_answers", {}).items()
        }
        waiting = result.counts.get("waiting", {})
        keywords = from_files_only(library.db, [*waiting, *short])
        activate = (result.not_worse or args.force) and not args.no_activate
        # The photos it takes a taught tag off that nobody answered about, by tag, surest off
        # first: warned of beside the tag, with where they are (version_diff.lost_unanswered).
        lost = _lost_paths(library, result)
        changed: set[int] = set()  # the photos whose tags as shown the switch changed
        moves: dict[str, tuple[int, int]] = {}  # and the tags they gained or dropped
        if activate:
            try:
                activate_version(
                    library,
                    result.version,
                    progress=progress,
                    cancel=token,
                    changed=changed,
                    moves=moves,
                )
            except (Cancelled, KeyboardInterrupt) as exc:
                # Stopped or Ctrl-C'd while re-tagging: the switch is undone (now, or at the next
                # scan or switch if a second Ctrl-C cut that short); the new version stays saved.
                raise Cancelled(
                    f"interrupted while switching to {result.version}: it is saved, "
                    f"{result.parent} stays active and none of your decisions is lost "
                    f"(to switch: phototagger models use {result.version})"
                    + (f". {replaced_words(replaced, result.parent)}" if replaced else "")
                ) from exc
            finally:
                progress.finish()
    # The Train page's headline: "can't tell yet" where it decides more answers worse than
    # before but too few to say it is worse; in the page's words where nothing is worse on too
    # few answers to be sure, where only new tags were measured, or where nothing was compared
    # ("not compared yet: no answers were kept out …", where it said "can't tell yet").
    judged = result.judged()
    judged_words = result.judged_words()
    summary = result.summary
    if judged in (NEW_ONLY, NOT_COMPARED):  # said once, as on the page: the headline says it
        parts = summary.split("; ")
        summary = "; ".join(p for p in parts if not p.startswith(NO_COMPARISON))
    few_photos = result.counts.get("few_photos", {})
    few_no = result.counts.get("few_no", {})
    few_no_files = result.counts.get("few_no_from_files", {})
    _, noted = few_no_said(result.counts)  # said in a note, not warned of
    own = result.counts.get("own_photos", {})
    own_files = result.counts.get("own_photos_from_files", {})
    own_no = result.counts.get("own_photos_no", {})
    own_folders = result.counts.get("own_photos_folders", {})
    if args.json:
        print_json(
            {
                "version": result.version,
                "parent": result.parent,
                "activated": activate,
                # As `models use --json` gives them: the photos each tag came on or went off
                # in the switch ({} when not made active).
                "tags_moved": _moved_json(moves),
                "not_worse": result.not_worse,
                # "not worse", "worse", "can't tell yet", "too few to be sure", "new tags
                # only" or "not compared yet"; as `train` says it after "against v1: ".
                "verdict": judged,
                "verdict_words": judged_words,
                # Tags learned with fewer than 5 "no" answers, as `train` says them: a warning,
                # or a note where the version puts the tag on few photos (few_no_said).
                "few_no_answers": [
                    {
                        "tag": shown_name(t),
                        "no": n,
                        "note" if t in noted else "warning": few_no_tag_words(
                            result.counts, t, _queue(t)
                        ),
                    }
                    for t, n in few_no.items()
                ],
                # Those only the files' keywords give: one warning for them all.
                "few_no_from_files": {
                    "tags": [{"tag": shown_name(t), "no": n} for t, n in few_no_files.items()],
                    "warning": few_no_keywords_words(few_no_files) if few_no_files else None,
                },
                # Tags that stay on their own photos (nothing the model sees tells them apart),
                # as `train` says; those only the files' keywords give in one line.
                "own_photos": [
                    {
                        "tag": shown_name(t),
                        "yes": n,
                        "no": own_no.get(t, 0),
                        "words": own_photos_words(t, n, own_no.get(t, 0), own_folders.get(t)),
                    }
                    for t, n in own.items()
                ],
                "own_photos_from_files": {
                    "tags": [{"tag": shown_name(t), "yes": n} for t, n in own_files.items()],
                    "words": own_photos_keywords_words(own_files) if own_files else None,
                },
                # Tags learned that go on few photos besides their yes answers, as `train`
                # says of them (core/few_photos.py).
                "few_photos": [
                    {"tag": shown_name(t), **n, "words": _few_photos_line(t, n)}
                    for t, n in few_photos.items()
                ],
                "summary": result.summary,
                "replaced": replaced,  # the runs it replaced (discarded), [] when none
                "seconds": round(result.seconds, 2),
                "counts": shown_in(result.counts),  # 'AC/DC': each tag as it reads
                # Per tag, removed_unanswered: of the photos it takes the tag off, those nobody
                # answered about (0 where its answers were all taken back), warned of with
                # their paths (all of them).
                "changes": [
                    {
                        **shown_in(c.as_dict()),
                        "removed_unanswered": len(lost.get(c.tag, [])),
                        "removed_unanswered_paths": lost.get(c.tag, []),
                        "warning": _lost_words(c.tag, lost[c.tag], activate)
                        if c.tag in lost
                        else None,
                    }
                    for c in result.changes
                ],
                # A deep version's: estimated on photos drawn at random (see counts too).
                "sampled_changes": shown_in(result.counts.get("sampled_changes", {})),
                "metrics": [_comparison_record(m) for m in result.metrics],
            }
        )
        return EXIT_OK
    print(
        f"trained {result.version} from {result.parent} in {result.seconds:.1f} s on "
        f"{counted(result.counts['labelled_photos'], 'labelled photo')} "
        f"({_labelled_apart(result.counts)}{result.counts['held_out_photos']} set aside to test it)"
    )
    if out := out_of_library_words(
        result.counts.get("out_of_library", 0), result.counts.get("keywords_out_of_library", 0)
    ):
        print(f"not counted: {out}")
    if unread := unread_now_words(result.counts.get("unread_now", [])):
        print(f"not counted: {unread}")
    # A new tag that stays on its yes answers was not learned to spread: its note says so, once
    # (q39: "new tags the model learned: holiday Crete" over "holiday Crete stays on ...").
    if new_learned := result.new_learned():
        print(f"new tags the model learned: {', '.join(shown_in(new_learned))}")
    if waiting:
        reasons = waiting_reasons(waiting, keywords=keywords, see_all=_SEE_ALL_TAGS)
        print(f"not learned yet: {'; '.join(reasons)}")
    if short:
        print(f"kept as they were: {'; '.join(waiting_reasons({}, short, keywords=keywords))}")
    # How each tag was learned, in the window's words ("like 'carnivore' and your examples"):
    # "like 16 ImageNet classes of your examples" was jargon to a photographer. --json keeps
    # the record's words (counts.learned.TAG.label).
    stays = result.stays_on_yes()
    learned = result.counts.get("learned", {})
    # The tags kept as the default tagger has them that change no photo: one line, as under
    # the Train page's table of changes ("food: the default tagger as it was: ..." a line each
    # said again what "kept as they were" says above).
    folded = result.untouched()
    for tag, how in learned.items():
        if tag not in stays and tag not in folded:
            print(f"  {shown_name(tag)}: {how_in_words(how)}")
        # The kinds of photo it holds under its cut (core/kept_off.py): a photo of one never
        # gets the tag, and the user was told nothing of why (held43).
        if kept := kept_off_words(how):
            print(f"  {shown_name(tag)}: {kept}")
    # Each kept tag named once: those named with why above or under the table (read42: "kept
    # as they were: ... 'food' needs ...", "1 other tag unchanged: food", then "not listed:
    # food, kept as it was (...)") are not named here again.
    named = {*short, *result.named_kept()}
    if unsaid := [t for t in folded if t not in named]:
        print(f"  {unchanged_words(unsaid, others=len(unsaid) < len(learned))}")
    for c in result.changes:
        print(
            f"  {shown_name(c.tag)}: +{c.added} -{c.removed} photos against {result.parent} "
            f"({c.before} -> {c.after})"
        )
        if c.tag in lost:
            print(f"    warning: {_lost_words(c.tag, lost[c.tag], activate)}")
    if args.deep:
        print("\n".join(sampled_lines(result.counts.get("sampled_changes", {}))))
    if result.metrics and (table := _metrics_table(result, short)):
        print("\n".join(table))
    print(f"against {result.parent}: {judged_words}" + (f"; {summary}" if summary else ""))
    warnings, notes = few_no_and_own_photos_words(result.counts, _queue)
    for words in warnings:
        print(f"warning: {words}")
    for words in notes:
        print(f"note: {words}")
    for tag, n in few_photos.items():
        print(f"note: {_few_photos_line(tag, n)}")
    for words in result.taken_back_words():
        print(f"note: {words}")
    if replaced:
        print(replaced_words(replaced, result.parent))
    if activate:
        # "the library was re-tagged" read as if photos had changed when none had; and which
        # tags moved, as `models use` says them (it named none).
        moved = moved_words(moves, shown=10) if changed else ""
        said = f" ({moved})" if moved else ""
        print(f"{result.version} is now active; {changed_words(len(changed))}{said}")
    elif args.no_activate:
        print(
            f"{result.version} saved; still using {result.parent} "
            f"(phototagger models use {result.version})"
        )
    else:
        print(
            f"{result.version} measures worse than {result.parent}, so {result.parent} stays "
            f"active (use --force, or: phototagger models use {result.version})"
        )
    return EXIT_OK


def said_put_back(library: Library) -> None:
    """A model switch killed midway (`train` or `models use` killed while re-tagging): its
    photos put back on the active version, and said on stderr."""
    from phototagger.core.model.retag import put_back_killed_switch, put_back_words

    put_back = put_back_killed_switch(library)
    if put_back is not None:
        apply = f"phototagger models use {put_back.to}"
        print(f"phototagger: {put_back_words(put_back, apply)}", file=sys.stderr)


@command("models")
def _models(args: argparse.Namespace) -> int:
    from phototagger.core.embedding_sources import describe_sources
    from phototagger.core.kept_off import kept_off_words
    from phototagger.core.model.listing import damaged_words, describe, version_listing

    with open_library_or_fail() as library:
        if args.models_command != "use":  # a switch does it itself, and then says what it did
            said_put_back(library)
        # Every record read once; an older summary's figures out of 100, as Model ▸ Versions
        # gives them (they read 'out of 1.00: ... 0.86 -> 1.00').
        versions, damaged = version_listing(library, out_of_100=True)
        if args.models_command == "use":
            return _use(args, library, versions, damaged)
        if args.models_command == "diff":
            return _diff(args, library, (versions, damaged))
        sources = describe_sources(library.db)
        folder = str(library.models.folder)
    active = next((v.version for v in versions if v.active), None)
    for v in versions:  # listed, "damaged" in its row (--json: "damaged"); what to do here
        if v.damaged:
            print(
                f"phototagger: {damaged_words(v.version, v.damaged, active, folder)}",
                file=sys.stderr,
            )
    for reason in damaged.values():  # left out of the list: said, on stderr (not in --json)
        print(f"phototagger: {reason}", file=sys.stderr)
    if args.json:
        print_json([describe(v) for v in versions])
        return EXIT_OK
    for v in versions:
        # The active version said in a word: a "*" here meant "active", and in train's table
        # "fewer than 5 held-out yes answers".
        state = "active" if v.active else ""
        made = (v.created_at or "built in")[:19].replace("T", " ")
        parent = f" from {v.parent}" if v.parent else ""
        if v.never_active:  # as Model ▸ Versions' italics: one of ten lines, it never tagged
            parent += " (never made active)"
        # The tags it still serves: a merge or delete since drops a column it was saved with.
        since = f" ({v.dropped} merged or deleted since)" if v.dropped else ""
        # Its weights unusable: it was listed as any other, and found only by `models use`.
        summary = f"DAMAGED: {v.damaged}" if v.damaged else v.metrics_summary
        print(f"{v.version:<5} {state:<6} {made:<19} {v.tags:>3} tags{since}{parent}  {summary}")
        # The kinds of photo it holds under a tag's cut (core/kept_off.py), a line a tag that
        # holds some, as `train` and Model ▸ Versions say them: only --json said them here.
        for tag, how in (v.learned or {}).items():
            if kept := kept_off_words(how):
                print(f"  {shown_name(tag)}: {kept}")
    print(sources)
    return EXIT_OK


def _use(
    args: argparse.Namespace,
    library: Library,
    versions: list[VersionInfo],
    damaged: dict[str, str],
) -> int:
    """`models use VERSION`: the switch, and what it did."""
    from phototagger.core.errors import DamagedModel, PhototaggerError
    from phototagger.core.failures import damaged_version
    from phototagger.core.model.activation import activate_version, changed_words, moved_words
    from phototagger.core.model.active import active_version
    from phototagger.core.model.listing import damaged_words
    from phototagger.core.scan_lock import model_lock

    args.version = _version_asked(args.version, versions, damaged)
    # Held from reading the active version to the switch's end: two `models use` at once both
    # said "is now active" (or one "was active already"), and one of them was not.
    with model_lock(library.database_path):
        try:
            before: str | None = active_version(library.db)
        except (PhototaggerError, ValueError):  # unusable (DamagedModelError): replaced now
            before = None
        changed: set[int] = set()  # the photos whose tags as shown changed
        moves: dict[str, tuple[int, int]] = {}  # and the tags they gained or dropped
        try:
            count = activate_version(library, args.version, changed=changed, moves=moves)
        except (PhototaggerError, ValueError) as exc:  # DamagedModelError is a ValueError
            met = damaged_version(exc)
            if met is None or met[0] != args.version or before in (None, args.version):
                raise
            # "Switch to another version (phototagger models use v1) or train again", with
            # v1 active and staying so: what is true of a damaged version that is not active.
            folder = str(library.models.folder)
            raise DamagedModel(damaged_words(args.version, met[1], before, folder)) from exc
        lost = _tags_given_up(library, before, args.version) if before else []
        if args.json:
            print_json(
                {
                    "active": args.version,
                    "retagged": count,
                    "changed": len(changed),
                    "tags_moved": _moved_json(moves),
                    "tags_it_lacks": lost,
                }
            )
        else:
            # "60 photos re-tagged" said how many were scored again, not whether any changed;
            # "is now active" of the version that was, that something had switched.
            now = "was active already" if before == args.version else "is now active"
            # Which tags moved, as the status line says them: the terminal has room for more.
            moved = moved_words(moves, shown=10) if changed else ""
            said = f" ({moved})" if moved else ""
            print(f"{args.version} {now}; {changed_words(len(changed))}{said}")
            if lost:
                names = ", ".join(repr(t) for t in lost)
                them = "it" if len(lost) == 1 else "them"
                print(
                    f"{args.version} does not know {names}: it suggests {them} on no photo; "
                    f"the photos you tagged keep {them} (back: phototagger models use {before})"
                )
        return EXIT_OK


def _version_asked(text: str, versions: list[VersionInfo], damaged: dict[str, str]) -> str:
    """The version `models use` or `models diff` was asked about, as models lists it."""
    from phototagger.core.errors import UnknownVersion

    known = [v.version for v in versions]  # v1, v2, ..., v10: in order
    if not text.strip():  # was "there is no model version  (versions: v1, v2)"
        raise UsageError(f"which version? (versions: {', '.join(known)})")
    version = _version_named(text)
    if version not in known and version not in damaged:
        raise UnknownVersion(f"there is no model version {text} (versions: {', '.join(known)})")
    return version


def _diff(args: argparse.Namespace, library: Library, listing: Listing) -> int:
    """`models diff VERSION`: what `models use VERSION` would change now, in its words, before
    it is run (Model ▸ Versions says it of the version selected)."""
    from phototagger.core.errors import DamagedModel
    from phototagger.core.model.listing import damaged_words
    from phototagger.core.model.switch_preview import switch_preview

    versions, damaged = listing
    version = _version_asked(args.version, versions, damaged)
    broken = damaged.get(version) or next((v.damaged for v in versions if v.version == version), "")
    if broken:  # as `models use` says it: it cannot be read, so neither used nor compared
        active = next((v.version for v in versions if v.active), None)
        raise DamagedModel(damaged_words(version, broken, active, str(library.models.folder)))
    preview = switch_preview(library, version)
    apply = f"phototagger models use {version}"
    if args.json:
        print_json(
            {
                "version": version,
                "active": preview.active,
                "changed": preview.photos,
                "tags_moved": _moved_json(preview.moves),
                "not_counted": preview.not_counted_words(apply) if preview.not_counted else None,
            }
        )
    elif version == preview.active:
        print(f"{version} is the active version: making it active changes nothing")
    elif preview.not_counted:
        print(f"what {version} would change is {preview.not_counted_words(apply)}")
    else:  # in `models use`'s words, as many tags as it names
        print(f"made active now, {version} {preview.would_change_words(shown=10)}")
    return EXIT_OK


def _moved_json(moves: dict[str, tuple[int, int]]) -> dict[str, dict[str, int]]:
    """A switch's moved tags (activate_version's `moves`) as `--json` gives them: each tag as
    it reads, {"more": photos it came on, "fewer": photos it went off}."""
    return {
        shown_name(name): {"more": more, "fewer": fewer}
        for name, (more, fewer) in sorted(moves.items())
    }


def _version_named(text: str) -> str:
    """The version `text` names: 'models use 1' was refused with "there is no model version 1
    (versions: v1, v2)", the number the list shows after its 'v'. '1', 'v1' and 'V1' are v1."""
    name = text.strip()
    number = name[1:] if name[:1] in ("v", "V") else name
    return f"v{int(number)}" if number.isascii() and number.isdigit() else name


def _tags_given_up(library: Library, before: str, after: str) -> list[str]:
    """The tags `before` suggests and `after` does not: rolled back past the version that
    learned them, 'pets' vanished from every photo the user had not tagged, and the switch
    said only "v1 is now active; 147 photos re-tagged"."""
    from phototagger.core.errors import PhototaggerError
    from phototagger.core.model.tagger import load_head

    try:
        had = load_head(library, before).tag_names
    except (PhototaggerError, OSError, ValueError):  # the version switched from was unusable
        return []
    has = set(load_head(library, after).tag_names)
    return [shown_name(name) for name in had if name not in has]


def _a_tag_named(tag: str) -> None:
    """Refuse an empty TAG as `label` does: `review ''` and `scores ''` said "there is no tag
    called ''; to make it a new tag, label a few photos with it and train" (exit 3), where
    `label --add ''` refuses the name."""
    if not tag.strip():
        raise UsageError("a tag name cannot be empty")


@command("review")
def _review(args: argparse.Namespace) -> int:
    from phototagger.core.detector_tags import held_name
    from phototagger.core.model.review import nothing_to_review, review_round
    from phototagger.core.review_mix import (
        WHY_CODE,
        nothing_likely_words,
        places,
        scored_why_words,
        why_words,
    )

    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    _a_tag_named(args.tag)
    with open_library_or_fail() as library:
        # Found as the Review tab finds it: 'AC/DC' is the keyword AC/DC read from the files.
        tag = _leaf_meant(library.db, held_name(library.db, args.tag))
        queue = review_round(library, tag, limit=args.limit)
        items = queue.items
        if not items:  # an empty list printed nothing: said why, on stderr (stdout stays as it is)
            print(f"phototagger: {nothing_to_review(library, tag)}", file=sys.stderr)
    # The tag found all it is likely to: 50 photos at 0-8% each, "below, check", never said so.
    # Only over a list: "the nearest is listed" with nothing listed (read38), as the Review tab.
    settled = queue.settled and queue.cut is not None and bool(items)
    # "why": a stable code (unsure, confident, missed, unseen, not_tagged); the words beside it
    if args.json:
        print_json(
            [
                {
                    "path": i.path,
                    "confidence": round(i.confidence, 4),
                    "why": WHY_CODE.get(i.why, i.why),
                    "why_words": why_words(i.why, i.confidence, i.cut),
                    **({} if i.cut is None else {"threshold": round(i.cut, 4)}),
                    "nothing_likely_left": settled,
                }
                for i in items
            ]
        )
    else:  # why each photo is asked about, after it: the queue mixes lines (core/review_mix.py)
        if settled and queue.cut is not None:  # before the list, on stderr as the next step
            whys = [i.why for i in items]
            print(
                nothing_likely_words(shown_name(tag), queue.nearest, queue.cut, whys, queue.tested),
                file=sys.stderr,
            )
            sys.stderr.flush()
        width = min(max((len(i.path) for i in items), default=0), 60)
        for item in items:
            # For a tag that stays on its yes answers, the figure said for what it is.
            why = scored_why_words(item.why, item.confidence, item.cut)
            # To as many places as the cut named beside it: "0.954 ... just above 95.2%", not
            # "0.95" (review_mix.places); 6 wide where it takes "0.9504" and "95.04%".
            score = f"{item.confidence:5.{places(item.confidence, item.cut) + 2}f}"
            print(f"{score}  {item.path:<{width}}  ({why})" if why else f"{score}  {item.path}")
        if items:  # the next step, as `train` ends with one; on stderr, as `search`'s count
            sys.stdout.flush()  # after the list, also where stdout is a pipe (buffered)
            if gone := [i.path for i in items if not os.path.isfile(i.path)]:
                print(f"phototagger: {_gone_words(gone)}", file=sys.stderr)
            print(_next_step(tag, settled, queue), file=sys.stderr)
    return EXIT_OK


def _gone_words(gone: list[str]) -> str:
    """Of the photos `review` lists, those whose files are not there to look at (deleted,
    moved, a drive not mounted, made a folder since the scan): listed as any other, the user
    sent to open a path that was not there, and not a word of it."""
    first = os.path.basename(gone[0]) or gone[0]
    which = (
        f"the file of {first} is"
        if len(gone) == 1
        else f"the files of {len(gone)} of these photos ({first} and {len(gone) - 1:,} more) are"
    )
    return (
        f"{which} not there any more (deleted, moved, on a drive not connected, or no longer a "
        "file since the last scan); "
        "an answer given still counts, and a scan of their folder takes photos deleted out of "
        "the queue (phototagger scan FOLDER)"
    )


def _leaf_meant(db: sqlite_utils.Database, name: str) -> str:
    """`name`, or the one tag whose last level it is, as `search` takes it: 'review crete' said
    "there is no tag called 'crete'; to make it a new tag, label a few photos with it" where
    the sidecar's Places|Crete is the tag 'Places/Crete', which 'search crete' finds
    (polish36). Said on stderr, as `search` says it."""
    from phototagger.core.tag_admin import leaf_or_name

    meant = leaf_or_name(db, name)
    if meant != name:
        print(f"phototagger: note: {name}: {shown_name(meant)}", file=sys.stderr)
    return meant


def _lost_paths(library: Library, result: TrainingResult) -> dict[str, list[str]]:
    """Per tag the version takes off photos nobody answered about (TrainingResult's
    lost_unanswered), their paths, surest off first."""
    from phototagger.core.version_diff import lost_unanswered_paths

    return lost_unanswered_paths(library.db, result.changes, result.lost_unanswered())


LOST_NAMED = 3  # the paths `train` names of the photos a tag is taken off unanswered


def _lost_words(tag: str, paths: list[str], applied: bool) -> str:
    """The warning of photos taken off `tag` that nobody answered about, with where its
    closest calls are and how to keep the tag on one (`label --add`: a yes shows whatever
    version). `paths` come surest off first: the first 3 named a bird, a dragonfly and a fox
    losing "sea animals" (rightly), and the turtle, jellyfish and whale it took it off too
    were the 32nd to 50th of 52 (walk64): the closest calls are those worth a look."""
    from phototagger.core.version_diff import lost_unanswered_words

    words = lost_unanswered_words(tag, len(paths), applied=applied)
    closest = paths[::-1]
    named = ", ".join(closest[:LOST_NAMED])
    more = len(paths) - LOST_NAMED
    if more > 0:
        named += f" and {more:,} more (--json lists all)"
    if len(paths) > 1:
        words += " (the closest calls first)"
    keeps = "puts it back there" if applied else "keeps it there"
    return (
        f"{words}: {named}; if one shows {shown_name(tag)}, "
        f"phototagger label PATH --add {_typed(tag)} {keeps}"
    )


def _queue(tag: str) -> str:
    """`tag`'s review queue, as this command line names it: "phototagger review 'beach day'"."""
    return f"phototagger review {_typed(tag)}"


def _few_photos_line(tag: str, n: dict[str, int]) -> str:
    """core/few_photos' words, the queue named as this command line's."""
    from phototagger.core.few_photos import few_photos_words

    return few_photos_words(
        tag,
        n["others"],
        n["yes"],
        _queue(tag),
        n.get("tested_yes", 0),
        n.get("found", 0),
        bool(n.get("nothing_likely_left")),
        n.get("confirmed", 0),
    )


def _next_step(tag: str, settled: bool, queue: ReviewRound) -> str:
    """The line after `review TAG`'s list: a tag kept on its yes answers because they are
    whole folders (ReviewRound.by_folder) is tagged by labelling a folder, as `train` said
    ("answer them: ..., then train" was said of it: words40); check_words once nothing likely
    is left to find; else answer_words. A tag taught from yes answers on whole folders that
    goes on other photos (ReviewRound.yes_folders) is told both ways, as `train`'s warning
    tells it: those words, then how labelling a folder tags its photos (words41: only "answer
    them: ..., then train" was said). Where the words before the list already said which
    photos to say yes to, then train again (nothing_likely_words, a test that missed some),
    only how: say_yes_words (read42: "if one of them shows X: ..., then train" said it again)."""
    from phototagger.core.no_answers import yes_folders_words
    from phototagger.core.review_mix import missed_some

    if queue.by_folder:
        return queue.by_folder
    if settled and queue.cut is not None and queue.tested and missed_some(*queue.tested):
        step = say_yes_words(tag)
    else:
        step = check_words(tag) if settled else answer_words(tag)
    if queue.yes_folders:
        return f"{step}; {yes_folders_words(tag, queue.yes_folders)}"
    return step


def answer_words(tag: str) -> str:
    """How to answer the photos `review TAG` lists: it said nothing of it, and the user had
    to find `label` in --help (polish28)."""
    name = _typed(tag)
    return (
        f"answer them: phototagger label PATH... --add {name} (yes) or --reject {name} (no), "
        "then train; or in the app's Review tab (Model ▸ Review Queue, Ctrl+E)"
    )


def check_words(tag: str) -> str:
    """How to answer the photos `review TAG` lists once nothing likely is left to find: "answer
    them: ..., then train" under "Nothing likely left to find ... if you want to check" (q39)
    asked for an answer on each photo, all far under the cut, and a training. Only a photo it
    missed after all, said yes to, is worth one then."""
    name = _typed(tag)
    return (
        f"if one of them shows {shown_name(tag)}: phototagger label PATH --add {name}, then "
        "train; the others need no answer (or in the app's Review tab: Model ▸ Review Queue, "
        "Ctrl+E)"
    )


def say_yes_words(tag: str) -> str:
    """How to say yes to a photo `review TAG` lists, where the words before the list said
    which ones to and to train after."""
    name = _typed(tag)
    return (
        f"to say yes: phototagger label PATH --add {name} (or in the app's Review tab: "
        "Model ▸ Review Queue, Ctrl+E)"
    )


def _typed(tag: str) -> str:
    """`tag` as `label` takes it on this command line, one word: 'AC\\/DC', 'beach day' quoted."""
    import shlex

    from phototagger.tag_names import typed_form

    return shlex.quote(typed_form(tag))


def _yours(over: list[int], said_yes: set[int]) -> str:
    """How many of the photos `over` the cut the user said yes to: weak34's "beach day" was put
    on "17 of the 360 photos listed", every one a yes answer of theirs, and the line read as a
    tag on 17 photos of the library."""
    yours = sum(1 for pid in over if pid in said_yes)
    if not yours:
        return ""
    if yours == len(over):
        return ", every one a photo you said yes to" if yours > 1 else ", a photo you said yes to"
    return f" ({yours:,} of them you said yes to)"


@command("scores")
def _scores(args: argparse.Namespace) -> int:
    from phototagger.core.detector_tags import held_name
    from phototagger.core.model.review import nothing_to_score, tag_scores, tag_threshold
    from phototagger.core.model.tagger import load_head
    from phototagger.core.photos_view import paths_by_id
    from phototagger.core.states import POSITIVE_STATES
    from phototagger.core.version_diff import answers_on

    if args.limit is not None and args.limit < 1:  # scored[:-3] would be all but the last 3
        raise UsageError("--limit must be at least 1")
    _a_tag_named(args.tag)
    with open_library_or_fail() as library:
        tag = _leaf_meant(library.db, held_name(library.db, args.tag))
        head = load_head(library)
        scored = tag_scores(library, tag, head)
        # Where the model starts tagging: `review` said "just below where it starts tagging"
        # of a photo at 0.88, and no command said where that was.
        threshold = tag_threshold(library, tag, head)
        if args.limit is not None:
            scored = scored[: args.limit]
        paths = paths_by_id(library.db, [pid for pid, _ in scored])
        if not paths:  # nothing printed and exit 0 read as a fault: said why, on stderr
            print(f"phototagger: {nothing_to_score(library)}", file=sys.stderr)
        decided = answers_on(library.db, [tag])[tag]
        said_yes = {pid for pid, state in decided.items() if state in POSITIVE_STATES}
    shown = [(pid, c) for pid, c in scored if pid in paths]
    if args.json:
        cut = {} if threshold is None else {"threshold": round(threshold, 4)}
        print_json([{"path": paths[pid], "confidence": round(c, 4), **cut} for pid, c in shown])
    else:
        for pid, conf in shown:
            print(f"{conf:5.2f}  {one_line(paths[pid])}")
    if threshold is not None and shown and not args.json:
        over = [pid for pid, c in shown if c >= threshold]
        print(
            f"phototagger: {head.version} puts {shown_name(tag)!r} on photos scoring "
            f"{threshold:.2f} or more: {len(over):,} of the {counted(len(shown), 'photo')} "
            f"listed{_yours(over, said_yes)}; a photo you answered keeps your answer",
            file=sys.stderr,
        )
    return EXIT_OK


def _labelled_apart(counts: Mapping[str, Any]) -> str:
    """ "13 you answered, 2 by their files' keywords alone; " where some labelled photos have
    no answer of the user's, only a keyword read from the file (`stats` counts the answers
    alone: "on 15 labelled photos" beside 13 answered read as a miscount); else nothing."""
    files = int(counts.get("keywords_only_photos") or 0)
    if not files:
        return ""
    answered = int(counts["labelled_photos"]) - files
    return f"{answered:,} you answered, {files:,} by their files' keywords alone; "
