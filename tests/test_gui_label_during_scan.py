"""A label made in the GUI while a scan runs is kept: on a photo the scan leaves alone and on
a new photo the scan is still tagging (the model's rows never overwrite the user's)."""

from __future__ import annotations

from pathlib import Path

from phototagger.core.jobs import Progress
from phototagger.store.photos import get_photo_by_path
from tests.gui_helpers import open_window, prescanned, scan
from tests.photo_factory import real_photo
from tests.store_helpers import tag_states


def test_labels_made_during_a_scan_are_kept(qtbot, engine, tmp_path: Path) -> None:
    pics = prescanned(tmp_path / "pics", engine)
    for i in range(12):  # new cats: found first, then tagged
        real_photo(pics / f"new-{i:02d}.jpg", "chelsea", quality=60 + i)
    window = open_window(qtbot, engine, tmp_path)
    fresh = sorted(pics.glob("new-*.jpg"))
    old = get_photo_by_path(window.db, str(pics / "coffee.jpg"))
    assert old is not None
    labelled: dict[int, bool] = {}  # photo id -> the scan was running when it was labelled
    status_then: list[str] = []

    def label_now(progress: Progress) -> None:
        if len(labelled) == 2:
            return
        if old.id not in labelled:
            window.decide([old.id], "mine", "add")
            window.decide([old.id], "cup", "reject")
            labelled[old.id] = window.jobs.busy
        new = next(filter(None, (get_photo_by_path(window.db, str(p)) for p in fresh)), None)
        if new is not None:  # found by this scan, while it is still running
            status_then.append(new.status)
            window.decide([new.id], "cat", "reject")
            window.decide([new.id], "sofa cat", "add")
            labelled[new.id] = window.jobs.busy

    window.jobs.progress.connect(label_now)
    scan(qtbot, window, pics)
    assert len(labelled) == 2 and all(labelled.values()), labelled
    assert status_then == ["pending"]  # labelled before the scan wrote its model tags
    states = {pid: tag_states(window.db, pid) for pid in labelled}
    assert states[old.id]["mine"] == "added" and states[old.id]["cup"] == "rejected"
    new_id = next(pid for pid in labelled if pid != old.id)
    assert states[new_id]["cat"] == "rejected" and states[new_id]["sofa cat"] == "added"
    tagged = {
        p.id: p.status for p in map(get_photo_by_path, [window.db] * 12, map(str, fresh)) if p
    }
    assert tagged[new_id] == "tagged"  # the scan tagged it too, around the labels
    assert window.label_failure is None
