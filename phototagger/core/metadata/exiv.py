"""The one door to pyexiv2: read the fields phototagger cares about, and write them atomically.

Every write goes into a temporary copy next to the target, which then replaces it in one
rename: a crash or a full disk leaves the original file as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from phototagger.core.errors import PhototaggerError
from phototagger.core.metadata.keywords import FIELDS, XP_KEYWORDS, split_xp

# Ratings and labels: digiKam, Lightroom and darktable spell them differently.
RATING_KEYS = ("Xmp.xmp.Rating", "Exif.Image.Rating")
PICK_KEY = "Xmp.digiKam.PickLabel"
COLOR_KEYS = ("Xmp.digiKam.ColorLabel", "Xmp.xmp.Label", "Xmp.darktable.colorlabels")
_WANTED = frozenset({f.key for f in FIELDS} | set(RATING_KEYS) | {PICK_KEY} | set(COLOR_KEYS))
_IPTC_UTF8 = {"Iptc.Envelope.CharacterSet": "\x1b%G"}
EMPTY_SIDECAR = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n'
    "</x:xmpmeta>\n"
)

Fields = dict[str, list[str]]


class MetadataError(PhototaggerError):
    """A file whose metadata could not be read or written; the message is one line for users."""


def _pyexiv2() -> Any:
    # Imported on first use: the CLI's --help and the GUI's first window do not pay for it.
    import pyexiv2

    pyexiv2.set_log_level(4)  # mute libexiv2's warnings about odd makernotes on stderr
    return pyexiv2


# libexiv2 takes file names as UTF-8 only; a name that is not (old cameras, zips) is read from
# its bytes instead, up to this size (a photo's metadata sits in its first megabytes anyway).
_MAX_BYTES_READ = 256 * 1024 * 1024


@contextlib.contextmanager
def _opened(path: Path) -> Iterator[Any]:
    try:
        if _utf8_name(path):
            image = _pyexiv2().Image(str(path), encoding="utf-8")
        else:
            image = _pyexiv2().ImageData(_bytes_of(path))
    except (RuntimeError, OSError, UnicodeError) as exc:
        shown = str(path).encode("utf-8", "backslashreplace").decode("utf-8")
        raise MetadataError(f"{shown}: cannot read its metadata ({_reason(exc)})") from exc
    try:
        yield image
    finally:
        image.close()


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


def read_fields(path: Path, *, xmp_only: bool = False) -> Fields:
    """The keyword, rating and label fields of a photo (or, `xmp_only`, of a sidecar)."""
    found: Fields = {}
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
    if path.suffix.lower() in _HEIF_SUFFIXES and not parts[0]:
        parts[0] = _heif_xmp(path)
    for part in parts:
        for key, value in part.items():
            if key in _WANTED:
                found[key] = _as_list(key, value)
    return found


# libexiv2 misses the XMP item of HEIC files exiftool wrote (checked with exiftool 12.57): it
# finds the item, then reads nothing; libheif reads it, and exiv2 parses the packet it hands over.
_HEIF_SUFFIXES = frozenset({".heic", ".heif", ".hif"})


def _heif_xmp(path: Path) -> dict[str, Any]:
    import pillow_heif

    try:
        with open(path, "rb") as handle:
            packet = pillow_heif.open_heif(handle).info.get("xmp")
        if not packet:
            return {}
        image = _pyexiv2().ImageData(bytes(packet))
        try:
            return _read_part(image.read_xmp)
        finally:
            image.close()
    except (OSError, RuntimeError, ValueError):
        return {}  # the photo's pixels and its other fields stand; a sidecar still counts


def _read_part(read: Any) -> dict[str, Any]:
    try:
        return dict(read())
    except UnicodeDecodeError:
        # Older cameras and editors wrote Latin-1 (a '©' in the copyright): every byte decodes.
        return dict(read(encoding="latin-1"))


def _as_list(key: str, value: object) -> list[str]:
    if key == XP_KEYWORDS.key and isinstance(value, str):
        return split_xp(value)
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, dict):  # a LangAlt value: {'lang="x-default"': text}
        return [str(v) for v in value.values()]
    return [str(value)]


def write_fields(
    target: Path,
    changes: Mapping[str, list[str] | str | None],
    *,
    sidecar: bool,
    keep_times: bool = True,
) -> None:
    """Set fields (None deletes one) in `target`, a photo or a sidecar (created if missing).

    XMP keys go to XMP, Iptc.* to IPTC, Exif.* to Exif; a sidecar takes XMP only.
    """
    exists = target.exists()
    before = target.stat() if exists else None
    if before is not None and not before.st_mode & stat.S_IWUSR:
        # The rename would replace it anyway; a read-only file says "leave me as I am".
        raise MetadataError(f"{target}: the file is read-only; its keywords were not written")
    fd, temp_name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".phototagger-tmp", dir=target.parent
    )
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            if exists:
                with target.open("rb") as src:
                    shutil.copyfileobj(src, out)
            elif sidecar:
                out.write(EMPTY_SIDECAR.encode())
            else:
                raise MetadataError(f"{target}: no such file")
        _modify(temp, changes, sidecar)
        os.chmod(temp, before.st_mode & 0o7777 if before is not None else _default_mode())
        if before is not None:
            if keep_times:
                os.utime(temp, ns=(before.st_atime_ns, before.st_mtime_ns))
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, (RuntimeError, UnicodeError)):
            raise MetadataError(f"{target}: cannot write its metadata ({_reason(exc)})") from exc
        raise


def _default_mode() -> int:
    # mkstemp makes 0600 files; a new sidecar should be readable like any file the user makes.
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _modify(path: Path, changes: Mapping[str, list[str] | str | None], sidecar: bool) -> None:
    xmp = {k: v for k, v in changes.items() if k.startswith("Xmp.")}
    iptc = {k: v for k, v in changes.items() if k.startswith("Iptc.")}
    exif = {k: v for k, v in changes.items() if k.startswith("Exif.")}
    if sidecar and (iptc or exif):
        raise ValueError("a sidecar holds XMP only")
    with _opened(path) as image:
        if xmp:
            image.modify_xmp(xmp)
        if iptc:
            image.modify_iptc({**_IPTC_UTF8, **iptc})
        if exif:
            image.modify_exif(exif)
        if not _utf8_name(path):  # modified in memory (see _opened): the temp copy takes it
            path.write_bytes(image.get_bytes())
