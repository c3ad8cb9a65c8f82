"""A tag taught from yes answers alone that nothing visual tells apart lands on no unanswered
photo; a visual one still spreads. A library's photos keep the keywords another program wrote by
folder ('Places|Greece|Crete' on a trip's photos, with nothing visual in common), and the files'
keywords count as yes answers. Learned "from your examples" and cut from the yes answers' weight
alone (no "no" answer to calibrate on), such a tag went onto every photo like any of them: on
1,000 ImageNet samples, 60 photos with the keyword became 373, 30 with IPTC 'Holiday' 228. Its
yes answers, held out, now score no higher than held-out unanswered photos
(core/tag_threshold.py's YES_ONLY_AUC), and no unanswered photo is taken for it; "monkeys",
taught from monkeys in the same training, is still found on the monkey no one answered.

The three tests answer the same library (_trip's photos, their keywords written and scanned
once per module: `trip`), each a copy of it (tests/retrain_helpers.library_from)."""

from __future__ import annotations

import html
import json
import random
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.catalog import search_photos
from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.core.model.activation import activate_version
from phototagger.core.retrain import train_candidate
from phototagger.paths import LibraryHome
from tests.cli_helpers import run
from tests.exiftool_process import exiftool
from tests.gui_helpers import trained_page
from tests.retrain_helpers import library_from
from tests.scan_helpers import new_library, run_scan
from tests.test_new_tag_finds_an_unanswered_kin import DET, _photos

pytestmark = pytest.mark.model  # runs the real network: full tier only

CRETE = "Places/Greece/Crete"
MORE = 100  # photos of other kinds besides _photos' 40: a library, not a folder of examples


def _trip(photos: Path, draw: int = 34) -> tuple[list[Path], list[Path], list[Path]]:
    """`_photos`' monkeys and MORE other photos in `photos`, CRETE written by exiftool on 15 of
    the others drawn at random (`draw` seeds the draw): (taught monkeys, unanswered monkeys,
    the trip's photos)."""
    taught, _, unanswered = _photos(photos, held="14958", partial="30035")
    for source in [p for p in sorted(DET.glob("n*.jpg")) if "n0248" not in p.name][3::9][:MORE]:
        if not (photos / source.name).exists():
            shutil.copyfile(source, photos / source.name)
    others = sorted(p for p in photos.iterdir() if "monkey" not in p.name)
    trip = random.Random(draw).sample(others, 15)  # one folder's photos: nothing in common
    # Written as exiftool_set writes them, into the 15 at once: the same bytes (an exiftool
    # for each took 6 s of a busy machine, this one 1 s).
    exiftool(
        "-q",
        "-overwrite_original",
        f"-XMP-lr:HierarchicalSubject={CRETE.replace('/', '|')}",
        "-XMP-dc:Subject=Crete",
        *(str(photo) for photo in trip),
        capture=False,
    )
    return taught, unanswered, trip


Trip = tuple[Path, tuple[list[Path], list[Path], list[Path]]]  # `trip`'s


@pytest.fixture(scope="module")
def trip(tmp_path_factory: pytest.TempPathFactory, engine: Any) -> Trip:
    """_trip's photos in root/pics, scanned into a library in root/home (in batches of 32, as
    `phototagger scan`): (root, what _trip returned). Tests answer a copy of it (_copy)."""
    root = tmp_path_factory.mktemp("trip")
    made = _trip(root / "pics")
    with open_library(LibraryHome.under(root / "home")) as lib:
        run_scan(lib, [root / "pics"], engine, batch_size=32)
    return root, made


def _copy(trip: Trip) -> tuple[list[Path], list[Path], list[Path]]:
    """A copy of `trip`'s library in this test's PHOTOTAGGER_HOME (closed): what _trip returned."""
    library_from(trip[0])[0].close()
    return trip[1]


def test_a_keyword_on_random_photos_lands_on_no_other_photo(trip: Trip) -> None:
    taught, unanswered, trip_photos = _copy(trip)
    with new_library() as lib:
        label_paths(lib.db, [str(p) for p in taught], add=["monkeys"])
        result = train_candidate(lib)
        activate_version(lib, result.version)
        crete = {Path(p.path).name for p in search_photos(lib.db, [CRETE])}
        monkeys = {Path(p.path).name for p in search_photos(lib.db, ["monkeys"])}
    assert crete == {p.name for p in trip_photos}, sorted(crete - {p.name for p in trip_photos})
    names = {p.name for p in unanswered}
    assert names <= monkeys, sorted(names - monkeys)
    assert monkeys - names - {p.name for p in taught} == set()


def test_train_says_the_keyword_stays_on_its_own_photos(
    trip: Trip, capsys: pytest.CaptureFixture[str]
) -> None:
    """`train` said of the keyword cut to its own photos only "no photo answered no: it cannot
    be told apart", as of a tag that goes onto every photo like its own. It now says, once, that
    the keyword stays on the photos the files give it, and how to spread it; "monkeys", taught
    from yes answers too but spread by what the model sees, is not named in that line."""
    taught, _, _ = _copy(trip)
    assert run(capsys, "label", *map(str, taught), "--add", "monkeys")[0] == 0
    code, out, _ = run(capsys, "train", "--no-activate")
    assert code == 0
    stays = [line for line in out.splitlines() if "on the photos the files give" in line]
    assert len(stays) == 1, out
    assert stays[0].startswith("note: ") and f"'{CRETE}'" in stays[0], out
    assert "monkeys" not in stays[0]
    # Not also told it "cannot be told apart" (as if it spread) in a warning of its own.
    assert not [line for line in out.splitlines() if "warning" in line and "Crete" in line], out
    code, out, _ = run(capsys, "train", "--no-activate", "--json")
    assert code == 0
    report = json.loads(out)
    from_files = report["own_photos_from_files"]
    assert CRETE in [t["tag"] for t in from_files["tags"]], from_files
    assert from_files["words"] == stays[0].removeprefix("note: ")
    assert "monkeys" not in [t["tag"] for t in report["own_photos"]]
    assert CRETE not in [t["tag"] for t in report["few_no_from_files"]["tags"]]


def test_the_train_page_says_the_keyword_stays_on_its_own_photos(
    trip: Trip, qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The Train page says it as `train` does, in place of the few-"no" warning for it."""
    taught, _, _ = _copy(trip)
    assert run(capsys, "label", *map(str, taught), "--add", "monkeys")[0] == 0
    page = trained_page(qtbot, tmp_path)  # Train New Model clicked, its result shown
    # A line each, the warnings' and the notes' paragraphs apart (words37).
    lines = re.split(r"<br>|<p[^>]*>", html.unescape(page.few_no_note.text()))
    stays = [line for line in lines if "on the photos the files give" in line]
    assert len(stays) == 1 and f"'{CRETE}'" in stays[0] and "monkeys" not in stays[0], lines
    assert not [line for line in lines if "Crete" in line and "told apart" in line], lines
