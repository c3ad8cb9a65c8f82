"""The headless front door: `phototagger COMMAND ...`, the same use cases as the GUI.

Heavy imports (TensorFlow, the store) happen inside the command that needs them, so `--help` is
instant. Every listing command takes --json. Exit status: 0 success; 1 a job finished but some
files had problems; 2 usage: the command line wrong in itself, whatever the library holds (also
when a command finds it so: nothing to do, a --limit of 0); 3 a failure with a one-line reason
(not in the library, disk full, read-only library...); 70 a bug (traceback in a log file,
"please report"); 130 interrupted or stopped; 141 the reader of the output went away. 2 (after
parsing), 3 and 130 are domain errors' (core/errors.py): the only exceptions caught here besides
Ctrl-C; anything else is a bug.
"""

from __future__ import annotations

import argparse
import atexit
import os
import signal
import sys
import threading
from collections.abc import Sequence

from phototagger import __version__
from phototagger.commands import (  # noqa: F401 - registers them
    gui,
    library,
    metadata,
    models,
    people,
    similar,
    tag_admin,
)
from phototagger.commands.base import (
    COMMANDS,
    EXIT_BUG,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    common,
    use_home,
)
from phototagger.paths import default_home


class _Paragraphs(argparse.HelpFormatter):
    """argparse's help, but a blank line in the description or epilog starts a new paragraph
    (argparse wraps all of it into one): how to start apart from what the exit statuses mean."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        fill = super()._fill_text  # bound here: a bare super() fails inside the generator
        return "\n\n".join(fill(part, width, indent) for part in text.split("\n\n"))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="phototagger",
        formatter_class=_Paragraphs,
        description="Tag your photo collection with a CNN (a neural network that recognises "
        "what a photo shows) that learns from your corrections. Offline: nothing leaves your "
        "machine. 'phototagger COMMAND --help' tells more about each command.",
        epilog="To start: 'phototagger scan DIR' adds the photos in DIR and tags them; "
        "'phototagger stats' and 'phototagger search TAG' show what it found; "
        "'phototagger review TAG' lists photos to check, 'phototagger label PATH... --add "
        "TAG' (or --reject TAG) answers, and "
        "'phototagger train' learns from your answers. 'phototagger gui' opens the same library "
        "in the desktop app.\n\nExit status: 0 done; 1 done, but some files had problems "
        "('phototagger problems' lists them); 2 the command line was wrong; 3 it could not be "
        "done, for the reason given; 70 a bug (please report it); 130 interrupted or stopped "
        "(what was done is kept).",
    )
    parser.add_argument("--version", action="version", version=f"phototagger {__version__}")
    # Also before the command (`phototagger --home DIR scan ...`); its own dest, since a
    # subcommand's default would overwrite a shared one.
    parser.add_argument(
        "--home",
        dest="global_home",
        metavar="DIR",
        help="keep the library and caches under DIR (default: PHOTOTAGGER_HOME, else your "
        "user data folder); may also come after the command",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser(
        "classify",
        parents=[common(device=True)],
        help="tag image files directly, without a library",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="photo files (any format a scan reads)")
    p.add_argument(
        "--top",
        type=int,
        default=3,
        metavar="N",
        help="also show the N ImageNet classes the CNN finds likeliest (ImageNet: the 1,000 "
        "kinds of thing it first learned, such as 'tabby cat'; default 3, 0: none)",
    )

    p = sub.add_parser(
        "scan",
        parents=[common(device=True)],
        help="add folders to the library, find new and changed photos, tag them",
    )
    p.add_argument(
        "folders",
        nargs="*",
        metavar="DIR",
        help="folders of photos (none: the library's folders, scanned again)",
    )
    p.add_argument(
        "--batch-size",
        type=int,
        default=32,
        metavar="N",
        help="photos the CNN reads at a time (default 32)",
    )
    p.add_argument(
        "--runtime",
        choices=("auto", "openvino", "openvino-bf16", "openvino-mixed", "litert", "tensorflow"),
        default=None,
        help="the program that runs the CNN on the CPU (default: the library setting, else "
        "auto). auto: the fastest one that tags as TensorFlow does, measured once after the "
        "first scan; openvino: Intel's OpenVINO in full precision (32-bit), openvino-bf16 in "
        "half precision (bf16: faster, on CPUs that have it), openvino-mixed: the first layers "
        "in full precision, the rest bf16; litert: Google's LiteRT; tensorflow: the reference, "
        "slowest",
    )
    p.add_argument(
        "--quiet",
        action="store_true",
        help="no progress display and no note on the runtime: the counts and any errors only",
    )
    p.add_argument(
        "--ray",
        metavar="ADDRESS",
        default=None,
        help="read the photos, run the CNN and look for faces on a Ray cluster (several "
        "machines working together; auto: the one started on this machine, or HOST:6379), "
        "which must reach the folders at the same paths; needs phototagger[cluster] installed",
    )
    p.add_argument(
        "--ray-workers",
        type=int,
        default=2,
        metavar="N",
        help="copies of the model working on the cluster at once (default 2)",
    )

    sub.add_parser(
        "people",
        parents=[common()],
        help="find faces in photos scanned before and tag them people, portrait (one large "
        "face) or group (three or more); Ctrl-C stops it, the next run carries on",
    )

    p = sub.add_parser(
        "face",
        parents=[common()],
        help="name a face of a photo, as the viewer's B does: the photo gets the person's tag "
        "(People (keywords)/NAME, apart from the face detector's 'people'; People|NAME in the "
        "keywords written into its files); '' takes the name off",
    )
    p.add_argument("path", metavar="PATH", help="a photo in the library")
    p.add_argument(
        "index", metavar="INDEX", type=int, help="the face, as 'tags PATH' lists them (1: first)"
    )
    p.add_argument("name", metavar="NAME", help="the person's name ('': no name)")

    p = sub.add_parser(
        "tags",
        parents=[common()],
        help="the tags of one photo: confidence, source (model or user) and your decision",
    )
    p.add_argument("path", metavar="PATH", help="a photo in the library")

    p = sub.add_parser(
        "search",
        parents=[common()],
        help="photos having tags (a TAG includes the tags under it: Animals finds Animals/Fish)",
    )
    p.add_argument(
        "tags",
        nargs="*",
        metavar="TAG",
        help="photos having all of these (the app's search box 'cat | dog' is --any cat dog "
        "here, and '-bird' is --not bird)",
    )
    p.add_argument("--any", action="store_true", help="having any of the tags instead of all")
    p.add_argument(
        "--not",
        dest="exclude",
        action="append",
        default=[],
        metavar="TAG",
        help="and not this tag (repeatable)",
    )
    p.add_argument("--untagged", action="store_true", help="photos with no tag at all")
    p.add_argument(
        "--name",
        dest="names",
        action="append",
        default=[],
        metavar="TEXT",
        help="whose file name contains TEXT, without case or accents (repeatable: each; "
        "the app's search box takes a word that is no tag so: 'VID', 'IMG_2024')",
    )
    p.add_argument(
        "--rating",
        type=_rating,
        metavar="N",
        help="rated at least N stars in the files (1-5, as digiKam and Lightroom set it); a "
        "reject is a pick flag: --pick rejected",
    )
    p.add_argument(
        "--label",
        metavar="COLOUR",
        help="having this colour label in the files (red, yellow, green, blue, purple, ...)",
    )
    p.add_argument(
        "--pick",
        type=_pick,
        metavar="FLAG",
        help="having this pick flag in the files: picked, rejected or pending (digiKam's Pick "
        "label; rejected is Lightroom's reject too, which it writes as rating -1)",
    )

    p = sub.add_parser(
        "label", parents=[common()], help="your decisions: add, reject or remove tags on photos"
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="the photos, or folders (every photo below them), together: every --add, "
        "--reject and --remove applies to each",
    )
    p.add_argument(
        "--add",
        action="append",
        default=[],
        metavar="TAG",
        help="the photo has TAG (any name: new tags are created; 'group/name' files it under a "
        "group, 'AC\\/DC' is one tag with a slash in it, and 'AC/DC' is that tag where the "
        "library has it, as the photos' keywords gave it)",
    )
    p.add_argument(
        "--reject",
        action="append",
        default=[],
        metavar="TAG",
        help="the photo does not have TAG; it will not be suggested on it again (until "
        "--remove TAG takes this 'no' back)",
    )
    p.add_argument(
        "--remove",
        action="append",
        default=[],
        metavar="TAG",
        help="take your decision about TAG back, your yes (--add) or your 'no' (--reject): "
        "the model's suggestion comes back if it makes one; a model suggestion you had not "
        "decided on removed counts as a rejection (to say the photo does not have TAG: "
        "--reject)",
    )

    sub.add_parser("stats", parents=[common()], help="library size, tags and their counts")
    p = sub.add_parser(
        "problems",
        parents=[common()],
        help="files that could not be read, and why; try them again or forget them",
        description="List the files that could not be read (or whose keywords could not be "
        "written), and why. After you put a file right (a good copy in its place, its "
        "permissions mended, a read-only photo made writable), --retry reads it again, or "
        "writes its keywords again, and says of each file what came of it.",
    )
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="with --retry or --forget: listed files, or folders holding listed files "
        "(--retry without PATH: every listed file)",
    )
    what = p.add_mutually_exclusive_group()
    what.add_argument(
        "--retry",
        action="store_true",
        help="read the files again (only them, not the rest of their folders), even if "
        "unchanged to a scan; write again the keywords whose write failed (as 'metadata "
        "write' does, with your Keywords in files settings); a copy a keyword write left "
        "behind: remove it",
    )
    what.add_argument(
        "--forget",
        action="store_true",
        help="take the files off the list: a file of the library is not read or listed "
        "again until it changes",
    )
    p.add_argument(
        "--quiet",
        action="store_true",
        help="with --retry: no progress display: what came of each file, and the count",
    )
    p = sub.add_parser(
        "export",
        parents=[common()],
        help="every photo with its tags: name, the model's confidence, source (model or "
        "user) and your decision",
    )
    p.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write to FILE instead of stdout: one line per photo, its path, a tab and its "
        "tags; a FILE named .csv gets comma-separated values for a spreadsheet, with a header "
        "row (path, tags)",
    )

    p = sub.add_parser(
        "train",
        parents=[common()],
        help="teach the model your corrections: a new version, compared with the active one "
        "on labelled photos kept out of its training, made active if it is not worse; it "
        "replaces the versions trained before from the same model and never made active",
    )
    p.add_argument(
        "--deep",
        action="store_true",
        help="also retrain the CNN's last layers, not only what turns its findings into tags "
        "(slow on a CPU; meant for a GPU)",
    )
    # Both at once trained a version and silently kept the old one active: refused as usage.
    which = p.add_mutually_exclusive_group()
    which.add_argument(
        "--force", action="store_true", help="make the new version active even if it measures worse"
    )
    which.add_argument(
        "--no-activate",
        action="store_true",
        help="save the new version but keep the current one active",
    )

    p = sub.add_parser(
        "models",
        parents=[common()],
        help="the model versions, the active one marked 'active' ('models use VERSION' "
        "switches to one, or rolls back; 'models diff VERSION' says first what it would change)",
    )
    models_sub = p.add_subparsers(dest="models_command", metavar="[ACTION]")
    for action, writes, words in (
        ("use", True, "make VERSION active and re-tag the library"),
        ("diff", False, "what making VERSION active would change now, per tag (changes nothing)"),
    ):
        models_sub.add_parser(action, parents=[common(action=writes)], help=words).add_argument(
            "version",
            metavar="VERSION",
            help="a version as models lists it (v1, v2...), or its number (1, 2...)",
        )

    p = sub.add_parser(
        "review",
        parents=[common()],
        help="the next photos to answer for TAG (not decided yet): those the model is unsure "
        "of, its most confident and photos it may have missed; answer with label, then train",
    )
    p.add_argument(
        "tag",
        metavar="TAG",
        help="a tag the model has learned (for a group such as Places, one of the tags under "
        "it: Places/Beach)",
    )
    p.add_argument(
        "--limit", type=int, default=20, metavar="N", help="how many photos (default 20)"
    )

    p = sub.add_parser(
        "scores", parents=[common()], help="the active model's confidence for TAG on every photo"
    )
    p.add_argument("tag", metavar="TAG", help="a tag the model has learned")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="only the N most confident")

    metadata.add_parser(sub)
    similar.add_parsers(sub)
    tag_admin.add_parsers(sub)

    sub.add_parser(
        "gui",
        parents=[common(json_output=False)],
        help="open the desktop app (the same library as these commands)",
    )
    _describe(sub)
    return parser


def _describe(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`phototagger duplicates --help` (and `models use --help`, `tag rename --help`...) showed
    how to call it, not what it does: each command's and action's own help opens with its line
    in the list above it."""
    for listed in sub._choices_actions:
        command = sub.choices[listed.dest]
        if command.description is None and listed.help:
            command.description = listed.help.replace("%%", "%")
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):
                _describe(action)


