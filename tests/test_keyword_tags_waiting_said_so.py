"""`train` on det-photos said "not learned yet: a new tag is learned once 5 photos have it:
'coldish sunday round walk plus' has 1 (add it to 4 more)": the XMP subject of one of the
photos' files, a tag the user never made, named as if they had. Tags only the files' keywords
give were said to come from them only past NAMED_WAITING ("… and 31 more tags from your files'
keywords"); up to NAMED_WAITING they are named as such too, as the default tags short of
answers are (polish33): after a run, in the refusal, and on the app's Train page (one
function, core/new_tag_wait.waiting_reasons)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.cli_helpers import det_photos_scanned, run
from tests.gui_helpers import train_page
from tests.store_helpers import DET

# A det-photo whose file carries the XMP subject "coldish sunday round walk plus".
KEYWORDED = "n02274259_379_butterfly"
YES = "n07873807_12105_pizza n07734744_5655_mushroom n07747607_11507_orange n07880968_2944_burrito "
YES += "n07745940_1997_strawberry"
NO = "n03400231_5440_frying_pan n02992211_14789_cello n03790512_5722_motorcycle "
NO += "n02454379_4660_armadillo n02118333_27_fox n04442312_6578_toaster"
PHOTOS = [KEYWORDED, *YES.split(), *NO.split()]
SAID = (
    "a new tag is learned once 5 photos have it: of the tags from your files' keywords, "
    "'coldish sunday round walk plus' has 1 (add it to 4 more)"
)
# The app's Train page says the same in its own quotes (gui/quotes.py).
SAID_IN_APP = SAID.replace("'coldish sunday round walk plus'", "“coldish sunday round walk plus”")


def _snacks_trained(pics: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """'snacks' taught on YES and rejected on NO, then `train --no-activate`: its output."""
    yes = [str(pics / f"{name}.jpg") for name in YES.split()]
    no = [str(pics / f"{name}.jpg") for name in NO.split()]
    assert run(capsys, "label", *yes, "--add", "snacks")[0] == 0
    assert run(capsys, "label", *no, "--reject", "snacks")[0] == 0
    code, out, _ = run(capsys, "train", "--no-activate")
    assert code == 0
    return out


pytestmark = pytest.mark.skipif(not DET.is_dir(), reason="needs /work/shared/data/det-photos")


def test_train_says_a_waiting_tag_comes_from_the_files_keywords(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pics = det_photos_scanned(engine, tmp_path / "pics", PHOTOS, monkeypatch, capsys)
    # Nothing answered yet: the refusal.
    code, out, err = run(capsys, "train")
    assert (code, out) == (3, "")
    assert err.splitlines()[-1] == (
        "phototagger: no new decisions since v1 learned: accept, reject or add tags, then "
        f"train; {SAID}"
    )
    # A tag taught by hand and learned: what waits is said after the run.
    out = _snacks_trained(pics, capsys)
    assert "new tags the model learned: snacks" in out.splitlines()
    assert f"not learned yet: {SAID}" in out.splitlines(), out


def test_the_train_page_says_a_waiting_tag_comes_from_the_files_keywords(
    qtbot: QtBot,
    engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    det_photos_scanned(engine, tmp_path / "pics", PHOTOS, monkeypatch, capsys)
    _, page = train_page(qtbot, tmp_path)
    assert page.why.text() == (
        f"No new decisions since v1 learned: accept, reject or add tags, then train; {SAID_IN_APP}."
    )


# A stock photo whose file carries 31 keywords ('Whiplash', 'Neck Pain', '20s', 'Adult'...).
STOCK = "n00007846_98724_person"


def test_train_counts_a_stock_photos_keywords_and_says_where_all_are_listed(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every `train` after a tag was learned named five of a stock photo's keywords, each "has
    1 (add it to 4 more)", as if each were a tag to work on (a pass met about 40 of them). Past
    NAMED_WAITING they are counted now, three named and where to see them all."""
    pics = det_photos_scanned(engine, tmp_path / "pics", [*PHOTOS, STOCK], monkeypatch, capsys)
    out = _snacks_trained(pics, capsys)
    [line] = [line for line in out.splitlines() if line.startswith("not learned yet: ")]
    # The stock photo's keywords and the butterfly's one, but 'People', the face detector's.
    assert line == (
        "not learned yet: a new tag is learned once 5 photos have it: 31 tags from your files' "
        "keywords are on fewer photos ('20s', 'Adult', 'African American' and 28 more; "
        "'phototagger stats' lists every tag with how many photos have it)"
    )
    code, out, _ = run(capsys, "stats")  # where they are, each with its photo
    listed = {line.split()[0] for line in out.splitlines() if line.endswith(" 1")}
    assert {"20s", "Adult", "Whiplash", "dgm08"} <= listed
