"""The one door to pyexiv2: read the fields phototagger cares about, and write them atomically.

Every write goes into a temporary copy next to the target, flushed to disk, which then replaces
it in one rename (phototagger.durable): a crash, a full disk or a power cut leaves the original
file as it was. A copy left by a process killed before its rename (a hidden full-size duplicate
of the photo) is removed by the next scan of its folder, or the next write into it, once it is
old enough to belong to no live write (remove_leftovers).
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from phototagger.core.decoders import PHOTO_EXTENSIONS
from phototagger.core.errors import EMPTY_FILE, NOT_A_PICTURE, PhototaggerError
from phototagger.core.formats import claimed_format
from phototagger.core.metadata import jpeg, lang_alt, tiff
from phototagger.core.metadata.keywords import BAG_KEYS, FIELDS, XP_KEYWORDS, split_xp
from phototagger.core.metadata.regions import REGION_PREFIXES
from phototagger.durable import mark_abandoned, remove_abandoned, replace_durably

# Ratings and labels: digiKam, Lightroom and darktable spell them differently.
RATING_KEYS = ("Xmp.xmp.Rating", "Exif.Image.Rating")
PICK_KEY = "Xmp.digiKam.PickLabel"
COLOR_KEYS = ("Xmp.digiKam.ColorLabel", "Xmp.xmp.Label", "Xmp.darktable.colorlabels")
_WANTED = frozenset({f.key for f in FIELDS} | set(RATING_KEYS) | {PICK_KEY} | set(COLOR_KEYS))
# A title and a caption (description), as digiKam and Lightroom write them, XMP first: read on a
# scan for the details panel only. Never written by phototagger, never among _WANTED (a new
# sidecar starts with them, xmp_for_new_sidecar). Exif's ImageDescription is left out: cameras
# fill it with their own words ("OLYMPUS DIGITAL CAMERA").
TITLE_KEYS = ("Xmp.dc.title", "Iptc.Application2.ObjectName")
CAPTION_KEYS = ("Xmp.dc.description", "Iptc.Application2.Caption")
TEXT_KEYS = frozenset((*TITLE_KEYS, *CAPTION_KEYS))
_IPTC_UTF8 = {"Iptc.Envelope.CharacterSet": "\x1b%G"}
EMPTY_SIDECAR = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n'
    "</x:xmpmeta>\n"
)

Fields = dict[str, list[str]]

# The temporary copy a write makes beside its target: hidden (a leading dot), so that no scan
# takes it for a photo, and named as tempfile.mkstemp names it between the two.
_TEMP_PREFIX, _TEMP_SUFFIX = ".{name}.", ".phototagger-tmp"
LEFTOVER = re.compile(r"\..+\.[a-z0-9_]{8}" + re.escape(_TEMP_SUFFIX), re.DOTALL)
_cleared: set[Path] = set()  # the folders this process cleared of leftovers when it wrote there


def remove_leftovers(folder: Path, names: Collection[str] | None = None) -> dict[Path, str]:
    """Remove the temporary copies in `folder` that writes killed before their rename left
    behind, once nobody has touched them for durable.ABANDONED_S (a live write's copy is
    younger). `names`: the folder's names, where the caller listed it already. Returns those
    that could not be removed, each with a line for the user: what it is, what to do."""
    stayed = remove_abandoned(folder, LEFTOVER, names)
    return {folder / name: _left_copy_words(folder / name, exc) for name, exc in stayed.items()}


def clear_before_writing(folder: Path) -> dict[Path, str]:
    """remove_leftovers before a write into `folder`, which then lists it no more this run
    (the write job calls it first, to report those that stay: core/metadata/job.py)."""
    _cleared.add(folder)
    return remove_leftovers(folder)


def _left_copy_words(path: Path, exc: OSError) -> str:
    photo = path.name[1 : -len(_TEMP_SUFFIX) - 9]  # ".IMG_1.jpg.k3j9x_0a.phototagger-tmp"
    if path.is_dir():  # phototagger makes files only: someone else's folder, to look into
        return (
            f"a folder named like the copy phototagger makes of {photo} while writing its "
            "keywords; phototagger did not make it and leaves it alone (the dot at the start "
            "of its name hides it, and scans do not look inside). Look inside, then delete it "
            "or rename it"
        )
    why = "no permission" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
    return (
        f"a copy of {photo} that phototagger made while writing its keywords and left behind "
        f"when the write was stopped or failed; it could not be removed ({why}). It is safe to "
        f"delete: {photo} itself is whole"
    )


class MetadataError(PhototaggerError):
    """A file whose metadata could not be read or written; the message is one line for users.
    `left_copy`: the write's own copy, which it could not remove (its path, and what it is and
    what to do, for the user), for the write job to list in Problems (core/metadata/job.py)."""

    left_copy: tuple[Path, str] | None = None


def _remove_own_copy(temp: Path) -> tuple[Path, str] | None:
    """Remove the copy a write gave up on. One that stays (its folder made read-only since,
    append-only, a disk gone read-only) is dated abandoned, so that the next scan or write
    tries again to remove it and does not take it for a live write's copy for an hour; it is
    returned with what it is and what to do."""
    try:
        temp.unlink()
    except FileNotFoundError:
        return None
    except OSError as exc:
        with contextlib.suppress(OSError):
            mark_abandoned(temp)
        return temp, _left_copy_words(temp, exc)
    return None


def _pyexiv2() -> Any:
    # Imported on first use: the CLI's --help and the GUI's first window do not pay for it.
    import pyexiv2

    pyexiv2.set_log_level(4)  # mute libexiv2's warnings about odd makernotes on stderr
    return pyexiv2


# libexiv2 takes file names as UTF-8 only; a name that is not (old cameras, zips) is read from
# its bytes instead, up to this size (a photo's metadata sits in its first megabytes anyway).
_MAX_BYTES_READ = 256 * 1024 * 1024


@contextlib.contextmanager
def _opened(path: Path, data: bytes | None = None) -> Iterator[Any]:
    """The file at `path` opened by pyexiv2 (`data`: its bytes, already read)."""
    try:
        if data is not None:
            image = _pyexiv2().ImageData(data)
        elif _utf8_name(path):
            image = _pyexiv2().Image(str(path), encoding="utf-8")
        else:
            image = _pyexiv2().ImageData(_bytes_of(path))
    except (RuntimeError, OSError, UnicodeError) as exc:
        shown = str(path).encode("utf-8", "backslashreplace").decode("utf-8")
        if _empty(path, data):  # exiv2 said "Failed to read input data": no help to a user
            raise MetadataError(f"{shown}: {EMPTY_FILE}") from exc
        if _no_picture(path, data):  # a text file named notes.jpg: exiv2's words again
            raise MetadataError(f"{shown}: {NOT_A_PICTURE}") from exc
        raise MetadataError(f"{shown}: cannot read its metadata ({_reason(exc)})") from exc
    try:
        yield image
    finally:
        image.close()


def _empty(path: Path, data: bytes | None) -> bool:
    if data is not None:
        return not data
    try:
        return os.stat(path).st_size == 0
    except OSError:
        return False


def _no_picture(path: Path, data: bytes | None) -> bool:
    """Whether a file named as a photo (not a sidecar, a RAW or a clip) holds none of the
    picture formats' first bytes, as a scan and classify find it."""
    if path.suffix.lower() not in PHOTO_EXTENSIONS:
        return False
    if data is None:
        try:
            with open(path, "rb") as handle:
                data = handle.read(64)
        except OSError:
            return False
    return claimed_format(data[:64]) is None


