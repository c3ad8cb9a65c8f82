"""The library's model lock (core/scan_lock.model_lock) across the threads of one process.
`train` holds it around train_candidate and activate_version, which take it too: nested in the
same thread it is held once. Another thread of the process (the app runs its jobs in worker
threads) used to pass as nested too: the app's scan job checks for a killed model switch under
the lock (core/scan._finish_killed_switch) and, while Apply switched the model in another
thread, took the running switch's marker for a killed one's and could put its photos back.
Another thread now waits its turn briefly, then is refused as another process is. Earlier, a
block nested in another thread that outlived the outer one failed on leaving with a KeyError."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from phototagger.core import scan_lock
from phototagger.core.scan_lock import ModelBusyError, model_lock


def test_the_same_thread_nests(tmp_path: Path) -> None:
    database = tmp_path / "library.db"
    with model_lock(database), model_lock(database):
        pass
    with model_lock(database):  # free again, taken afresh
        pass


def test_another_thread_is_refused_while_it_is_held(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scan_lock, "IN_PROCESS_WAIT", 0.2)
    database = tmp_path / "library.db"
    outcome: list[BaseException | None] = []

    def other() -> None:
        try:
            with model_lock(database):
                outcome.append(None)
        except BaseException as exc:  # noqa: BLE001 - said by the test below
            outcome.append(exc)

    with model_lock(database):
        worker = threading.Thread(target=other)
        worker.start()
        worker.join(30)
    assert len(outcome) == 1 and isinstance(outcome[0], ModelBusyError)
    assert "another job of this phototagger" in str(outcome[0])
    worker = threading.Thread(target=other)  # released: the other thread takes it now
    worker.start()
    worker.join(30)
    assert outcome[1:] == [None]


def test_another_thread_waits_for_a_short_hold(tmp_path: Path) -> None:
    database = tmp_path / "library.db"
    inside, release = threading.Event(), threading.Event()
    order: list[str] = []

    def holder() -> None:
        with model_lock(database):
            inside.set()
            release.wait(30)
            order.append("holder done")

    worker = threading.Thread(target=holder)
    worker.start()
    assert inside.wait(30)
    threading.Timer(0.3, release.set).start()
    with model_lock(database):  # waits for the holder's block, then holds it
        order.append("main inside")
    worker.join(30)
    assert order == ["holder done", "main inside"]
