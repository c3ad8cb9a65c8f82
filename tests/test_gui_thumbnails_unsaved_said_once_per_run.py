"""left53: on a nearly full disk some thumbnails fit and others do not; each one saved between
two that were not cleared what had been said, and the "thumbnails cannot be saved" note came
back after each (once each time). It is now said once per run of failures: a load of
thumbnails that saved some and failed others is one run; the note is said again only after
a load that saved every one it made (the disk freed) and then failed again.

Real saves fail for real: a file stands where some thumbnails' folders go (the cache's
two-level fan-out), so that writing those fails as writing on a full disk does, while the
others are saved, each made from a real photo."""

from __future__ import annotations

import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.gui.thumbnails import ThumbnailCache
from tests.store_helpers import DET


def _load(qtbot: QtBot, cache: ThumbnailCache, wanted: list[tuple[str, str]]) -> None:
    for content_hash, path in wanted:
        cache.image(content_hash, path)
    qtbot.waitUntil(cache.idle, timeout=60_000)
    qtbot.waitUntil(lambda: all(cache.image(h, p) is not None for h, p in wanted))


def test_a_mix_of_saved_and_unsaved_thumbnails_says_it_once(qtbot: QtBot, tmp_path: Path) -> None:
    photos = sorted(DET.glob("*.jpg"))[:6]
    root = tmp_path / "thumbnails"
    root.mkdir()
    blocked = ["a1", "a3", "a5"]  # a file where these folders go: their thumbnails fail
    for folder in blocked:
        (root / folder).write_text("not a folder")
    # One thread, newest asked first: failed, saved, failed, saved, failed, saved.
    wanted = [(f"a{i}{'0' * 62}", str(shutil.copy(p, tmp_path))) for i, p in enumerate(photos)]
    cache = ThumbnailCache(root, threads=1)
    said: list[str] = []
    cleared: list[bool] = []
    cache.unwritten.connect(said.append)
    cache.writable.connect(lambda: cleared.append(True))
    _load(qtbot, cache, wanted)
    assert len(said) == 1, said  # once for the run, not after each one saved
    assert said[0].startswith(f"Thumbnails cannot be saved: cannot write {root}/a"), said
    assert not cleared
    saved = [h for h, _p in wanted if not h.startswith(tuple(blocked))]
    assert all((root / h[:2] / f"{h}.jpg").is_file() for h in saved)

    # The folders freed: a load that saves every one it makes ends the run; the note goes.
    for folder in blocked:
        (root / folder).unlink()
    more = [(f"b{i}{'0' * 62}", path) for i, (_h, path) in enumerate(wanted)]
    _load(qtbot, cache, more)
    assert cleared == [True] and len(said) == 1, said
    # Blocked again: a new run of failures, said again once.
    (root / "c0").write_text("not a folder")
    (root / "c2").write_text("not a folder")
    again = [(f"c{i}{'0' * 62}", path) for i, (_h, path) in enumerate(wanted[:4])]
    _load(qtbot, cache, again)
    assert len(said) == 2, said
    cache.shutdown()
