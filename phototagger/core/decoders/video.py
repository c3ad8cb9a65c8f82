"""Video clips through FFmpeg (PyAV): a few frames, about one a second, at most 16.

A clip is tagged from frames sampled over its length. Decoding is bounded: the container is
opened with I/O timeouts, and a deadline is checked between packets, so a damaged or stalling
clip becomes a recorded problem and the scan goes on.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PIL import Image

from phototagger.core.decoders.frames import usable_frames
from phototagger.core.errors import (
    CORRUPT,
    TIMEOUT,
    TRUNCATED,
    UNSUPPORTED,
    VANISHED,
    PhotoError,
)
from phototagger.core.file_guard import GONE_WORDS, hash_file

SAMPLE_EVERY_S = 1.0
MAX_FRAMES = 16
# Seconds of decoding one clip may take; PHOTOTAGGER_CLIP_SECONDS overrides it.
DEFAULT_BUDGET_S = 60.0
OPEN_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 10.0
# Further than this from the last decoded frame, seek to the next sample rather than decode on:
# phones write a keyframe every second or so, so a seek costs a frame or two, where decoding on
# costs every frame between (30 per second, each a 4K picture). Where keyframes are sparse, the
# first seek that lands behind the last sample turns seeking off (see _sample).
_SEEK_GAP_S = 0.5
# A clip with this many damaged packets in a row is given up on.
_MAX_BAD_PACKETS = 50
_RECOPY = "re-copy it from the phone or camera, or a backup if you have one"

# frame.rotation (counterclockwise degrees, FFmpeg's display matrix) as the turn that shows it.
_ROTATE = {
    90: Image.Transpose.ROTATE_90,
    -270: Image.Transpose.ROTATE_90,
    180: Image.Transpose.ROTATE_180,
    -180: Image.Transpose.ROTATE_180,
    -90: Image.Transpose.ROTATE_270,
    270: Image.Transpose.ROTATE_270,
}


@dataclass(frozen=True)
class ClipSample:
    frames: list[Image.Image]  # upright RGB frames worth tagging, in time order
    shown: int  # index in `frames` of the one to use as the clip's still
    duration: float
    width: int  # display size, rotation applied
    height: int
    taken_at: str | None
    format: str


_budget = [DEFAULT_BUDGET_S]  # set by the front (cli.py), never read from the environment here


def budget_s() -> float:
    """The decoding time allowed per clip."""
    return _budget[0]


def set_budget(value: str | float | None) -> None:
    """The front's choice of decoding time per clip (PHOTOTAGGER_CLIP_SECONDS, read by cli.py);
    anything not a positive number means the default."""
    try:
        seconds = float(value) if value is not None else 0.0
    except ValueError:
        seconds = 0.0
    _budget[0] = seconds if seconds > 0 else DEFAULT_BUDGET_S


def content_hash(path: str) -> tuple[str, int]:
    """(content hash, size), streamed: a clip can be larger than memory (core/file_guard.py:
    only a regular file is read, so a FIFO named .mp4 cannot hang the scan)."""
    return hash_file(path)


@dataclass(frozen=True)
class ClipHeader:
    """What a clip's container says before any frame is decoded."""

    taken_at: str | None


def header_facts(path: str) -> ClipHeader | None:
    """The date sample_clip will find, from the container's metadata alone (no frame decoded:
    about 1 ms for a phone's MP4); None where the container cannot be opened (the decode says
    why)."""
    import av

    try:
        with av.open(path, timeout=(OPEN_TIMEOUT_S, READ_TIMEOUT_S)) as container:
            return ClipHeader(_taken_at(container.metadata))
    except (av.error.FFmpegError, OSError, UnicodeDecodeError):
        return None


def sample_clip(
    path: str,
    *,
    short_side: int = 256,
    every_s: float = SAMPLE_EVERY_S,
    max_frames: int = MAX_FRAMES,
    budget: float | None = None,
) -> ClipSample:
    """Frames sampled over the clip, each scaled to `short_side` on its short side."""
    import av

    allowed = budget_s() if budget is None else budget
    deadline = time.monotonic() + allowed
    try:
        container = av.open(path, timeout=(OPEN_TIMEOUT_S, READ_TIMEOUT_S))
    except av.error.FileNotFoundError:
        raise PhotoError(VANISHED, f"the file is {GONE_WORDS}") from None
    except av.error.ExitError:
        raise PhotoError(
            TIMEOUT,
            f"opening the clip took over {OPEN_TIMEOUT_S:.0f} s; the disk "
            "or network share may be stalling",
        ) from None
    except (av.error.FFmpegError, OSError, UnicodeDecodeError) as exc:
        raise PhotoError(
            CORRUPT,
            f"the clip cannot be opened: its container is damaged or cut "
            f"short ({_detail(exc)}); {_RECOPY}",
        ) from None
    with container:
        if not container.streams.video:
            raise PhotoError(
                UNSUPPORTED,
                "this clip has no video stream (only sound or data), so there is no picture to tag",
            )
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        duration = _duration(container, stream)
        try:
            picked = _sample(container, stream, duration, short_side, every_s, max_frames, deadline)
        except _Overrun:
            raise _timeout(allowed) from None
        except av.error.ExitError:
            raise _timeout(allowed) from None
        except av.error.FFmpegError as exc:
            raise PhotoError(
                CORRUPT, f"the clip's video is damaged ({_detail(exc)}); {_RECOPY}"
            ) from None
        taken_at = _taken_at(container.metadata)
    if not picked:
        raise PhotoError(
            TRUNCATED,
            "no frame of this clip could be decoded (the file is "
            f"incomplete or its video data is damaged); {_RECOPY}",
        )
    if duration is None:
        duration = max(t for t, _ in picked)
    images = [img for _, img in picked]
    kept, shown = usable_frames(images)
    width, height = _display_size(stream, images[0])
    return ClipSample(
        frames=[images[i] for i in kept],
        shown=kept.index(shown),
        duration=float(duration),
        width=width,
        height=height,
        taken_at=taken_at,
        format=os.path.splitext(path)[1].lstrip(".").upper() or "VIDEO",
    )


