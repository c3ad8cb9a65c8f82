"""weak34: a tag taught from photos of many kinds that look alike in nothing ("beach day": a
starfish, a jellyfish, a boat, a seal, a volleyball, a whale...) and told no on a few other
photos lands on no photo besides its yes answers. `train` said only "beach day: like your
examples", no line of changes (the yes answers count on both sides) and its figures: nothing
said where the tag went, why, or what finds more. It now says so, with the step that helps
(yes answers on the kinds it misses, which its review queue asks about), in `train` and on
the Train page, whose link opens the tag's queue (core/few_photos.py).

walk41: where the yes answers kept out of training to test the tag were missed, the note
still said "if it misses photos you meant"; it now says how many of them it found, so it is
likely to miss photos meant, as the figures behind the table count them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.few_photos import few_photos_words
from phototagger.core.library import open_library
from phototagger.core.validation import yes_found
from phototagger.gui.retrain_train import AFTER_APPLY
from phototagger.paths import default_home
from phototagger.store.connection import transaction
from phototagger.store.file_metadata import apply_file_keywords
from tests.cli_helpers import det_photos_scanned, run
from tests.gui_helpers import trained_page
from tests.store_helpers import DET

# One photo each of ten kinds seen at the seaside (the yes answers), two beach photos of kinds
# not among them (a swimsuit, swimming trunks), and thirty photos of fifteen other kinds.
YES = (
    "n02317335_12859_starfish n01910747_13396_jellyfish n04530566_102_watercraft "
    "n02076196_10411_seal n04540053_14903_volleyball n02062744_3014_whale n01495701_1216_ray "
    "n02444819_2511_otter n01982650_10568_lobster n01662784_2198_turtle"
).split()
UNTAUGHT = ["n03710721_17219_maillot", "n04371430_1786_swimming_trunks"]
NO = (
    "n02084071_1365_dog n02084071_19639_dog n02391049_2847_zebra n02391049_6947_zebra "
    "n02958343_257_car n02958343_409_car n03928116_13232_piano n03928116_17073_piano"
).split()
OTHERS = (
    "n04442312_12329_toaster n04442312_14257_toaster n03467517_10919_guitar "
    "n03467517_11772_guitar n07697100_1414_hamburger n07697100_1787_hamburger "
    "n03642806_21229_laptop n03642806_23679_laptop n03001627_3888_chair n03001627_4198_chair "
    "n02834778_10227_bicycle n02834778_11169_bicycle n03636649_17304_lamp n03636649_2054_lamp "
    "n04536866_11045_violin n04536866_14473_violin n02924116_16370_bus n02924116_29310_bus "
    "n07873807_1051_pizza n07873807_10788_pizza n04256520_11786_sofa n04256520_22975_sofa"
).split()
SAID = (
    "{name} goes on {on} besides the 10 you said yes to: it tags only the photos your "
    "answers make likely, and few are; {tested}, so it is likely to miss "
    "kinds of photo it was not shown: say yes to one or two of each kind it misses ({queue} "
    "{lists}), then train again"
)

pytestmark = pytest.mark.skipif(not DET.is_dir(), reason="needs /work/shared/data/det-photos")


def _taught(engine: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> list[str]:
    """The photos scanned with the real model, 'beach day' said yes on YES and no on NO; the
    yes answers' paths."""
    pics = det_photos_scanned(
        engine, tmp_path / "pics", [*YES, *UNTAUGHT, *NO, *OTHERS], monkeypatch, capsys
    )
    yes = [str(pics / f"{name}.jpg") for name in YES]
    assert run(capsys, "label", *yes, "--add", "beach day")[0] == 0
    no = [str(pics / f"{name}.jpg") for name in NO]
    assert run(capsys, "label", *no, "--reject", "beach day")[0] == 0
    return yes


def _on(others: int) -> str:
    """How the words count the photos besides the yes answers."""
    return "no photo" if not others else f"only {others} photo" + ("s" if others > 1 else "")