def _utf8_name(path: Path) -> bool:
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _bytes_of(path: Path) -> bytes:
    with open(path, "rb") as handle:
        if os.fstat(handle.fileno()).st_size > _MAX_BYTES_READ:
            raise OSError("too large to read its metadata from a name that is not UTF-8")
        return handle.read()


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def read_fields(path: Path, *, xmp_only: bool = False, texts: bool = False) -> Fields:
    """The keyword, rating and label fields of a photo (or, `xmp_only`, of a sidecar), and its
    face regions' (core/metadata/regions.py); `texts`: its title and caption's too."""
    found: Fields = {}
    wanted = _WANTED | TEXT_KEYS if texts else _WANTED
    languages: dict[str, list[str]] = {}
    with _opened(path) as image:
        readers = (
            [image.read_xmp] if xmp_only else [image.read_xmp, image.read_iptc, image.read_exif]
        )
        parts = []
        for read in readers:
            try:
                parts.append(_read_part(read))
            except RuntimeError as exc:
                raise MetadataError(f"{path}: cannot read its metadata ({_reason(exc)})") from exc
            except ValueError:
                continue  # pyexiv2 could not decode one malformed value: the other parts stand
    if texts and parts and lang_alt.needs_file_order(parts[0], lang_alt.PROPERTIES):
        languages = _languages_in_file(path)
    if not parts[0]:
        parts[0] = _heif_xmp(path) if path.suffix.lower() in _HEIF_SUFFIXES else _damaged_xmp(path)
    for part in parts:
        for key, value in part.items():
            if key in wanted or key.startswith(REGION_PREFIXES):
                found[key] = _as_list(key, value, languages.get(key, ()))
    return found