def still(path: str, max_side: int | None, *, budget: float | None = None) -> Image.Image:
    """The clip's representative frame at up to `max_side` (its own size when None).

    Chosen among 4 frames, not 16: the viewer holds them all at display size (4 x 25 MB for 4K).
    """
    sample = sample_clip(path, short_side=max_side or 100_000, max_frames=4, budget=budget)
    return sample.frames[sample.shown]


def _sample(
    container: Any,
    stream: Any,
    duration: float | None,
    short_side: int,
    every_s: float,
    max_frames: int,
    deadline: float,
) -> list[tuple[float, Image.Image]]:
    """(time, frame) pairs at the sampling times, seeking between distant ones."""
    if duration:
        count = max(1, min(max_frames, math.floor(duration / every_s)))
        step = duration / count
    else:
        count, step = max_frames, every_s
    targets = [(i + 0.5) * step for i in range(count)]
    tolerance = step / 2
    picked: list[tuple[float, Image.Image]] = []
    frames: Iterator[Any] | None = None
    last = 0.0
    can_seek = True
    for target in targets:
        fresh = False
        if frames is None or (can_seek and target - last > _SEEK_GAP_S):
            if target > _SEEK_GAP_S and can_seek:
                try:
                    container.seek(int(target / stream.time_base), stream=stream, backward=True)
                except Exception:
                    can_seek = False  # an unindexed file: decode on from where we are
            if frames is None or can_seek:
                frames = _decoded(container, stream, deadline)
                fresh = True
        for frame in frames:
            t = _frame_time(frame, stream)
            if fresh and picked and t <= picked[-1][0]:
                # The seek landed before the last sample (keyframes are far apart): decoding on
                # from here is cheaper than seeking back for every later sample.
                can_seek = False
            fresh = False
            last = t
            if t >= target - tolerance:
                picked.append((t, _upright(frame, short_side)))
                break
        else:
            break  # the stream ended before this sample
    return picked


def _decoded(container: Any, stream: Any, deadline: float) -> Iterator[Any]:
    """Frames in decode order, checking the deadline between packets."""
    import av

    bad = 0
    for packet in container.demux(stream):
        if time.monotonic() > deadline:
            raise _Overrun
        try:
            decoded = packet.decode()
        except av.error.InvalidDataError:
            bad += 1  # one damaged packet costs a few frames, not the clip
            if bad > _MAX_BAD_PACKETS:
                return
            continue
        bad = 0
        yield from decoded


def _frame_time(frame: Any, stream: Any) -> float:
    if frame.time is not None:
        return float(frame.time)
    if frame.pts is not None and stream.time_base is not None:
        return float(frame.pts * stream.time_base)
    return 0.0


def _upright(frame: Any, short_side: int) -> Image.Image:
    width, height = frame.width, frame.height
    scale = min(1.0, short_side / max(1, min(width, height)))
    size = {"width": max(2, round(width * scale)), "height": max(2, round(height * scale))}
    img: Image.Image = frame.to_image(**size) if scale < 1 else frame.to_image()
    turn = _ROTATE.get(int(frame.rotation))
    return img.transpose(turn) if turn is not None else img


def _display_size(stream: Any, first: Image.Image) -> tuple[int, int]:
    width = stream.codec_context.width or first.width
    height = stream.codec_context.height or first.height
    portrait_frame = first.height > first.width
    # The sampled frame is upright already; the coded size is not.
    if portrait_frame != (height > width) and width != height:
        width, height = height, width
    return int(width), int(height)


def _duration(container: Any, stream: Any) -> float | None:
    if stream.duration is not None and stream.time_base is not None:
        seconds = float(stream.duration * stream.time_base)
        if seconds > 0:
            return seconds
    if container.duration:
        return float(container.duration) / 1_000_000  # AV_TIME_BASE
    return None


def _taken_at(metadata: dict[str, str]) -> str | None:
    """Local time of recording: Apple's dated tag first, else the UTC creation_time."""
    for key in ("com.apple.quicktime.creationdate", "creation_time"):
        value = metadata.get(key)
        if not value:
            continue
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            continue
        if key == "creation_time" and moment.tzinfo is not None:
            moment = moment.astimezone()  # recorded in UTC; photos keep the local time
        if moment.year < 1971:
            continue  # cameras without a clock write 1904 or 1970
        return moment.replace(tzinfo=None).isoformat(timespec="seconds")
    return None


class _Overrun(Exception):
    """The clip's decoding deadline passed."""


def _timeout(allowed: float) -> PhotoError:
    return PhotoError(
        TIMEOUT,
        f"decoding this clip took longer than {allowed:g} s, so it "
        "was given up (the file may be damaged, or the disk stalling); "
        "PHOTOTAGGER_CLIP_SECONDS allows more time",
    )


def _detail(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return str(text).split(":")[0].strip()
