"""A cached thumbnail is decoded by Pillow, never by Qt's image reader, on the thumbnail
threads. Read without a format, Qt asked every image plugin whether the bytes were its own; the
SVG plugin's check connects a signal, taking a lock the GUI thread shares, while the thumbnail
thread held Python's lock: a fresh-clone test run froze with the GUI thread inside a disconnect
waiting for Python's lock (gdb: QImage.fromData -> QSvgDocument::isLikelySvg ->
QObject::connectImpl -> QBasicMutex::lockInternal). Read as JPEG (dd2601a), Qt's reader still
made a QObject (its QBuffer) and could load the JPEG plugin there, holding Python's lock."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtGui import QImage

from phototagger.gui import thumbnails


def test_a_cached_thumbnail_is_decoded_by_pillow_not_by_qt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cached = tmp_path / "ab" / "abcd.jpg"
    cached.parent.mkdir()
    Image.new("RGB", (64, 48), (200, 30, 40)).save(cached, "JPEG", quality=90)
    reads: list[tuple[object, ...]] = []

    class Recording(QImage):
        @staticmethod
        def fromData(*args: object) -> QImage:  # noqa: N802
            reads.append(args)
            return QImage.fromData(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(thumbnails, "QImage", Recording)
    image = thumbnails._cached(cached)
    assert reads == []
    assert (image.width(), image.height()) == (64, 48)
    assert image.pixelColor(32, 24).red() > 150 and image.pixelColor(32, 24).green() < 80
    # Bytes with a JPEG's ends that Pillow cannot decode: a null image, made again from the photo.
    cached.write_bytes(b"\xff\xd8" + b"not a picture" * 20 + b"\xff\xd9")
    assert thumbnails._cached(cached).isNull()
    assert reads == []