# How much of a file is searched for its XMP packet (core/metadata/lang_alt.py): a JPEG's is in
# its first segments, a TIFF's or a RAW's in its first directory, a sidecar is one.
_PACKET_SEARCHED = 8 * 1024 * 1024


def _languages_in_file(path: Path) -> dict[str, list[str]]:
    """The languages of the title's and caption's alternatives in the file's own order (what
    pyexiv2 does not keep: core/metadata/lang_alt.py); {} where it cannot be read."""
    try:
        with open(path, "rb") as handle:
            packet = lang_alt.scanned_packet(handle.read(_PACKET_SEARCHED))
    except OSError:
        return {}
    return {} if packet is None else lang_alt.file_order(packet, lang_alt.PROPERTIES)


def region_fields(path: Path) -> dict[str, Any]:
    """A photo's face-region fields (core/metadata/regions.py) as pyexiv2 gives them, each
    structure and array before its members, a language alternative as its languages: for a new
    sidecar to carry whole (read_fields' text loses the languages). {} where it has none, or its
    XMP cannot be read."""
    try:
        with _opened(path) as image:
            part = _read_part(image.read_xmp)
    except (MetadataError, RuntimeError, ValueError):
        return {}
    if not part:
        part = _heif_xmp(path) if path.suffix.lower() in _HEIF_SUFFIXES else _damaged_xmp(path)
    return {key: value for key, value in part.items() if key.startswith(REGION_PREFIXES)}


def xmp_for_new_sidecar(path: Path) -> bytes | None:
    """The photo's XMP packet less the fields phototagger writes itself (keywords, rating,
    labels, face regions: write.write_photo writes those), with the XMP form of its Exif and
    IPTC caption, title, creator, copyright and place where its XMP lacks them, for a sidecar
    made now to start as. digiKam reads a photo's XMP from its sidecar alone once there is one,
    and drops those Exif and IPTC fields where the sidecar's XMP lacks them: a title, caption or
    location left in the photo alone would be lost to it (as exiv2 does for a sidecar digiKam
    writes itself). None: nothing of the kind in it, or no metadata exiv2 reads."""
    try:
        with _opened(path) as image:
            fields = _read_part(image.read_xmp)
            packet = image.read_raw_xmp() if fields else ""
            others = [_kept_apart(image.read_exif), _kept_apart(image.read_iptc)]
        if not fields and path.suffix.lower() in _HEIF_SUFFIXES:  # exiv2 misses it (below)
            packet = (_heif_packet(path) or b"").decode("utf-8")
            fields = _packet_fields(packet.encode("utf-8")) if packet else {}
    except (MetadataError, OSError, RuntimeError, ValueError, UnicodeDecodeError):
        return None
    ours = [k for k in fields if k in _WANTED or k.startswith(REGION_PREFIXES)]
    converted: dict[str, Any] = {}
    for part, convert in zip(others, ("convert_exif_to_xmp", "convert_iptc_to_xmp"), strict=True):
        with contextlib.suppress(RuntimeError, ValueError, UnicodeError):
            converted.update(getattr(_pyexiv2(), convert)(part) if part else {})
    added = {k: v for k, v in converted.items() if k not in fields and k not in _WANTED}
    if len(ours) == len(fields) and not added:
        return None
    try:
        kept = _packet_with(packet, {**dict.fromkeys(ours), **added}, [])
    except (RuntimeError, ValueError, UnicodeDecodeError):
        return None
    return kept.encode("utf-8")


