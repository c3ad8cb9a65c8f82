"""A cached thumbnail is read as the JPEG it is. Read without a format, Qt asked every image
plugin whether the bytes were its own; the SVG plugin's check connects a signal, taking a lock
the GUI thread shares, while the thumbnail thread held Python's lock: a fresh-clone test run
froze with the GUI thread inside a disconnect waiting for Python's lock (gdb: QImage.fromData ->
QSvgDocument::isLikelySvg -> QObject::connectImpl -> QBasicMutex::lockInternal)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtGui import QImage

from phototagger.gui import thumbnails


def test_a_cached_thumbnail_is_read_as_jpeg_without_asking_the_plugins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cached = tmp_path / "ab" / "abcd.jpg"
    cached.parent.mkdir()
    Image.new("RGB", (64, 48), (200, 30, 40)).save(cached, "JPEG", quality=90)
    formats: list[str | None] = []

    class Recording:
        @staticmethod
        def fromData(data: bytes, format: str | None = None) -> QImage:  # noqa: A002, N802
            formats.append(format)
            return QImage.fromData(data, format) if format else QImage.fromData(data)  # type: ignore[arg-type]

    monkeypatch.setattr(thumbnails, "QImage", Recording)
    image = thumbnails._cached(cached)
    assert formats == ["JPEG"]
    assert (image.width(), image.height()) == (64, 48)
    assert image.pixelColor(32, 24).red() > 150
