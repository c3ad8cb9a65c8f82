"""polish40: "Crete trip" said yes on every photo of the trip's folder and nothing else (no "no"
at all) stayed on its yes answers, and `train` and the Train page told only "to spread it,
answer no on a few photos it should not have, then train again". For a trip, a place or an
event that is wrong: a few "no" elsewhere do not make the folder what teaches it, and can make
it spread at random. Where the yes answers are whole folders, both ways are said: answer no
where it is something the pictures show, label a folder where it is a trip, a place or an event
(the folder rule's words, no_answers.label_folder_words).

The trip's library (_library: 350 photos) is scanned once per module (`trip`), and
tests/test_train_folder_taught_tag.py's once per run (conftest's folders_scanned); each test
answers a copy of one (tests/retrain_helpers.library_from)."""

from __future__ import annotations

import random
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.core.no_answers import few_no_and_own_photos_words
from phototagger.core.retrain import train_candidate
from phototagger.paths import LibraryHome
from tests.retrain_helpers import library_from
from tests.scan_helpers import run_scan
from tests.store_helpers import DET

pytestmark = pytest.mark.model  # runs the real network: full tier only

TAG = "Crete trip"


def _library(root: Path) -> list[Path]:
    """det-photos drawn at random into a trip's folder (150, of every kind, as a trip's photos
    are) and a home folder (200): the trip's copies."""
    drawn = random.Random(40).sample(sorted(DET.glob("n*.jpg")), 350)
    copies: dict[str, list[Path]] = {}
    for folder, sources in (("2024-07 Crete", drawn[:150]), ("2025-01 home", drawn[150:])):
        (root / folder).mkdir(parents=True)
        copies[folder] = [Path(shutil.copy(p, root / folder / p.name)) for p in sources]
    return copies["2024-07 Crete"]


@pytest.fixture(scope="module")
def trip(tmp_path_factory: pytest.TempPathFactory, engine: Any) -> tuple[Path, list[Path]]:
    """_library in root/pics, scanned into a library in root/home: (root, the trip's copies)."""
    root = tmp_path_factory.mktemp("trip")
    crete = _library(root / "pics")
    with open_library(LibraryHome.under(root / "home")) as lib:
        run_scan(lib, [root / "pics"], engine, batch_size=32)  # as phototagger scan does
    return root, crete


def test_yes_on_a_whole_folder_alone_is_told_both_ways(trip: tuple[Path, list[Path]]) -> None:
    root, crete = trip
    _told_both_ways(_trained(root, crete), [], len(crete))


def test_yes_on_a_whole_folder_alone_that_spreads_is_told_of_labelling_a_folder(
    folders_scanned: tuple[Path, dict[str, list[Path]]],
) -> None:
    """Yes on every photo of a trip's folder of 40 (as tests/test_train_folder_taught_tag.py
    draws them: a copy of conftest's folders_scanned), nothing else: the tag goes on other
    photos, and its warning, which asks for "no" answers, says too that labelling a folder tags
    a trip's photos."""
    root, folders = folders_scanned
    lib, photos = library_from(root)
    with lib:
        label_paths(lib.db, [str(p) for p in folders["Crete"]], add=[TAG])
        result = train_candidate(lib)
    counts = result.counts
    assert TAG in counts["few_no"] and TAG not in counts["own_photos"], counts["few_no"]
    whole = {"yes": [str(photos / "Crete")], "no": []}
    assert counts["few_no_folders"] == {TAG: whole}, counts["few_no_folders"]
    warnings, notes = few_no_and_own_photos_words(counts)
    said = [words for words in warnings + notes if words.startswith(f"{TAG}:")]
    assert len(said) == 1 and "answer no on" in said[0], said
    assert said[0].endswith(
        "; your yes answers are the whole of Crete: if it is a trip, a place or an event rather "
        "than something the pictures show, to tag another folder's photos, label that folder (in "
        "the app: pick the folder in the sidebar, select all, press T; or phototagger label "
        "FOLDER --add 'Crete trip')"
    ), said


def test_yes_on_a_whole_folder_and_a_few_no_on_a_whole_folder_is_told_both_ways(
    trip: tuple[Path, list[Path]], tmp_path: Path, engine: Any
) -> None:
    """Yes on every photo of the trip's folder, and no on both photos of a folder of 2 (a phone's
    few): 2 "no" are fewer than the 5 a check of where the tag stops needs, so it is taught as
    from yes answers alone, and stays on them. Its note read as a tag taught by whole folders on
    both sides ("your no answers the whole of 2025-05 phone, so nothing but the folder tells them
    apart"), which 2 answers cannot show, and no longer said to answer no on a few photos; now it
    says both ways, as with no "no" at all. (The phone's folder is scanned after the trip's
    library, into a copy of it.)"""
    root, crete = trip
    drawn = {p.name for p in root.glob("pics/*/*.jpg")}
    phone = tmp_path / "2025-05 phone"
    phone.mkdir()
    spare = [p for p in sorted(DET.glob("n*.jpg")) if p.name not in drawn][:2]
    rejected = [Path(shutil.copy(p, phone / p.name)) for p in spare]
    counts = _trained(root, crete, rejected, then=(phone, engine))
    _told_both_ways(counts, [str(phone)], len(crete))


def _trained(
    root: Path, yes: list[Path], no: Sequence[Path] = (), then: tuple[Path, Any] | None = None
) -> dict[str, Any]:
    """The counts of a training of a copy of the scanned library in `root` (`then`: a folder
    scanned into it first, with an engine), TAG said yes to on `yes`, no on `no`."""
    lib, _ = library_from(root)
    with lib:
        if then is not None:
            run_scan(lib, [then[0]], then[1])
        label_paths(lib.db, [str(p) for p in yes], add=[TAG])
        if no:
            label_paths(lib.db, [str(p) for p in no], reject=[TAG])
        return train_candidate(lib).counts


def _told_both_ways(counts: dict[str, Any], no_folders: list[str], yes: int) -> None:
    """The training's (`counts`) note of TAG, said yes on the whole of 2024-07 Crete (`yes`
    photos) and no on the whole of `no_folders`: it stays on its yes answers, its record holds
    those folders, and its note says both ways, answer no or label a folder."""
    crete = next(iter(counts["learned"][TAG]["answers_by_folder"]["yes"]), "")
    assert counts["own_photos"] == {TAG: yes}, counts["own_photos"]
    assert counts["learned"][TAG]["answers_by_folder"] == {"yes": [crete], "no": no_folders}
    assert crete.endswith("/2024-07 Crete"), crete
    _, notes = few_no_and_own_photos_words(counts)
    said = [note for note in notes if TAG in note]
    assert said == [
        f"{TAG} stays on the {yes} photos you said yes to: your yes answers are the "
        "whole of 2024-07 Crete, and nothing the model sees tells them apart from your other "
        "photos; if it is something the pictures show, answer no on a few photos it should "
        "not have, then train again; if it is a trip, a place or an event, to tag another folder's "
        "photos, label that folder (in the app: pick the folder in the sidebar, select all, "
        "press T; or phototagger label FOLDER --add 'Crete trip')"
    ], notes