# The Exif and IPTC fields digiKam drops from a photo with a sidecar whose XMP lacks them
# (MetaEngine::Private::loadSidecarData), but keywords (phototagger writes those itself).
_DOMINATED = frozenset(
    {
        "Exif.Image.ImageDescription",
        "Exif.Photo.UserComment",
        "Exif.Image.Copyright",
        "Exif.Image.Artist",
        *(
            f"Iptc.Application2.{name}"
            for name in (
                "ObjectName",
                "Urgency",
                "Category",
                "SuppCategory",
                "SubLocation",
                "SpecialInstructions",
                "Byline",
                "BylineTitle",
                "City",
                "ProvinceState",
                "CountryCode",
                "CountryName",
                "TransmissionReference",
                "Headline",
                "Credit",
                "Source",
                "Copyright",
                "Caption",
                "Writer",
            )
        ),
    }
)


def _kept_apart(read: Any) -> dict[str, Any]:
    """Those of the `_DOMINATED` fields a reader gives that say something ({}: unreadable)."""
    try:
        part = _read_part(read)
    except (RuntimeError, ValueError):
        return {}
    return {k: v for k, v in part.items() if k in _DOMINATED and _says_something(v)}


def _says_something(value: Any) -> bool:
    """Whether a field holds more than blanks (cameras fill a UserComment with spaces, after its
    'charset=Ascii' mark, and an ImageDescription with NULs)."""
    values = value if isinstance(value, list) else [value]
    return any(re.sub(r"^charset=\S+", "", str(v)).strip(" \x00") for v in values)


# libexiv2 misses the XMP item of HEIC files exiftool wrote (checked with exiftool 12.57): it
# finds the item, then reads nothing; libheif reads it, and exiv2 parses the packet it hands over.
_HEIF_SUFFIXES = frozenset({".heic", ".heif", ".hif"})


def _heif_xmp(path: Path) -> dict[str, Any]:
    try:
        packet = _heif_packet(path)
        return _packet_fields(packet) if packet else {}
    except (OSError, RuntimeError, ValueError):
        return {}  # the photo's pixels and its other fields stand; a sidecar still counts


def _heif_packet(path: Path) -> bytes | None:
    """A HEIF file's XMP packet as libheif reads it (OSError, RuntimeError, ValueError: none)."""
    import pillow_heif

    with open(path, "rb") as handle:
        packet = pillow_heif.open_heif(handle).info.get("xmp")
    return bytes(packet) if packet else None


def _damaged_xmp(path: Path) -> dict[str, Any]:
    """The fields of a JPEG's XMP segment whose name was damaged (see jpeg.DAMAGED_XMP_NAME),
    where it has no other: the photo's XMP all the same, as exiftool reads it."""
    try:
        with open(path, "rb") as handle:
            found = jpeg.damaged_xmp(handle)
        return _packet_fields(found[1]) if found else {}
    except (OSError, RuntimeError, ValueError):
        return {}


def _packet_fields(packet: bytes) -> dict[str, Any]:
    """The fields of an XMP packet read on its own (RuntimeError, ValueError: unreadable)."""
    image = _pyexiv2().ImageData(packet)
    try:
        return _read_part(image.read_xmp)
    finally:
        image.close()


def _read_part(read: Any) -> dict[str, Any]:
    try:
        return dict(read())
    except UnicodeDecodeError:
        # Older cameras and editors wrote Latin-1 (a '©' in the copyright): every byte decodes.
        # Each value is then taken as UTF-8 where it is that (the keywords phototagger, digiKam
        # or Lightroom wrote beside an old copyright), so 'Café' is not read as 'CafÃ©'.
        return {k: _mended(v) for k, v in read(encoding="latin-1").items()}


def _mended(value: Any) -> Any:
    """A value read as Latin-1, as UTF-8 where its bytes are UTF-8."""
    if isinstance(value, list):
        return [_mended(v) for v in value]
    if isinstance(value, str):
        try:
            return value.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return value
    return value


