"""ThumbnailCache.idle: true only once every thumbnail asked for has reached the GUI thread.
packaging/screenshots.py waits on it before each screenshot (it read a counter the cache no
longer has, `_runners`, and stopped with an AttributeError, so the README's screenshots were
not made again after the Review tab changed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PIL import Image

from phototagger.gui.thumbnails import ThumbnailCache
from tests.dated_photos import DET_PHOTOS as PHOTOS


def test_idle_once_every_asked_thumbnail_is_loaded(qtbot: Any, tmp_path: Path) -> None:
    photos = sorted(PHOTOS.glob("*.jpg"))[:6]
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff not a jpeg")
    asked = [(None, str(p)) for p in photos] + [(None, str(broken))]
    cache = ThumbnailCache(tmp_path / "thumbnails", side=64, threads=2)
    try:
        assert cache.idle()  # nothing asked yet
        assert cache.images(asked) == [None] * len(asked)
        assert not cache.idle()  # asked, being made off the GUI thread
        qtbot.waitUntil(cache.idle)
        loaded = cache.images(asked)  # once idle, each one is there (or known to fail)
        assert all(image is not None for image in loaded[:-1])
        assert loaded[-1] is None and cache.idle()  # the broken one is not asked again
    finally:
        cache.shutdown()
    first = loaded[0]
    assert first is not None
    assert max(Image.open(photos[0]).size) > 64 >= max(first.width(), first.height())