def _said(few: dict[str, int], held: int, found: int, queue: str, name: str = "beach day") -> str:
    """The note on 'beach day' (`few`: the run's counts of it; `name`: the tag as it opens on
    it, “beach day” in the app's quotes on the Train page), its figures checked against
    the run's own test of it: `held` yes answers kept out of training, `found` of them found
    (as the table and the verdict count them). walk41: the note said "if it misses photos you
    meant" where the yes answers kept out to test it had been missed: 2 of weak34's 10 are
    kept out, and the version fitted without them finds neither; it now says that."""
    assert (few["tested_yes"], few["found"]) == (held, found)
    assert 0 <= found < held  # the case: weak34's photos, 2 kept out, none found
    hit = "none of them" if not found else str(found)
    words = f"tested on the {held} yes answers the training did not see, it found {hit}"
    if held == 1:
        words = "tested on the one yes answer the training did not see, it did not find it"
    # Its queue "lists photos it may have missed" only where one is left near the cut: where its
    # queue says nothing likely is left to find, "photos to answer" (walk41, queue41).
    lists = (
        "lists photos to answer"
        if few.get("nothing_likely_left")
        else "lists photos it may have missed"
    )
    return SAID.format(name=name, on=_on(few["others"]), queue=queue, tested=words, lists=lists)


