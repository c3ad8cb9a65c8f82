"""Which converted runtime `auto` uses: every candidate is checked against TensorFlow fp32 on the
same real photos and timed on them at the scan's batch size; the fastest that agrees wins.

The measurement is cached as one record per weight file (choice.json beside the conversions),
with the runtimes' versions it was made with: installing or upgrading one measures again. The
record keeps the figures and the reason, so a scan can say why it runs where it runs.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from phototagger.ml.backbone_name import BACKBONE_NAME
from phototagger.ml.engine import TaggingEngine
from phototagger.ml.heads import load_default_head
from phototagger.ml.runtimes.agreement import MIN_PHOTOS, Agreement, measure_agreement
from phototagger.ml.runtimes.candidates import TITLES, Candidate
from phototagger.ml.runtimes.conversion_check import (
    load_cached,
    load_converted,
    reference_embeddings,
    write_verdict,
)
from phototagger.ml.runtimes.conversion_process import ConversionStopped, convert_stoppably
from phototagger.ml.runtimes.converted_backbone import ConvertedBackbone
from phototagger.ml.runtimes.litert import DamagedModelError
from phototagger.ml.runtimes.openvino import title_in_words, titles_in_words


@dataclass(frozen=True)
class Measured:
    """One candidate's result on the sample: how well it agrees, how fast it ran."""

    name: str
    title: str
    agreement: Agreement
    images_per_s: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "agreement": self.agreement.as_dict(),
            "images_per_s": self.images_per_s,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Measured:
        return cls(
            str(data["name"]),
            str(data["title"]),
            Agreement.from_dict(data["agreement"]),
            float(data["images_per_s"]),
        )