def allow_large_photos() -> None:
    """Let Pillow open photos up to our own limit (200 MP: medium-format cameras make 100 MP);
    its default bomb guard would refuse anything over 89 MP. Set once, by the front door."""
    from PIL import Image

    from phototagger.core.imaging import DEFAULT_MAX_PIXELS

    Image.MAX_IMAGE_PIXELS = DEFAULT_MAX_PIXELS


SHORT_START = """phototagger tags your photo collection with a neural network that learns from your
corrections. Offline: nothing leaves your machine.

To begin:
  phototagger scan DIR                 add the photos in DIR and tag them
  phototagger search TAG               the photos having TAG ('phototagger stats': every tag)
  phototagger label PATH... --add TAG  say a photo has TAG (--reject TAG: it does not)
  phototagger train                    learn from your answers

'phototagger gui' opens the same library in the desktop app; 'phototagger --help' lists every
command, and 'phototagger COMMAND --help' tells more about one."""

EXIT_BROKEN_PIPE = 141  # as a shell reports a process ended by SIGPIPE
INTERRUPTED = "interrupted; nothing done until now is lost: run the command again to carry on"


def script() -> int:
    """The `phototagger` program: `main`, then deaf to a Ctrl-C that comes after the work is
    done (Python would end the process by SIGINT on its way out, though nothing was stopped),
    then gone as soon as everything is written (see _leave_at_once)."""
    # Registered before anything the command registers, so it runs after all of it.
    atexit.register(_leave_at_once)
    code = main()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_code[:] = [code]
    return code


