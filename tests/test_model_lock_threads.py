"""The library's model lock (core/scan_lock.model_lock) is held once per process: `train` holds
it around train_candidate and activate_version, which take it too. In the app a switch (a
worker thread) could still be inside it when the block that took it first ended: the nested
block then failed on leaving (a KeyError in the count of how deep it was held). Only the
outermost block takes and releases it now; one nested in it, in any thread, leaves quietly."""

from __future__ import annotations

import threading
from pathlib import Path

from phototagger.core.scan_lock import model_lock


def test_a_block_nested_in_another_thread_outlives_the_outer_one(tmp_path: Path) -> None:
    database = tmp_path / "library.db"
    inside, outer_done = threading.Event(), threading.Event()
    failed: list[BaseException] = []

    def nested() -> None:
        try:
            with model_lock(database):
                inside.set()
                outer_done.wait(30)
        except BaseException as exc:  # noqa: BLE001 - said by the test below
            failed.append(exc)

    with model_lock(database):
        worker = threading.Thread(target=nested)
        worker.start()
        assert inside.wait(30)
    outer_done.set()
    worker.join(30)
    assert failed == []
    with model_lock(database):  # free again, taken afresh
        pass
