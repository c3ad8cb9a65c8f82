"""The scan's batch pipeline (core/scan_pipeline.py): the CNN of one batch overlaps the write of
the one before, in order, without changing what each batch is planned against."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from phototagger.core.jobs import CancelToken
from phototagger.core.scan_pipeline import BatchSteps, run_batches

WAIT_S = 10  # only a guard against a hang: every wait below is released well before it


@dataclass
class Photo:
    name: str
    content: str
    new: bool = True


@dataclass
class Log:
    """What the steps saw: the library (written names), events in order, the thread of each."""

    library: set[str] = field(default_factory=set)
    events: list[str] = field(default_factory=list)
    threads: dict[str, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, event: str) -> None:
        with self.lock:
            self.events.append(event)
            self.threads[event] = threading.current_thread().name


def steps(
    log: Log, batch: Sequence[Photo], *, second_cnn: threading.Event | None = None
) -> BatchSteps:
    contents = {p.name: p.content for p in batch}

    def plan(batch: Sequence[Photo]) -> tuple[list[str], set[str]]:
        log.note(f"plan {batch[0].name}")
        # A photo is a copy when its content is already in the library (as the scan decides).
        return [p.name for p in batch], {p.content for p in batch} & log.library

    def infer(planned: tuple[list[str], set[str]]) -> list[str]:
        names, _ = planned
        log.note(f"infer {names[0]}")
        if second_cnn is not None and names[0] != "p0":
            second_cnn.set()
        return names

    def write(planned: tuple[list[str], set[str]], names: list[str]) -> None:
        if second_cnn is not None and names[0] == "p0":
            second_cnn.wait(WAIT_S)  # set once the next batch is in the CNN
        log.note(f"write {names[0]} copies={sorted(planned[1])}")
        log.library.update(names)
        log.library.update(contents[n] for n in names)

    def needs_model(p: Photo) -> bool:
        log.note(f"needs {p.name}")
        return p.new

    return BatchSteps(
        plan=plan,
        infer=infer,
        write=write,
        content=lambda p: p.content,
        needs_model=needs_model,
        load_model=lambda: log.note("load"),
    )


def photos(n: int, name: str = "p") -> list[Photo]:
    return [Photo(f"{name}{i}", f"content of {name}{i}") for i in range(n)]


def test_every_batch_is_written_once_in_order_and_the_cnn_runs_off_the_calling_thread() -> None:
    log = Log()
    reports: list[tuple[int, str]] = []
    batch = photos(10)
    done = run_batches(
        steps(log, batch), batch, 4, CancelToken(), lambda n, p: reports.append((n, p.name))
    )
    assert done == 10
    assert reports == [(4, "p3"), (8, "p7"), (10, "p9")]
    writes = [e for e in log.events if e.startswith("write")]
    assert [w.split()[1] for w in writes] == ["p0", "p4", "p8"]
    assert log.library >= {f"p{i}" for i in range(10)}
    caller = threading.current_thread().name
    assert all(log.threads[e] != caller for e in log.events if e.startswith(("infer", "load")))
    assert all(log.threads[e] == caller for e in log.events if e.startswith(("plan", "write")))


def test_the_next_batch_is_in_the_cnn_while_the_one_before_is_written() -> None:
    log = Log()
    # Batch 1's write waits until batch 2 is in the CNN: done one after the other, it would
    # run out its guard and be written first.
    batch = photos(8)
    second = threading.Event()
    run_batches(steps(log, batch, second_cnn=second), batch, 4, CancelToken(), lambda n, p: None)
    assert log.events.index("infer p4") < log.events.index("write p0 copies=[]")
    assert log.events.index("write p0 copies=[]") < log.events.index("write p4 copies=[]")


def test_a_batch_sharing_content_with_the_one_in_flight_is_planned_after_it_is_written() -> None:
    log = Log()
    batch = [*photos(4), Photo("dup", "content of p1"), *photos(3, "q")]
    run_batches(steps(log, batch), batch, 4, CancelToken(), lambda n, p: None)
    # Planned once before p0's batch was written (seen to share content), then again after it:
    # the copy is found, as a scan one batch at a time finds it.
    plans = [i for i, e in enumerate(log.events) if e == "plan dup"]
    assert len(plans) == 2
    assert plans[0] < log.events.index("write p0 copies=[]") < plans[1]
    assert "write dup copies=['content of p1']" in log.events


def test_no_batch_is_written_after_the_report_that_saw_the_cancel() -> None:
    log = Log()
    token = CancelToken()

    def written(done: int, last: Photo) -> None:
        if done == 4:
            token.cancel()

    batch = photos(12)
    done = run_batches(steps(log, batch), batch, 4, token, written)
    assert done == 4
    assert [e for e in log.events if e.startswith("write")] == ["write p0 copies=[]"]
    assert "p4" not in log.library


def test_the_model_loads_before_the_first_batch_is_full_and_only_when_a_photo_needs_it() -> None:
    log = Log()
    batch = [Photo("moved", "m", new=False), *photos(5)]
    run_batches(steps(log, batch), batch, 4, CancelToken(), lambda n, p: None)
    # Asked as photos arrive, until one needs the model; loaded before any batch's CNN.
    assert [e for e in log.events if e.startswith("needs")] == ["needs moved", "needs p0"]
    assert log.events.count("load") == 1
    assert log.events.index("load") < log.events.index("infer moved")
    assert log.events.index("needs p0") < log.events.index("plan moved")

    moved_only = Log()
    old = [Photo(p.name, p.content, new=False) for p in photos(6)]
    run_batches(steps(moved_only, old), old, 4, CancelToken(), lambda n, p: None)
    assert "load" not in moved_only.events
