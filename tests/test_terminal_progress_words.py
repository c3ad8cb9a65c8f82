"""The terminal's progress line for a step that counts nothing: what it does, never a bare 0."""

from __future__ import annotations

import io

from phototagger.core.jobs import Progress
from phototagger.gui.status import describe_progress
from phototagger.terminal import TerminalProgress, describe


def test_a_step_with_no_count_says_what_it_does_not_zero() -> None:
    # `train` printed "preparing: 0" and a scan "preparing for training: 0".
    assert describe(Progress("preparing", 0, None, detail="reading your answers")) == (
        "preparing: reading your answers"
    )
    assert describe(Progress("preparing for training", 0, None)) == "preparing for training"


def test_counted_steps_keep_their_counts() -> None:
    assert describe(Progress("looking for photos", 263, None)) == "looking for photos: 263"
    assert describe(Progress("tagging", 0, 263)) == "tagging: 0/263"
    assert describe(Progress("training", 50, 50)) == "training: 50/50"


def test_the_progress_lines_written_off_a_terminal_say_it_too() -> None:
    stream = io.StringIO()
    show = TerminalProgress(stream=stream, interval_s=0.0)
    show(Progress("preparing", 0, None, detail="reading your answers"))
    show(Progress("training", 1, 2))
    lines = stream.getvalue().splitlines()
    assert lines == ["preparing: reading your answers", "training: 1/2"]


def test_rate_and_time_left_in_plain_words_as_the_app_says_them() -> None:
    """`scan` read "tagging: 32/43, 3.4/s, ETA 0:03" (walk50): "/s" of what, "ETA" jargon, and a
    time left from the first, warming-up batches, which the app's status bar does not say. It
    says them as the status bar does: photos a second, and a time left once three batches are
    done and until all are."""
    assert describe(Progress("tagging", 32, 43, rate=3.44, eta_s=3.2)) == (
        "tagging: 32/43, 3.4 photos/s"
    )
    assert describe(Progress("tagging", 340, 1200, rate=12.34, eta_s=70)) == (
        "tagging: 340/1,200, 12.3 photos/s, 1:10 left"
    )
    assert describe(Progress("tagging", 43, 43, rate=5.2, eta_s=0.0)) == (
        "tagging: 43/43, 5.2 photos/s"
    )
    writing = Progress("writing keywords", 200, 500, rate=40.0, eta_s=7.5)
    assert describe(writing) == "writing keywords: 200/500, 40.0 photos/s, 0:08 left"
    assert describe_progress(writing) == "Writing keywords 200 of 500 · 40.0 photos/s · 8 s left"


def test_loading_the_model_says_what_comes_next_not_zero() -> None:
    """`scan` showed "loading the model: 0/43" for the seconds the model loads (walk50), where the
    app says "Loading the model… then 43 photos to tag"."""
    assert describe(Progress("loading the model", 0, 43)) == (
        "loading the model, then 43 photos to tag"
    )
    assert describe(Progress("loading the model", 0, 1)) == "loading the model, then 1 photo to tag"


def test_a_new_step_is_written_off_a_terminal_at_once() -> None:
    """walk55: a first `scan 2>scan.log` wrote "tagging: 379/379" and then nothing for the 90 s
    it spent finding the fastest way to run the model: that line came within the 5 s between
    lines kept off a terminal, and was dropped, so the log read as if the scan had hung. A step
    that begins is written at once; the counts within one step still come 5 s apart."""
    from phototagger.core.scan import AFTER_SCAN_CHECK, AFTER_SCAN_DETAIL

    stream = io.StringIO()
    show = TerminalProgress(stream=stream)  # the 5 s between lines of a log
    show(Progress("tagging", 32, 379, rate=2.0))
    show(Progress("tagging", 64, 379, rate=2.0))  # within 5 s of the last: kept off
    show(Progress("tagging", 379, 379, rate=7.4))  # the last count: written
    show(Progress(AFTER_SCAN_CHECK, 0, None, detail=AFTER_SCAN_DETAIL))
    show(Progress("reading keywords", 50, 379))
    show(Progress("reading keywords", 100, 379))  # within 5 s: kept off
    assert stream.getvalue().splitlines() == [
        "tagging: 32/379, 2.0 photos/s",
        "tagging: 379/379, 7.4 photos/s",
        "finding the fastest way to run the model: once, after the first scan on this model",
        "reading keywords: 50/379",
    ]