def _legacy_iptc(image: Any, changing: Mapping[str, object]) -> dict[str, Any]:
    """The photo's IPTC text values that are not UTF-8 (Latin-1, from older programs), as text,
    for the fields not being changed: written again with the UTF-8 mark phototagger sets, so
    that mark does not make a Latin-1 '©' in the copyright unreadable to other programs."""
    try:
        image.read_iptc()
        return {}
    except UnicodeDecodeError:
        pass
    except (RuntimeError, ValueError):
        return {}
    return {
        key: _mended(value)
        for key, value in image.read_iptc(encoding="latin-1").items()
        if key not in changing
        and key != "Iptc.Envelope.CharacterSet"
        and any(not v.isascii() for v in (value if isinstance(value, list) else [value]))
    }


def _as_list(key: str, value: object, languages: Sequence[str] = ()) -> list[str]:
    if key == XP_KEYWORDS.key and isinstance(value, str):
        return split_xp(value)
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, dict):  # a LangAlt value: {'lang="x-default"': text}
        # The x-default text first, then the file's first (`languages`: the file's order).
        return lang_alt.ranked(value, languages)
    return [str(value)]


# The way to sidecars from a read-only photo, as the message recorded for it says it (in the
# command line's words: `metadata write` fails with it) and as the app says it (in Problems):
# a photographer in the app has no `--embed` to leave out.
SIDECAR_WAY_CLI = "Settings ▸ Keywords in files, or `metadata write` without --embed"
SIDECAR_WAY_APP = "File ▸ Settings ▸ Keywords in files ▸ Write to: XMP sidecar files"


def in_app_words(message: str) -> str:
    """A recorded problem's message as the app says it: its way out in the app's menus."""
    return message.replace(SIDECAR_WAY_CLI, SIDECAR_WAY_APP)


def write_fields(
    target: Path,
    changes: Mapping[str, Any],
    *,
    sidecar: bool,
    keep_times: bool = True,
    start: Path | bytes | None = None,
) -> None:
    """Set fields (None deletes one) in `target`, a photo or a sidecar (created if missing:
    from the sidecar `start`'s XMP where given, or `start` itself where it is an XMP packet's
    bytes, else empty).

    XMP keys go to XMP, Iptc.* to IPTC, Exif.* to Exif; a sidecar takes XMP only.
    """
    exists = target.exists()
    before = target.stat() if exists else None
    if before is not None and not before.st_mode & stat.S_IWUSR:
        # The rename would replace it anyway; a read-only file says "leave me as I am". The
        # message says the way out: a photo's keywords can go to a sidecar beside it instead.
        way_out = (
            "Make it writable"
            if sidecar
            else f"Make it writable, or write them to sidecars instead ({SIDECAR_WAY_CLI})"
        )
        raise MetadataError(
            f"{target}: the file is read-only; its keywords were not written. {way_out}"
        )
    if target.parent not in _cleared:  # listed once a run, not once for each of its photos
        clear_before_writing(target.parent)
    fd, temp_name = tempfile.mkstemp(
        prefix=_TEMP_PREFIX.format(name=target.name), suffix=_TEMP_SUFFIX, dir=target.parent
    )
    temp = Path(temp_name)
    packet = None  # the photo's whole new XMP, where it was made already (see _mended_xmp)
    try:
        with os.fdopen(fd, "wb") as out:
            if sidecar:  # small: changed in memory, written once
                source = (
                    _bytes_of(target)
                    if exists
                    else start
                    if isinstance(start, bytes)
                    else _bytes_of(start)
                    if start is not None
                    else EMPTY_SIDECAR.encode()
                )
                out.write(_changed_sidecar(target, source, changes))
            elif exists:
                with target.open("rb") as src:
                    packet = _mended_xmp(src, out, changes)
                    shutil.copyfileobj(src, out)
            else:
                raise MetadataError(f"{target}: no such file")
        if not sidecar:
            _modify(temp, changes, packet)
        os.chmod(temp, before.st_mode & 0o7777 if before is not None else _default_mode())
        # On disk before it takes the photo's name: a power cut never leaves an empty photo.
        try:
            replace_durably(temp, target)
        except OSError as exc:
            raise MetadataError(
                f"{target}: the disk could not store the new copy ({exc.strerror or exc}); "
                "the file was left as it was"
            ) from exc
    except BaseException as exc:
        left = _remove_own_copy(temp)
        if isinstance(exc, MetadataError):
            exc.left_copy = left
            raise
        if isinstance(exc, (RuntimeError, UnicodeError)) or (left and isinstance(exc, OSError)):
            # An OSError is one as long as no copy stays: the job says it in its own words.
            why = _reason(exc) if not isinstance(exc, OSError) else (exc.strerror or str(exc))
            error = MetadataError(f"{target}: cannot write its metadata ({why})")
            error.left_copy = left
            raise error from exc
        raise
    if before is not None and keep_times:
        # Only now, on the photo: until its rename the copy keeps its own fresh times, so that
        # another process's scan never takes a live write's copy for an abandoned one (on
        # FAT/exFAT a file's change time is its modified time, so the copy would look as old
        # as the photo).
        os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))