@dataclass(frozen=True)
class ChoiceRecord:
    versions: dict[str, str]  # every candidate runtime installed when measured: name -> version
    batch: int
    measured: tuple[Measured, ...]
    chosen: str | None  # None: none agrees, TensorFlow fp32 stays
    reason: str
    # The candidates that could not be converted or loaded (why: in `reason`); none in a record
    # made before it was kept.
    failed: tuple[str, ...] = ()

    def result(self, name: str) -> Measured | None:
        return next((m for m in self.measured if m.name == name), None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "versions": self.versions,
            "batch": self.batch,
            "measured": [m.as_dict() for m in self.measured],
            "chosen": self.chosen,
            "reason": self.reason,
            "failed": list(self.failed),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ChoiceRecord:
        measured = tuple(Measured.from_dict(m) for m in data["measured"])
        chosen = data["chosen"]
        if chosen is not None and chosen not in {m.name for m in measured}:
            raise ValueError(f"the chosen runtime {chosen!r} was not measured")
        return cls(
            {str(k): str(v) for k, v in dict(data["versions"]).items()},
            int(data["batch"]),
            measured,
            None if chosen is None else str(chosen),
            # A record measured before the titles were said in words keeps the key in its
            # reason ("OpenVINO 2026.4.1 f32stem6-bf16 150.0 img/s"), shown by every scan until
            # the runtimes are measured again: read in words, the file left as it is.
            titles_in_words(str(data["reason"])),
            tuple(str(name) for name in data.get("failed", ())),
        )


def decide(measured: Sequence[Measured], batch: int) -> tuple[str | None, str]:
    """(the fastest candidate that agrees, or None; the reason, with the figures)."""
    agreeing = sorted(
        (m for m in measured if m.agreement.passed), key=lambda m: m.images_per_s, reverse=True
    )
    disagreeing = "; ".join(
        f"{title_in_words(m.title)} disagreed ({m.agreement.describe()})"
        for m in measured
        if not m.agreement.passed
    )
    if not agreeing:
        return None, disagreeing or "no CPU runtime was measured"
    figures = ", ".join(f"{title_in_words(m.title)} {m.images_per_s:.1f} img/s" for m in agreeing)
    reason = f"fastest that agrees at batch {batch}: {figures}"
    return agreeing[0].name, f"{reason}; {disagreeing}" if disagreeing else reason


def choice_in_words(record: ChoiceRecord, pictures: str) -> str:
    """What the next scans use and why, in a few plain words (the versions, precisions, figures
    and the runtimes turned down stay in `record.reason`): "the next scans will use LiteRT: about
    1.8 times as fast as the next fastest (OpenVINO), with the same tags as TensorFlow on all 48
    pictures ...". `pictures`: the pictures checked, counted ("48 pictures this scan tagged")."""
    agreeing = sorted(
        (m for m in record.measured if m.agreement.passed),
        key=lambda m: m.images_per_s,
        reverse=True,
    )
    if record.chosen is None or not agreeing or agreeing[0].name != record.chosen:
        if not record.measured:
            return (
                "the next scans stay on TensorFlow: no other way to run the model could be set up"
            )
        return (
            "the next scans stay on TensorFlow: no other way to run the model gave the same tags "
            f"on the {pictures}"
        )
    best = agreeing[0]
    same = best.agreement.decisions
    on = f"all {pictures}" if same >= 1.0 else f"{_share(same)} of the {pictures}"
    tags = f"the same tags as TensorFlow on {on}"
    name = TITLES.get(best.name, best.title)
    if len(agreeing) == 1:
        return f"the next scans will use {name}: the only other way tried that gave {tags}"
    runner_up = agreeing[1]
    other = TITLES.get(runner_up.name, runner_up.title)
    other = f"{other} at another precision" if other == name else other
    times = best.images_per_s / max(runner_up.images_per_s, 1e-9)
    # Within 5 %: about as fast (it said "as fast as", and a reader asked why this one then).
    about = "about " if times < 1.05 else f"about {times:.1f} times "
    speed = f"{about}as fast as the next fastest ({other})"
    return f"the next scans will use {name}: {speed}, with {tags}"


# How a runtime's precision reads, where two of the measured runtimes share a name.
_PRECISION_WORDS = {
    "openvino": "full precision",
    "openvino-bf16": "16-bit precision",
    "openvino-mixed": "mixed precision",
}


def turned_down_in_words(record: ChoiceRecord) -> list[str]:
    """One plain line for each runtime turned down that was faster than the one chosen, or each
    one turned down where TensorFlow stays (its own speed is not measured), with why and the
    figures: "OpenVINO at 16-bit precision was faster (1.8 times as fast) but saw a different
    main subject on 1 of 48 pictures: not used"; and one for each that could not be converted
    or loaded (its speed unknown). The first scan's lines named the choice and the next fastest
    only, however close the one turned down came."""
    chosen = record.result(record.chosen) if record.chosen else None
    names = [m.name for m in record.measured] + list(record.failed)

    def called(runtime: str) -> str:
        title = TITLES.get(runtime, runtime)
        if sum(TITLES.get(other, other) == title for other in names) < 2:
            return title
        return f"{title} at {_PRECISION_WORDS.get(runtime, 'another precision')}"

    lines = []
    for m in sorted(record.measured, key=lambda m: m.images_per_s, reverse=True):
        if m.agreement.passed:
            continue
        name = called(m.name)
        why = _disagreement_in_words(m.agreement)
        if chosen is None:
            lines.append(f"{name} {why}: not used")
        elif m.images_per_s > chosen.images_per_s:
            times = m.images_per_s / max(chosen.images_per_s, 1e-9)
            faster = "was as fast" if times < 1.05 else f"was faster ({times:.1f} times as fast)"
            lines.append(f"{name} {faster} but {why}: not used")
    # Its speed unknown: said whatever the one chosen.
    lines += [
        f"{called(name)} could not be set up (the error is kept with the measured figures): "
        "not used"
        for name in record.failed
    ]
    return lines


def _disagreement_in_words(agreement: Agreement) -> str:
    """Why a runtime's results were not TensorFlow's, with the figures: the checks it failed
    (Agreement.failed_checks), in plain words."""
    photos = agreement.photos

    def off(share: float) -> str:
        return f"{max(1, round((1 - share) * photos))} of {photos} pictures"

    words = {
        "photos": f"was checked on only {photos} pictures ({MIN_PHOTOS} are needed)",
        "decisions": f"gave different tags on {off(agreement.decisions)}",
        "top1": f"saw a different main subject on {off(agreement.top1)}",
        "neighbours": (
            f"kept only {agreement.neighbours:.0%} of the similar pictures TensorFlow found"
        ),
        "cosine": "read at least one picture too differently",
    }
    said = [words[check] for check in agreement.failed_checks()]
    return " and ".join(said) or "did not give the same results"


def _share(fraction: float) -> str:
    """99.2% as said: never "100%" for less than all."""
    return f"{min(fraction * 100, 99.9):.1f}%"


def record_path(weights_digest: str, cache_dir: Path) -> Path:
    return cache_dir / f"{BACKBONE_NAME}-{weights_digest}-choice.json"


def read_record(path: Path, candidates: Sequence[Candidate]) -> ChoiceRecord | None:
    """The cached choice, if it was measured with exactly the runtimes installed now."""
    try:
        record = ChoiceRecord.from_dict(json.loads(path.read_text("utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # none yet, or damaged: measured again
    installed = {c.name: c.version for c in candidates}
    return record if record.versions == installed else None


def write_record(path: Path, record: ChoiceRecord) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(record.as_dict(), indent=2), "utf-8")
    os.replace(tmp, path)


class MeasurementStopped(Exception):
    """The measurement was stopped (the scan it follows was cancelled): nothing was recorded;
    the conversions finished so far stay cached for the next one."""


def _check(stop: Callable[[], bool] | None) -> None:
    if stop is not None and stop():
        raise MeasurementStopped


def time_candidates(
    backbones: dict[str, ConvertedBackbone],
    pixels: np.ndarray,
    batch: int,
    stop: Callable[[], bool] | None = None,
) -> tuple[dict[str, np.ndarray], dict[str, float]]:
    """Every backbone's embeddings of `pixels` and its img/s over the full batches of `batch`
    photos. The runtimes take turns batch by batch (the first one changing each batch), so a
    shared machine's load falls on all alike; each ran a first batch of that size untimed."""
    names = list(backbones)
    outputs: dict[str, list[np.ndarray]] = {n: [] for n in names}
    seconds = dict.fromkeys(names, 0.0)
    timed = 0
    for name in names:
        backbones[name].embed(pixels[:batch])  # warm-up: compiles and plans for this shape
    for index, start in enumerate(range(0, len(pixels), batch)):
        _check(stop)
        chunk = pixels[start : start + batch]
        full = len(chunk) == batch
        timed += len(chunk) if full else 0
        for name in names[index % len(names) :] + names[: index % len(names)]:
            began = time.perf_counter()
            outputs[name].append(backbones[name].embed(chunk))
            if full:
                seconds[name] += time.perf_counter() - began
    rates = {n: timed / max(seconds[n], 1e-9) for n in names}
    return {n: np.concatenate(outputs[n]) for n in names}, rates


def _converted_backbones(
    reference: TaggingEngine, candidates: Sequence[Candidate], stop: Callable[[], bool] | None
) -> tuple[dict[str, ConvertedBackbone], list[str]]:
    """Each candidate's converted backbone, converted first where it is not cached (in a child
    process a stop ends when there is a `stop`), in the candidates' order; and the failures."""
    errors = (DamagedModelError, RuntimeError, ValueError, OSError)
    backbones: dict[str, ConvertedBackbone] = {}
    why: dict[str, str] = {}
    missing = []
    for candidate in candidates:
        _check(stop)
        try:
            loaded = (
                load_converted(reference, candidate) if stop is None else load_cached(candidate)
            )
        except errors as exc:
            why[candidate.name] = str(exc)
            continue
        if loaded is None:
            missing.append(candidate)
        else:
            backbones[candidate.name] = loaded
    if stop is not None and missing:
        try:
            why.update(convert_stoppably(reference.keras_model, missing, stop))
        except ConversionStopped:
            raise MeasurementStopped from None
        for candidate in missing:
            _check(stop)
            try:
                loaded = None if candidate.name in why else load_cached(candidate)
            except errors as exc:
                why[candidate.name] = str(exc)
                continue
            if loaded is None:
                why[candidate.name] = "the conversion left no file"
            else:
                backbones[candidate.name] = loaded
    failures = [
        f"{c.words} could not be converted ({why[c.name]})" for c in candidates if c.name in why
    ]
    return {c.name: backbones[c.name] for c in candidates if c.name in backbones}, failures


def measure(
    reference: TaggingEngine,
    candidates: Sequence[Candidate],
    pixels: np.ndarray,
    embeddings: np.ndarray | None,
    batch: int,
    record_file: Path,
    stop: Callable[[], bool] | None = None,
) -> ChoiceRecord:
    """Convert every candidate (cached), check each against TensorFlow's `embeddings` of `pixels`
    (computed here when None), time each at `batch`, decide, and cache each verdict and the
    record. A candidate that cannot be converted or loaded is reported as such and left out.
    MeasurementStopped within a fraction of a second once `stop()` is true: with a `stop`, the
    conversions run in a child process that is killed then (ml.runtimes.conversion_process),
    the one under way thrown away; the timing stops between two batches."""
    batch = max(1, min(batch, len(pixels)))
    backbones, failures = _converted_backbones(reference, candidates, stop)
    if embeddings is None:  # TensorFlow on the library's photos: a stop is seen between batches
        parts = []
        for start in range(0, len(pixels), batch):
            _check(stop)
            parts.append(reference_embeddings(reference, pixels[start : start + batch], batch))
        embeddings = np.concatenate(parts)
    _check(stop)
    outputs, rates = time_candidates(backbones, pixels, batch, stop) if backbones else ({}, {})
    default = load_default_head()
    measured = []
    for candidate in candidates:
        if candidate.name not in outputs:
            continue
        agreement = measure_agreement(embeddings, outputs[candidate.name], default)
        write_verdict(candidate, agreement)
        measured.append(
            Measured(candidate.name, candidate.title, agreement, round(rates[candidate.name], 2))
        )
    chosen, reason = decide(measured, batch)
    if failures:
        reason = "; ".join([reason, *failures])
    record = ChoiceRecord(
        {c.name: c.version for c in candidates},
        batch,
        tuple(measured),
        chosen,
        reason,
        tuple(c.name for c in candidates if c.name not in backbones),
    )
    write_record(record_file, record)
    return record
