"""The picture format a file's first bytes claim, whatever its name says: for the messages
about a file no decoder could read (imaging's, and `metadata read`'s when exiv2 cannot)."""

from __future__ import annotations


def claimed_format(data: bytes) -> str | None:
    """The format the first bytes claim, for messages about files Pillow cannot identify."""
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return "TIFF"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "WebP"
    if data.startswith(b"BM") and len(data) >= 26:
        return "BMP"
    if data[4:8] == b"ftyp" and data[8:12] in (b"avif", b"avis"):
        return "AVIF"
    if data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"hevc"):
        return "HEIF"
    return None
