"""After a first scan, the runtime lines said "LiteRT 2.3.0 fp32 XNNPACK checked on 48 photos and
timed after the scan: the next scans use it (fastest that agrees at batch 32: ... 66.0 img/s, ...;
OpenVINO 2026.4.1 bf16 disagreed (48 photos: tags identical on 100.0%, top-1 97.9%, ... lowest
embedding cosine 0.9981 ...))" under "43 tagged": words and figures a photographer does not
follow, and 48 "photos" after 43 files. Now the default lines say what the next scans use and why
in a few words, the pictures counted as the scan counts them; the figures stay in --json."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from phototagger.commands.library import MEASURED_FIGURES, figures_lines, runtime_lines
from phototagger.ml.runtimes.agreement import Agreement
from phototagger.ml.runtimes.deferred import pictures_checked
from phototagger.ml.runtimes.measurement import (
    ChoiceRecord,
    Measured,
    choice_in_words,
    decide,
    turned_down_in_words,
)

SAME = Agreement(48, 1.0, 1.0, 0.9999, 1.0)
OFF = Agreement(48, 1.0, 0.979, 0.9981, 0.967)  # top-1 on less than 98 %: turned down
MEASURED = (
    Measured("openvino", "OpenVINO 2026.4.1 f32", SAME, 37.0),
    Measured("openvino-bf16", "OpenVINO 2026.4.1 bf16", OFF, 120.4),
    Measured("litert", "LiteRT 2.3.0 fp32 XNNPACK", SAME, 66.0),
)
JARGON = ("img/s", "fp32", "bf16", "top-1", "cosine", "XNNPACK", "2026.4.1", "batch", "agrees")


def _record(measured: tuple[Measured, ...]) -> ChoiceRecord:
    chosen, reason = decide(measured, 32)
    return ChoiceRecord({m.name: "1" for m in measured}, 32, measured, chosen, reason)


def test_a_first_scans_choice_in_plain_words() -> None:
    scanned = np.zeros((48, 1280), np.float32)  # the scan's own embeddings were checked
    words = choice_in_words(_record(MEASURED), pictures_checked(48, 48, scanned, 48))
    assert words == (
        "the next scans will use LiteRT: about 1.8 times as fast as the next fastest "
        "(OpenVINO), with the same tags as TensorFlow on all 48 pictures this scan tagged"
    )
    ran, *why = runtime_lines(f"TensorFlow ({words})", 80)
    assert ran == "the model ran on TensorFlow"
    assert why and all(line.startswith("  ") and len(line) < 80 for line in why)
    assert not any(word in line for line in why for word in JARGON), why


def test_the_share_and_the_sample_are_said_exactly() -> None:
    near = Agreement(300, 0.992, 0.995, 0.995, 0.97)  # passes: 99.2 %, not "the same on all"
    measured = (
        Measured("openvino", "OpenVINO 2026.4.1 f32", SAME, 40.0),
        Measured("openvino-mixed", "OpenVINO 2026.4.1 f32stem6-bf16", near, 41.0),
    )
    scanned = np.zeros((200, 1280), np.float32)
    words = choice_in_words(_record(measured), pictures_checked(200, 5_120, scanned))
    assert words == (
        "the next scans will use OpenVINO: about as fast as the next fastest (OpenVINO at "
        "another precision), with the same tags as TensorFlow on 99.2% of the 200 pictures "
        "checked of the 5,120 this scan tagged"
    )
    only = choice_in_words(_record(measured[:1]), pictures_checked(40, 3, None))
    assert only == (
        "the next scans will use OpenVINO: the only other way tried that gave the same tags as "
        "TensorFlow on all 40 pictures of your library checked"
    )


def test_none_that_agrees_keeps_tensorflow_and_says_so_plainly() -> None:
    scanned = np.zeros((48, 1280), np.float32)
    words = choice_in_words(_record(MEASURED[1:2]), pictures_checked(48, 48, scanned, 43))
    assert words == (
        "the next scans stay on TensorFlow: no other way to run the model gave the same tags "
        "on the 48 pictures this scan tagged (from 43 files: a video clip gives a picture for "
        "each frame tagged)"
    )
    assert choice_in_words(_record(()), "48 pictures") == (
        "the next scans stay on TensorFlow: no other way to run the model could be set up"
    )


def test_video_clips_are_said_only_where_the_pictures_outnumber_the_files() -> None:
    """A scan of 48 photos said "48 pictures this scan tagged (a video clip counts each frame
    tagged)" though it had no clip: the clips are said where the pictures outnumber the files
    tagged, with both counts."""
    scanned = np.zeros((48, 1280), np.float32)
    assert pictures_checked(48, 48, scanned, 48) == "48 pictures this scan tagged"
    assert pictures_checked(48, 48, scanned, 50) == "48 pictures this scan tagged"  # some reused
    assert pictures_checked(48, 48, scanned, 43) == (
        "48 pictures this scan tagged (from 43 files: a video clip gives a picture for each "
        "frame tagged)"
    )
    sample = np.zeros((200, 1280), np.float32)
    assert pictures_checked(200, 5_120, sample, 5_120) == (
        "200 pictures checked of the 5,120 this scan tagged"
    )
    assert pictures_checked(200, 5_120, sample, 4_900) == (
        "200 pictures checked of the 5,120 this scan tagged (from 4,900 files: a video clip "
        "gives a picture for each frame tagged)"
    )
    assert pictures_checked(40, 3, None, 3) == "40 pictures of your library checked"


def test_a_faster_runtime_turned_down_is_said_with_why_and_its_figures() -> None:
    """The lines named the runtime chosen and the next fastest only: OpenVINO at 16-bit, 1.8
    times as fast as the LiteRT chosen and turned down for one picture, was in the record file
    and --json alone. Now each runtime faster than the one chosen but turned down has a line of
    its own, with why and the figures; a slower one turned down is not said."""
    record = _record(MEASURED)
    said = [
        "OpenVINO at 16-bit precision was faster (1.8 times as fast) but saw a different main "
        "subject on 1 of 48 pictures: not used"
    ]
    assert turned_down_in_words(record) == said
    scanned = np.zeros((48, 1280), np.float32)
    words = "\n".join([choice_in_words(record, pictures_checked(48, 48, scanned, 48)), *said])
    ran, *why = runtime_lines(f"TensorFlow ({words})", 80)
    assert ran == "the model ran on TensorFlow"
    at = next(i for i, line in enumerate(why) if line.startswith("  OpenVINO at 16-bit"))
    assert at > 0 and " ".join(line.strip() for line in why[at:]) == said[0], why
    assert all(line.startswith("  ") and len(line) < 80 for line in why)
    assert not any(word in line for line in why for word in JARGON), why

    tags_off = Agreement(48, 45 / 48, 1.0, 0.999, 0.97)  # 3 of 48 pictures tagged otherwise
    measured = (
        Measured("openvino", "OpenVINO 2026.4.1 f32", tags_off, 171.6),
        Measured("litert", "LiteRT 2.3.0 fp32 XNNPACK", SAME, 66.0),
    )
    assert turned_down_in_words(_record(measured)) == [
        "OpenVINO was faster (2.6 times as fast) but gave different tags on 3 of 48 pictures: "
        "not used"
    ]
    slower = (Measured("openvino", "OpenVINO 2026.4.1 f32", tags_off, 30.0), measured[1])
    assert turned_down_in_words(_record(slower)) == []
    # TensorFlow stays (its speed is not measured): each one turned down, and why.
    assert turned_down_in_words(_record(measured[:1])) == [
        "OpenVINO gave different tags on 3 of 48 pictures: not used"
    ]


def test_a_runtime_that_could_not_be_set_up_is_named() -> None:
    """One that could not be converted (or loaded) was in the record's reason alone: now named
    on a line of its own, its speed unknown, the error left to the figures file; a record made
    before it was kept reads as none failed."""
    chosen, reason = decide(MEASURED[:1], 32)
    record = ChoiceRecord(
        {"openvino": "1", "openvino-bf16": "1", "litert": "1"},
        32,
        MEASURED[:1],
        chosen,
        f"{reason}; LiteRT 2.3.0 fp32 XNNPACK could not be converted (out of memory)",
        ("litert",),
    )
    assert turned_down_in_words(record) == [
        "LiteRT could not be set up (the error is kept with the measured figures): not used"
    ]
    assert ChoiceRecord.from_dict(record.as_dict()) == record
    older = {k: v for k, v in record.as_dict().items() if k != "failed"}
    assert ChoiceRecord.from_dict(older).failed == ()
    both = dataclasses.replace(record, failed=("openvino-bf16",))
    assert turned_down_in_words(both) == [
        "OpenVINO at 16-bit precision could not be set up (the error is kept with the measured "
        "figures): not used"
    ]


def test_the_figures_files_path_stays_whole_and_the_line_fits_the_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """ "  the measured figures are kept in /home/ann/.cache/phototagger/runtimes/<model>-<digest>-
    choice.json" ran to 120 columns, the terminal breaking the path anywhere. Where it does not
    fit, the path is whole on a line of its own, as the runtime lines wrap (each shorter than
    the terminal), written from ~ where even that is too wide."""
    monkeypatch.setenv("HOME", "/home/ann")
    path = "/home/ann/.cache/phototagger/runtimes/efficientnet-lite0-579344248a93e230-choice.json"
    assert figures_lines(path, 132) == [f"  {MEASURED_FIGURES}{path}"]
    head = f"  {MEASURED_FIGURES.rstrip()}"
    assert figures_lines(path, 100) == [head, f"  {path}"]
    assert figures_lines(path, 80) == [head, f"  ~{path.removeprefix('/home/ann')}"]
    for columns in (80, 100, 132):
        assert all(len(line) < columns for line in figures_lines(path, columns))
    elsewhere = (
        "/media/ann/photos-library/cache/runtimes/efficientnet-lite0-579344248a93e230-choice.json"
    )
    assert figures_lines(elsewhere, 80) == [head, f"  {elsewhere}"]  # whole, though wide
