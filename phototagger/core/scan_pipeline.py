"""The scan's tagging loop as a pipeline: batch N+1 runs through the CNN on a thread of its own
while the calling thread writes batch N to the library.

Written one batch after another, the calling thread ran the CNN, then held the GIL for the
batch's transaction while the CNN's threads sat idle; here the two overlap. The model also
starts loading (on the inference thread) as soon as the first photo that needs it is decoded,
instead of once a whole batch is decoded.

What stays as it was: every batch is planned (failed, moved, a copy, or new) from the library as
the batches before it left it. Planning batch N+1 before batch N is written would change that
only for a photo whose content is also in batch N (a copy or the same file moved), so such a
batch waits for batch N to be written first. A cancelled scan writes no batch after the one
whose progress report saw the cancel (the one in the CNN meanwhile is dropped: still pending).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Generic, TypeVar

from phototagger.core.jobs import CancelToken

Item = TypeVar("Item")
Plan = TypeVar("Plan")
Result = TypeVar("Result")


@dataclass(frozen=True)
class BatchSteps(Generic[Item, Plan, Result]):
    """The three steps of a batch and what the pipeline needs to know to overlap them."""

    plan: Callable[[Sequence[Item]], Plan]  # calling thread: reads the library
    infer: Callable[[Plan], Result]  # inference thread: touches no database
    write: Callable[[Plan, Result], None]  # calling thread: one transaction
    content: Callable[[Item], str | None]  # batches sharing content are not overlapped
    needs_model: Callable[[Item], bool]  # this photo will need the CNN (checked on batch 1)
    load_model: Callable[[], object]  # started on the inference thread when one does


@dataclass
class _InFlight(Generic[Item, Plan, Result]):
    items: Sequence[Item]
    plan: Plan
    result: Future[Result]


def run_batches(
    steps: BatchSteps[Item, Plan, Result],
    items: Iterable[Item],
    batch_size: int,
    token: CancelToken,
    written: Callable[[int, Item], None],
) -> int:
    """Plan, infer and write `items` in batches; `written(done, last item)` after each write
    (the cancel token is read right after it). Returns how many items were written."""
    done = 0
    in_flight: _InFlight[Item, Plan, Result] | None = None
    loading = False

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="infer") as cnn:

        def finish(batch: _InFlight[Item, Plan, Result]) -> None:
            nonlocal done
            steps.write(batch.plan, batch.result.result())
            done += len(batch.items)
            written(done, batch.items[-1])

        def submit(items: Sequence[Item]) -> None:
            nonlocal in_flight
            plan = steps.plan(items)
            if in_flight is not None and _share_content(steps, in_flight.items, items):
                finish(in_flight)
                in_flight = None
                plan = steps.plan(items)  # now that the batch before it is in the library
            batch = _InFlight(items, plan, cnn.submit(steps.infer, plan))
            if in_flight is not None:
                finish(in_flight)
            in_flight = batch

        batch: list[Item] = []
        for item in items:
            if not loading and done == 0 and in_flight is None and steps.needs_model(item):
                cnn.submit(steps.load_model)  # meanwhile the decoders fill the first batches
                loading = True
            batch.append(item)
            if len(batch) >= batch_size:
                submit(batch)
                batch = []
                if token.cancelled:
                    in_flight = None  # its CNN run finishes (the pool waits), unwritten
                    break
        if batch:
            submit(batch)
        if in_flight is not None and not token.cancelled:
            finish(in_flight)
    return done


def _share_content(
    steps: BatchSteps[Item, Plan, Result], a: Sequence[Item], b: Sequence[Item]
) -> bool:
    seen = {steps.content(item) for item in a} - {None}
    return any(steps.content(item) in seen for item in b)
