"""words46: a tag still said to go on few photos, some of whose yes answers were its own finds
confirmed (state 'accepted', counted as "confirmed" in `train --json`), was told "beach day
goes on no photo besides the 13 you said yes to: …", never how many of the 13 it had found.
It now says "besides the 13 you said yes to, 1 of them a photo it had found" where any were,
in `train` (and its --json "words") and on the Train page alike."""

from __future__ import annotations

from phototagger.commands.models import _few_photos_line
from phototagger.core.few_photos import few_photos, few_photos_words
from phototagger.gui.retrain_train import _few_photos_html


def test_the_note_says_how_many_yes_answers_were_its_finds() -> None:
    # weak34's "beach day": 13 yes, 2 of them its finds accepted, on no photo besides.
    found = few_photos(
        {"beach day": {"how": "learned"}},
        {"beach day": 0},
        {"beach day": 13},
        confirmed={"beach day": 2},
    )
    assert found["beach day"] == {"others": 0, "yes": 13, "confirmed": 2}
    line = _few_photos_line("beach day", found["beach day"])
    assert line.startswith(
        "beach day goes on no photo besides the 13 you said yes to, 2 of them photos it had "
        "found: it tags only the photos your answers make likely"
    ), line
    page = _few_photos_html("beach day", found["beach day"])
    assert "besides the 13 you said yes to, 2 of them photos it had found: it tags" in page
    one = few_photos_words("beach day", 0, 13, "QUEUE", confirmed=1)
    assert "besides the 13 you said yes to, 1 of them a photo it had found: it tags" in one


def test_a_note_without_finds_reads_as_before() -> None:
    words = few_photos_words("beach day", 0, 13, "QUEUE")
    assert words.startswith("beach day goes on no photo besides the 13 you said yes to: it tags")
