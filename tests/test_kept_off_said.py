"""`train`, `models --json`, the Train page and the versions page name the kinds of photo a
version holds under a tag's cut, with why (core/kept_off.py). A tag learned from a WordNet set
alone holds a "no" answer's kind (a no on a photo of an ox for "vehicles" keeps the other oxen
off) and the kinds outside its group only a yes photo's half guess lent weight to ("pigs", whose
yes answers hold a swine the tagger half reads as a platypus, keeps photos of platypuses off):
a user whose photo of one never got the tag was told nothing of why (held43). Before, `train`
said "pigs: like 'swine' and your examples (...)" and nothing more, though the version held
photos of 24 kinds under its cut (a platypus, a grey whale, ...); the record, `models --json`,
the Train page and the versions page had no word of either kind."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.core.model.listing import list_versions
from phototagger.core.retrain import TrainingResult
from phototagger.gui.retrain_versions import describe
from phototagger.ml.heads import load_default_head
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.gui_helpers import shown_result
from tests.scan_helpers import run_scan
from tests.test_rejected_kinds import REJECTED, SAME_KIND
from tests.test_rejected_kinds import YES as VEHICLES
from tests.test_similar_figure_means_something import det_photos
from tests.test_unshown_kinds import NO, TURTLE

pytestmark = pytest.mark.model  # runs the real network: full tier only

UNSHOWN_WORDS = "(none of your yes photos is one"
REJECTED_WORDS = (
    "not put on photos of ox (a kind of animal; you said no to a photo the tagger reads as one)"
)


def _lines(out: str, tag: str) -> list[str]:
    return [line.strip() for line in out.splitlines() if line.strip().startswith(f"{tag}: ")]


def test_the_kinds_held_under_a_cut_are_named(
    engine: object, tmp_path: Path, capsys: pytest.CaptureFixture[str], qtbot: QtBot
) -> None:
    source = det_photos()
    pics = tmp_path / "pics"
    pics.mkdir()
    every = sorted(source.glob("*.jpg"))
    swine = sorted(source.glob("*_swine.jpg"))
    extra = [source / f"{n}.jpg" for n in [*VEHICLES, REJECTED, SAME_KIND, TURTLE]]
    for path in {*every[::8], *swine, *extra, *(sorted(source.glob(f"*_{k}.jpg"))[0] for k in NO)}:
        shutil.copy(path, pics / path.name)
    with open_library(default_home()) as lib:
        run_scan(lib, [pics], engine, batch_size=32)
        label_paths(lib.db, [str(pics / p.name) for p in swine], add=["pigs"])
        noes = [str(sorted(pics.glob(f"*_{kind}.jpg"))[0]) for kind in NO]
        label_paths(lib.db, noes, reject=["pigs", "vehicles"])
        label_paths(lib.db, [str(pics / f"{n}.jpg") for n in VEHICLES], add=["vehicles"])

    code, out, err = run(capsys, "train", "--force")
    assert code == 0, err
    # Its one line: "pigs: kept off platypus (none of your yes photos is one: if it belongs, say
    # yes to one in the review queue to let that kind in)" (more kinds than one are named as
    # they are).
    said = [line for line in _lines(out, "pigs") if "not put on photos of" in line]
    assert len(said) == 1 and "platypus" in said[0] and UNSHOWN_WORDS in said[0], out
    assert not [line for line in _lines(out, "vehicles") if "not put on photos of" in line], out

    # The user says no to a photo of cattle "vehicles" takes for its oxcart mass: its kind, an
    # ox to the tagger, is held, and `train` says so.
    with open_library(default_home()) as lib:
        label_paths(lib.db, [str(pics / f"{REJECTED}.jpg")], reject=["vehicles"])
    code, out, err = run(capsys, "train", "--force")
    assert code == 0, err
    assert f"vehicles: {REJECTED_WORDS}" in _lines(out, "vehicles"), out

    # `models` says it under each version's row, in the versions page's words, only for the
    # tags that hold some: it said only the row ("v3 active ... 2 tags from v2 ...").
    code, out, err = run(capsys, "models")
    assert code == 0, err
    rows = out.splitlines()
    v2, v3 = (
        next(i for i, line in enumerate(rows) if line.startswith(f"{v} ")) for v in ("v2", "v3")
    )
    under_v2, under_v3 = rows[v2 + 1 : v3], rows[v3 + 1 :]
    assert f"  vehicles: {REJECTED_WORDS}" in under_v3, out
    put = "  pigs: not put on photos of "
    assert any(line.startswith(put) and "platypus" in line for line in under_v3), out
    assert any(line.startswith("  pigs: not put on photos of ") for line in under_v2), out
    assert not any("vehicles" in line for line in under_v2), out  # no kind held yet: no line
    assert not any(line.startswith(" ") for line in rows[:v2]), out  # v1, the default tagger

    # The record says it per tag, as the version's weights hold it: "pigs" untouched by this
    # run carries its parent's kinds, and its record says them still.
    code, out, _ = run(capsys, "models", "--json")
    version = json.loads(out)[-1]
    assert version["version"] == "v3" and version["active"]
    with open_library(default_home()) as lib:
        head = lib.models.load_head("v3", load_default_head())
        names = head.base.vocabulary.class_names
        for tag, why in (("pigs", "unshown"), ("vehicles", "rejected")):
            j = head.tags.index(tag)
            held = head.column_unshown(j) if why == "unshown" else head.column_kinds(j)
            kept = version["learned"][tag]["kept_off"]
            assert sorted(r["kind"] for r in kept) == sorted(names[k] for k in held)
            assert {r["why"] for r in kept} == {why}
        assert {"kind": "platypus", "why": "unshown"} in version["learned"]["pigs"]["kept_off"]
        assert version["learned"]["vehicles"]["kept_off"] == [{"kind": "ox", "why": "rejected"}]
        # The versions page: a line a tag under "How your tags were learned:".
        info = next(v for v in list_versions(lib) if v.version == "v3")
    text = describe(info)
    assert f"• vehicles: {REJECTED_WORDS}" in text.splitlines(), text
    assert any(line.startswith("• pigs: not put on photos of ") for line in text.splitlines()), text

    # The Train page: the tag's sentence under the table, and its Learned cell's tooltip.
    learned = version["learned"]
    result = TrainingResult("v3", "v2", [], True, "", {"learned": learned}, 1.0, [])
    view = shown_result(qtbot, tmp_path, result).changes
    cells = [(view.table.item(r, 0), view.table.item(r, 1)) for r in range(view.table.rowCount())]
    row = next(
        r for r, (name, _) in enumerate(cells) if name is not None and name.text() == "vehicles"
    )
    view.table.selectRow(row)
    sentence = f"N{REJECTED_WORDS[1:]}."
    assert sentence in view.caption.text()
    learned_cell = cells[row][1]
    assert learned_cell is not None and sentence in learned_cell.toolTip()