_exit_code: list[int] = []  # what script() returned: the process leaves with it


def _leave_at_once() -> None:
    """The last exit handler. By now the command's work is committed and its library closed,
    Python's threads are joined and every other exit handler has run (Ray's shutdown, logging's
    flush, temporary folders' removal). What is left is the interpreter's teardown, where
    TensorFlow's objects and thread pools kept a finished `scan` (or one stopped by Ctrl-C)
    running for 1-5 s after its summary, with nothing left to do: skipped, once stdout and
    stderr are flushed. Anything still at work gets the ordinary exit: a library open, a
    thread Python waits for, a child process, or Qt (its objects save settings as they go).
    Daemon threads are work Python itself never waits for (Ray Data leaves one polling its usage
    metrics), and with every library closed none of them can be writing to one. Nothing is
    registered with atexit before script() runs (phototagger.cli imports none of it), so every
    other exit handler runs before this one."""
    if not _exit_code or "PySide6" in sys.modules:
        return
    main_thread = threading.main_thread()
    if any(t is not main_thread and not t.daemon for t in threading.enumerate()):
        return
    if "phototagger.store.connection" in sys.modules:  # a library was opened (or looked at)
        from phototagger.core.library import libraries_open

        if libraries_open():
            return
    processes = sys.modules.get("multiprocessing")
    if processes is not None and processes.active_children():
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return  # output that cannot be written: Python's own exit deals with it as it does
    os._exit(_exit_code[0])