def _bag_keys(changes: Mapping[str, object]) -> list[str]:
    """The fields among `changes` that get values and are rdf:Bag arrays."""
    return [k for k, v in changes.items() if k in BAG_KEYS and v]


def _bagged(packet: str, keys: list[str]) -> str:
    """The XMP packet with these array fields as rdf:Bag, as the XMP spec (dc:subject) and
    Lightroom have them: pyexiv2 writes every array it is given as an rdf:Seq."""
    for key in keys:
        name = re.escape(key.split(".", 1)[1].replace(".", ":", 1))  # Xmp.dc.subject: dc:subject
        packet = re.sub(
            rf"(<{name}>\s*<rdf:)Seq(>.*?</rdf:)Seq(>\s*</{name}>)",
            r"\1Bag\2Bag\3",
            packet,
            count=1,
            flags=re.DOTALL,
        )
    return packet


def _changed_sidecar(target: Path, data: bytes, changes: Mapping[str, object]) -> bytes:
    """A sidecar's bytes with `changes` made (XMP keys only: a sidecar holds nothing else)."""
    if any(not key.startswith("Xmp.") for key in changes):
        raise ValueError("a sidecar holds XMP only")
    if any(value is None for value in changes.values()):
        # exiv2 opening a sidecar as an image of its own does not take a field out of it
        # (dc:subject stayed, its last keyword rejected: "1 rejected tag stays in its file"):
        # the packet is made as a photo's is, in a scratch JPEG.
        # Its last field out, the sidecar is an empty XMP packet, as a new one starts.
        with contextlib.suppress(UnicodeDecodeError, RuntimeError):
            packet = _packet_with(data.decode("utf-8"), dict(changes), _bag_keys(changes))
            return (packet if packet.strip() else EMPTY_SIDECAR).encode("utf-8")
    with _opened(target, data) as image:
        image.modify_xmp(dict(changes))
        changed: bytes = image.get_bytes()
    bags = _bag_keys(changes)
    try:
        packet = changed.decode("utf-8")  # a sidecar is its XMP packet, as exiv2 wrote it
    except UnicodeDecodeError:
        return changed
    return _bagged(packet, bags).encode("utf-8")


def _default_mode() -> int:
    # mkstemp makes 0600 files; a new sidecar should be readable like any file the user makes.
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@functools.cache
def _scratch_jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (1, 1)).save(out, "JPEG")
    return out.getvalue()


def _packet_with(packet: str, xmp: dict[str, Any], bags: list[str]) -> str:
    """An XMP packet with `xmp` set and the `bags` fields made bags (RuntimeError: a packet
    exiv2 cannot parse). Built in a one-pixel JPEG: done in the photo itself it took a second
    pass over the whole file."""
    scratch = _pyexiv2().ImageData(_scratch_jpeg())
    try:
        if packet:
            scratch.modify_raw_xmp(packet)
        scratch.modify_xmp(xmp)
        return _bagged(scratch.read_raw_xmp(), bags)
    finally:
        scratch.close()


