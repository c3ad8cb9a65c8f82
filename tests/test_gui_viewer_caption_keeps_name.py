"""The viewer on a stock photo with 25 keywords (as its file brought them): the caption was cut
from its start to fit, so the folder, the file's name and the first tags all went, and the bar
read '…Clothing · Strong · Studio Shot · Stylish · Whiplash · White Background · sport': no
word of which photo was shown. The folder gives way first, then the tags from their end; the
file's name stays whole, and the caption reads whole in its tooltip."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.photo_factory import real_photo
from tests.test_gui_viewer_long_caption import viewer_with_tags

NAME = "n00007846_98724_person.jpg"
KEYWORDS = (
    "20s, Adult, African American, Back Pain, Backache, Black, Casual, Clothing, Emotional "
    "Stress, Exercise, Fit, Fitness, Handsome, Isolated, Isolated On White, Male, Man, Muscle, "
    "Neck, Pain, Strong, Studio Shot, Stylish, Whiplash, White Background"
).split(", ")


def test_the_file_name_stays_in_the_caption(qtbot: QtBot, tmp_path: Path) -> None:
    photo = real_photo(tmp_path / "Pictures" / "stock" / "2024" / NAME, "astronaut")
    viewer = viewer_with_tags(qtbot, tmp_path, photo, KEYWORDS)
    caption = viewer.caption
    whole = caption.full_text()
    assert str(photo) in whole and all(keyword in whole for keyword in KEYWORDS)
    shown = caption.text()
    assert shown != whole and caption.toolTip() == whole  # cut, and whole when hovered
    assert NAME in shown, shown
    # The folder went first, then the tags from the end: the first ones are still there.
    assert shown.startswith("…") and "/stock/" not in shown, shown
    assert KEYWORDS[0] in shown and KEYWORDS[-1] not in shown, shown
    assert shown.endswith("…"), shown
    assert caption.fontMetrics().horizontalAdvance(shown) <= caption.contentsRect().width()
    bar = caption.parentWidget()
    assert bar is not None
    assert bar.childrenRect().right() <= viewer.width()  # the keys' hint in view

    # Room for the name and every tag but not the whole folder: only the folder is cut.
    metrics = caption.fontMetrics()
    tail = whole[whole.index(NAME) :]
    wide = caption.elided(metrics, metrics.horizontalAdvance("…/stock/2024/" + tail))
    assert wide.startswith("…") and wide.endswith("/stock/2024/" + tail), wide