def _rating(text: str) -> int:
    """`search --rating`: 1 to 5 (at least that many stars). A reject is a pick flag, as in
    digiKam and Lightroom (core/queries.RATINGS): -1 or 'rejected' says to ask --pick."""
    from phototagger.core.queries import FORMER_REJECTED_RATING, RATINGS

    word = text.strip().casefold()
    try:
        rating = int(word)
    except ValueError:
        rating = None
    if word in ("rejected", "reject") or rating == FORMER_REJECTED_RATING:
        raise argparse.ArgumentTypeError(
            f"{text!r} is no rating: a reject is a pick flag, as in digiKam and Lightroom "
            "(a file rated -1 is one too): give --pick rejected"
        )
    if rating not in RATINGS:
        raise argparse.ArgumentTypeError(
            f"{text!r} is no rating: give 1 to 5 (photos with at least that many stars)"
        )
    return int(rating)


_PICK_WORDS = {"picked": "accepted", "accepted": "accepted", "rejected": "rejected"}


def _pick(text: str) -> str:
    """`search --pick`: picked (digiKam's 'accepted'), rejected or pending."""
    word = text.strip().casefold()
    found = _PICK_WORDS.get(word, word if word == "pending" else None)
    if found is None:
        raise argparse.ArgumentTypeError(
            f"{text!r} is no pick flag: give picked, rejected or pending"
        )
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; its exit status (see EXIT_* in commands/base.py and the README)."""
    from phototagger.terminal import interrupts_kept_out_of_threads, quiet_lost_interrupts
    from phototagger.text_out import fit_streams

    words = list(argv if argv is not None else sys.argv[1:])
    _FAILURES_SAID.clear()  # this command's alone, where one process runs several (the tests)
    fit_streams()  # a name's own bytes; no crash on a terminal that is not UTF-8
    try:
        with quiet_lost_interrupts(), interrupts_kept_out_of_threads():
            try:
                return _tell_unfinished_close(_run(words))
            finally:
                _tell_unwritten_copy()
    except KeyboardInterrupt:  # Ctrl-C anywhere, even outside a command: no raw traceback
        print(f"\nphototagger: {INTERRUPTED}", file=sys.stderr)
        return _tell_unfinished_close(EXIT_INTERRUPTED)
    except SystemExit as exc:  # argparse refused the command line (or --help, --version: 0)
        if exc.code not in (0, None):
            _tell_dashed_names(words)
        raise
    except BrokenPipeError:
        # The reader went away (`phototagger export | head`): not a bug, nothing to say. Output
        # still buffered would fail again at exit, so it goes nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def _tell_unfinished_close(code: int) -> int:
    """A library closed with the command's writes left in its log (library.db-wal), their copy
    into library.db refused at close (a file size limit just over its size): said once, after
    what the command said. A command that finished (0, 1) then exits as a failure (3); one that
    failed or was stopped keeps its status, and the close is said all the same (it went unsaid
    after a stop or a failure of another kind), unless that failure was a write refused by the
    same limit (of the database, or of a model version `train` wrote): that one stands alone,
    its way out the same. Nothing is lost: the next open without the limit finishes the copy."""
    if "phototagger.core.library" not in sys.modules:
        return code  # no library opened
    from phototagger.core.failures import SIZE_LIMIT_WORDS
    from phototagger.core.library import unfinished_close_lines

    lines = unfinished_close_lines()
    if any(SIZE_LIMIT_WORDS in said for said in _FAILURES_SAID):
        lines = []
    for line in lines:
        print(f"phototagger: {line}", file=sys.stderr)
    return EXIT_FAILED if lines and code in (EXIT_OK, EXIT_PROBLEMS) else code


# The failures _run said, for _tell_unfinished_close not to say one twice.
_FAILURES_SAID: list[str] = []


def _tell_unwritten_copy() -> None:
    """The embeddings' copy the command could not save (a full disk): its results are the
    same, read from the library instead, but slower every time until there is room. A note,
    once; the exit status stays the command's."""
    if "phototagger.core.embedding_matrix" not in sys.modules:
        return  # the command never needed it (and its import costs a command that does not)
    from phototagger.core.embedding_matrix import unwritten_note

    if note := unwritten_note():
        print(f"phototagger: note: {note}", file=sys.stderr)