def _changed_packet(image: Any, xmp: dict[str, Any], bags: list[str]) -> str:
    """The photo's XMP packet with `xmp` set and the `bags` fields made bags."""
    try:
        packet = image.read_raw_xmp()
    except UnicodeDecodeError:
        packet = None
    if packet is not None:
        # A packet exiv2 cannot parse again is replaced in the photo, as before.
        with contextlib.suppress(RuntimeError):
            return _packet_with(packet, xmp, bags)
    image.modify_xmp(xmp)
    return _bagged(image.read_raw_xmp(), bags)


def _mended_xmp(src: BinaryIO, out: BinaryIO, changes: Mapping[str, object]) -> str | None:
    """For a JPEG whose only XMP segment has a damaged name (jpeg.DAMAGED_XMP_NAME), which
    exiv2 does not see: its packet with the XMP `changes` made, and the photo up to that
    segment copied into `out`, `src` left after it, so the packet written in its place is the
    photo's one XMP. None, nothing copied, where there is no such segment, no XMP changes, or
    a packet exiv2 cannot carry over whole: then it stays as it was, beside the new packet."""
    xmp = {k: v for k, v in changes.items() if k.startswith("Xmp.")}
    found = jpeg.damaged_xmp(src) if xmp else None
    src.seek(0)
    if found is None:
        return None
    segment, raw = found
    gone = {k for k, v in xmp.items() if v is None}
    try:
        text = raw.decode("utf-8")
        packet = _packet_with(text, xmp, _bag_keys(xmp))
        before, after = _packet_fields(raw), _packet_fields(packet.encode("utf-8"))
    except (UnicodeError, RuntimeError, ValueError):
        return None
    # exiv2 drops empty values ('<rdf:li xml:lang="x-default"/>'); any other value lost, and
    # the packet stays as it was: the user's data is not ours to lose.
    kept = (k for k in before if re.split(r"[\[/]", k)[0] not in gone)
    if any(k not in after and any(_as_list(k, before[k])) for k in kept):
        return None
    jpeg.copy_up_to(src, out, segment)
    return packet


def _modify(
    path: Path, changes: Mapping[str, list[str] | str | None], packet: str | None = None
) -> None:
    """Make `changes` in the photo at `path`: XMP keys in its XMP (`packet`: the whole XMP,
    made already), Iptc.* in IPTC, Exif.*. Photoshop's IPTCDigest that matched the IPTC is
    made to match the new IPTC, as exiftool's MWG writes do; one that did not (the IPTC was
    changed by a program that does not know XMP) says so still, and none is added."""
    xmp = {k: v for k, v in changes.items() if k.startswith("Xmp.")}
    iptc = {k: v for k, v in changes.items() if k.startswith("Iptc.")}
    exif = {k: v for k, v in changes.items() if k.startswith("Exif.")}
    bags = _bag_keys(xmp)
    read = _digest_reader(path) if iptc else None
    digest = _iptc_digest(path, read) if read else None  # before exiv2 writes the IPTC
    with _opened(path) as image:
        if packet is not None:
            image.modify_raw_xmp(packet)
        elif xmp and not bags:
            image.modify_xmp(xmp)
        elif xmp:
            image.modify_raw_xmp(_changed_packet(image, xmp, bags))
        if iptc:
            image.modify_iptc({**_legacy_iptc(image, iptc), **_IPTC_UTF8, **iptc})
        if exif:
            image.modify_exif(exif)
        if not _utf8_name(path):  # modified in memory (see _opened): the temp copy takes it
            path.write_bytes(image.get_bytes())
    if read is not None and digest is not None and digest.current:
        jpeg.renew_iptc_digest(path, read)


def _digest_reader(path: Path) -> Callable[[BinaryIO], jpeg.IptcDigest | None] | None:
    """What finds Photoshop's IPTCDigest in the photo: a JPEG's reader, a TIFF's (a DNG's is
    a TIFF too), or None for a file of another kind."""
    with open(path, "rb") as handle:
        head = handle.read(4)
    if head[:2] == b"\xff\xd8":
        return jpeg.iptc_digest
    if head in (b"II*\0", b"MM\0*"):
        return tiff.iptc_digest
    return None


def _iptc_digest(
    path: Path, read: Callable[[BinaryIO], jpeg.IptcDigest | None]
) -> jpeg.IptcDigest | None:
    with open(path, "rb") as handle:
        return read(handle)