def test_train_says_where_a_tag_that_lands_on_no_other_photo_goes_and_what_to_do(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    yes = _taught(engine, tmp_path, monkeypatch, capsys)
    # --json says it, with the counts (a run not applied: the next replaces it).
    code, out, _ = run(capsys, "train", "--json", "--no-activate")
    assert code == 0
    report = json.loads(out)
    few = report["few_photos"]
    (tested,) = [m["new"] for m in report["metrics"] if m["tag"] == "beach day"]
    held, hit = tested["positives"], round(tested["recall"] * tested["positives"])

    code, out, _ = run(capsys, "train")
    assert code == 0
    lines = out.splitlines()
    assert "new tags the model learned: beach day" in lines
    # The case: the version made active tags its yes answers and no other photo (weak34's
    # ImageNet samples: none; a change to the learning may move it by a photo or two).
    code, found, _ = run(capsys, "search", "beach day", "--json")
    assert code == 0
    tagged = {p["path"] for p in json.loads(found)}
    others = len(tagged - set(yes))
    assert set(yes) <= tagged and others < 3, sorted(tagged - set(yes))
    assert [(f["tag"], f["others"], f["yes"]) for f in few] == [("beach day", others, 10)]
    said = _said(few[0], held, hit, "phototagger review 'beach day'")
    assert f"note: {said}" in lines, out
    assert few[0]["words"] == said

    # `scores` says which of the photos over the cut are the yes answers: "10 of the 42 photos
    # listed" read as a tag on 10 photos of the library.
    code, rows, _ = run(capsys, "scores", "beach day", "--json")
    assert code == 0
    over = [r["path"] for r in json.loads(rows) if r["confidence"] >= r["threshold"]]
    yours = len(set(over) & set(yes))
    assert yours == 10 and len(over) == 10 + others
    code, _, err = run(capsys, "scores", "beach day")
    assert code == 0
    said = err.splitlines()[-1]
    assert said.startswith("phototagger: v3 puts 'beach day' on photos scoring "), said
    whose = ", every one a photo you said yes to" if not others else " (10 of them you said yes to)"
    assert said.endswith(
        f": {len(over)} of the 42 photos listed{whose}; a photo you answered keeps your answer"
    ), said

    # The queue it names asks about the photos it missed, as the note says it: "photos it may
    # have missed", not "its likely misses" (read41), where the queue calls none of them
    # "likely missed" (its below the cut are "well below 57%, ...: asked in case it is one it
    # missed", preview41's likely_missed: just below the cut at even odds or more).
    code, listed, _ = run(capsys, "review", "beach day", "--json")
    assert code == 0
    queued = json.loads(listed)
    assert set(UNTAUGHT) & {Path(p["path"]).stem for p in queued}
    assert not any(p["why_words"].startswith("may be missed") for p in queued), queued
    # And says of itself what the note said of it (likely misses, or nothing likely left).
    settled = {row["nothing_likely_left"] for row in queued}
    assert settled == {bool(few[0].get("nothing_likely_left"))}, (settled, few[0])


def test_the_train_page_says_it_and_links_the_tags_queue(
    qtbot: QtBot, engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    _taught(engine, tmp_path, monkeypatch, capsys)
    page = trained_page(qtbot, tmp_path)
    note = page.few_photos_note
    assert note.isVisible()
    assert page.result is not None
    (tested,) = [m for m in page.result.metrics if m.tag == "beach day"]
    few = page.result.counts["few_photos"]["beach day"]
    # The tag named in the app's quotes, as every other line of the page names it (walk52:
    # "kitchen things goes on no photo besides …" under "“kitchen things”: no photo …").
    said = _said(few, tested.new.positives, yes_found(tested.new), AFTER_APPLY, "“beach day”")
    assert said in note.text(), note.text()
    assert "beach day goes on" not in note.text(), note.text()
    # A note, as `train` says it ("note: beach day goes on ..."), not a ⚠ warning: the tag goes
    # on the photos it was taught, and saying yes to more is a step, not a risk (words37).
    assert "⚠" not in note.text(), note.text()
    # Its link opens the tag's queue under Review.
    with qtbot.waitSignal(page.review_asked) as asked:
        note.linkActivated.emit(note.text().split("href='")[1].split("'")[0])
    assert asked.args == ["beach day"]


def test_a_tag_only_the_files_keywords_give_is_not_said_to_land_on_few_photos(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A stock photo's keyword on five of the photos ('holiday 2019', read from their files):
    learned as a new tag, on no other photo, and never taught by the user: `train` said "note:
    holiday 2019 goes on no photo besides the 5 you said yes to", of yes answers they never
    gave. Only the tags the user answered by hand are said so."""
    _taught(engine, tmp_path, monkeypatch, capsys)
    with open_library(default_home()) as lib:
        rows = lib.db.execute("SELECT id, path FROM photos ORDER BY path").fetchall()
        keyworded = [pid for pid, path in rows if Path(path).stem in YES[:5]]
        with transaction(lib.db):
            for pid in keyworded:
                apply_file_keywords(lib.db, pid, ["holiday 2019"], [])
    code, out, _ = run(capsys, "train", "--json", "--no-activate")
    assert code == 0
    report = json.loads(out)
    assert "holiday 2019" in report["counts"]["new_tags"]  # learned, as before
    # The case: it goes on few photos besides its five (counted as core/few_photos counts).
    change = next((c for c in report["counts"]["changes"] if c["tag"] == "holiday 2019"), None)
    assert change is None or change["after"] - 5 < 2, change
    assert [f["tag"] for f in report["few_photos"]] == ["beach day"]
    assert not any("holiday 2019" in f["words"] for f in report["few_photos"])


def test_the_words_count_the_photos_as_a_sentence_does() -> None:
    """'besides the one said yes' was no sentence (a tag of the default tagger corrected once
    it has 5 yes answers never meets it; the words are said right all the same)."""
    one = few_photos_words("x", 0, 1, "Q")
    assert one.startswith("x goes on no photo besides the one you said yes to: "), one
    many = few_photos_words("x", 2, 1234, "Q")
    assert many.startswith("x goes on only 2 photos besides the 1,234 you said yes to: "), many
    # Without yes answers kept out and missed, the step stays an "if" (a tag meant for few).
    assert "; if it misses photos you meant, say yes" in few_photos_words("x", 0, 10, "Q", 2, 2)
    missed = few_photos_words("x", 0, 10, "Q", 1, 0)
    assert (
        "; tested on the one yes answer the training did not see, it did not find it, so" in missed
    )
