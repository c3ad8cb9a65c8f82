"""The viewer's keys' hint was cut at its end to fit: at the 1,100 px the viewer opens with, on a
photo with a path, tags and a highlighted tag beside it, it read '← → photos · +/− zoom · 0 fit ·
1 ac…', a key cut in the middle and 'Esc close' gone. It now leaves out whole keys, the least
needed first (face boxes, actual size, full screen, ...), keeps moving and closing to the last,
and names them all in its tooltip; 'Enter play clip' is there only for a clip."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import open_active_viewer, open_window, settle
from tests.photo_factory import real_photo
from tests.store_helpers import add_photo

KEYS = [
    "← → photos",
    "+/− zoom",
    "0 fit",
    "1 actual size",
    "B face boxes",
    "Tab, N name a face",
    "F full screen",
    "Esc close",
]


def _hint(viewer: QLabel) -> QLabel:
    (hint,) = [
        label
        for label in viewer.findChildren(QLabel)
        if "Esc close" in label.toolTip() + label.text()
    ]
    return hint


def _shown_keys(hint: QLabel) -> list[str]:
    shown = hint.text()
    assert "…" not in shown, shown  # no key cut in the middle
    parts = [part.strip() for part in shown.split(" · ")]
    assert all(part in KEYS for part in parts), parts
    assert hint.fontMetrics().horizontalAdvance(shown) <= hint.contentsRect().width()
    return parts


def test_the_keys_hint_leaves_out_whole_keys(qtbot, tmp_path: Path) -> None:
    photo = real_photo(tmp_path / "Pictures" / "Holidays 2024" / "Nice" / "IMG_1234 copy 2.jpg")
    with open_library(default_home()) as lib:
        photo_id = add_photo(lib.db, str(photo))
    window = open_window(qtbot, None, tmp_path)
    for tag in ("harbour", "boats", "evening light"):
        window.decide([photo_id], tag, "add")
    settle(qtbot, window)
    viewer = open_active_viewer(qtbot, window, 0)
    settle(qtbot, window)
    # The size it opens with on a large screen (this test's offscreen screen is 800 px wide).
    viewer.resize(1100, 760)
    qtbot.wait(50)
    hint = _hint(viewer)
    narrow = _shown_keys(hint)
    assert narrow[0] == "← → photos" and narrow[-1] == "Esc close"
    assert len(narrow) < len(KEYS)
    assert all(key in hint.toolTip() for key in KEYS)  # each named when hovered
    viewer.resize(2400, 760)  # the test's path is long: the caption wants 1,000 px
    qtbot.waitUntil(lambda: len(_shown_keys(hint)) == len(KEYS))
    assert hint.toolTip() == ""
    viewer.resize(700, 600)
    qtbot.waitUntil(lambda: len(_shown_keys(hint)) < len(narrow))
    assert _shown_keys(hint)[-1] == "Esc close"