def _tell_dashed_names(argv: list[str]) -> None:
    """After a refused command line: a file named like an option ('-rf.jpg', a phone's
    '-1.jpg') was taken for one, and argparse said only "the following arguments are required:
    PATH" or "unrecognized arguments: -rf.jpg". Each such name is told, with the two ways to
    name it, as `rm` tells them."""
    before = argv[: argv.index("--")] if "--" in argv else argv
    for word in before:
        if word[:1] == "-" and word != "-" and os.path.lexists(word):
            print(
                f"phototagger: {word} was read as an option, its name starting with '-': name "
                f"the file ./{word}, or put -- before the files (-- {word})",
                file=sys.stderr,
            )


# Words a new user reaches for to add photos, which name no command: argparse answered 'add'
# with "invalid choice: 'add' (choose from 'classify', 'scan', …)", not a word of which one adds.
ADDING_WORDS = ("add", "import")


def _command_word(argv: list[str]) -> str | None:
    """The word in the command's place: the first that is no option, --home's folder skipped."""
    words = iter(argv)
    for word in words:
        if word == "--home":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def _run(argv: list[str]) -> int:
    parser = build_parser()
    word = _command_word(argv)
    if word is not None and word not in COMMANDS and word.casefold() in ADDING_WORDS:
        parser.error(
            f"there is no command '{word}': 'phototagger scan DIR' adds the photos in DIR to the "
            "library and tags them"
        )
    args, extras = parser.parse_known_args(argv)
    if extras and args.command == "search" and not any(e.startswith("-") for e in extras):
        # argparse takes TAGs in one run: 'search people --any portrait group' refused the
        # last two as unrecognized. They are TAGs too (--any and --untagged take no value).
        args.tags = [*args.tags, *extras]
    elif extras and args.command == "label" and not any(e.startswith("-") for e in extras):
        # 'label --add x a.jpg --add y b.jpg' said only 'unrecognized arguments: b.jpg'. Every
        # option applies to every PATH, so PATHs on both sides of one are refused: labelling
        # both photos with both tags would not be what was meant.
        parser.error(
            f"label: PATHs in two places ({' '.join(args.paths)} ... {' '.join(extras)}): "
            "every --add, --reject and --remove applies to every PATH, so give the photos "
            "together (label PATH... --add TAG...), or run label once for each photo to "
            "label them differently"
        )
    elif extras and args.command == "search" and all(e[:1] == "-" != e[1:2] for e in extras):
        # 'search cat -bird': the app's search box leaves a tag out so; here it is --not.
        nots = " ".join(f"--not {e[1:]}" for e in extras)
        parser.error(f"unrecognized arguments: {' '.join(extras)} (to leave a tag out: {nots})")
    elif extras:
        parser.error(f"unrecognized arguments: {' '.join(extras)}")  # as parse_args says it
    if not args.command:
        # The whole --help (18 commands, 64 lines) scrolled the start off the screen. A short
        # start, as git gives with no command, and its exit status: no command is no work done,
        # an incomplete command line, as 'phototagger tag' with no action (2).
        print(SHORT_START)
        return EXIT_USAGE
    # The library's home is built here, once, and passed down: never through os.environ.
    home = use_home(default_home(getattr(args, "home", None) or args.global_home))
    if args.command in ("scan", "classify", "train", "gui"):
        allow_large_photos()
        from phototagger.core.decoders import video

        video.set_budget(os.environ.get("PHOTOTAGGER_CLIP_SECONDS"))
    from phototagger.core.boundary import domain_errors
    from phototagger.core.errors import PhotoError, PhototaggerError

    try:
        # Lower layers' expected failures (a newer library, no GPU...) become domain errors here.
        with domain_errors(home):
            return COMMANDS[args.command](args)
    except PhototaggerError as exc:
        print(f"phototagger: {exc.message}", file=sys.stderr)
        _FAILURES_SAID.append(exc.message)
        return exc.exit_code
    except PhotoError as exc:
        print(f"phototagger: {exc.message}", file=sys.stderr)
        _FAILURES_SAID.append(exc.message)
        return EXIT_FAILED
    except BrokenPipeError:
        raise  # handled in main(): the reader of our output went away
    except Exception as exc:  # anything else is a bug: said so, with its traceback in a log
        from phototagger.commands.crash_report import report_bug

        report_bug(exc, argv, home)
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
