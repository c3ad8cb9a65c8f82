"""The app said '1 photos' too: 'Scan finished: 1 photos found', 'Removed … (1 photos) from the
library', 'Loading the model… then 1 photos to tag', a tag group's '1 photos with it or a tag
under it'. A count of one is singular there as on the command line (core.wording.counted)."""

from __future__ import annotations

from pathlib import Path

from phototagger.core.jobs import Progress
from phototagger.core.library import open_library
from phototagger.core.scan import FINISHING, KEYWORDS, ScanSummary
from phototagger.core.tag_admin import TagNode
from phototagger.gui.sidebar_trees import tag_tip
from phototagger.gui.status import describe_progress
from phototagger.paths import default_home
from phototagger.store.photos import add_folder
from tests.gui_helpers import open_window, settle
from tests.store_helpers import add_photo


def test_one_photo_is_one_photo_in_the_app(qtbot, tmp_path: Path) -> None:
    with open_library(default_home()) as library:
        add_folder(library.db, "/pics/one")
        add_photo(library.db, "/pics/one/IMG_1.jpg")
        add_folder(library.db, "/pics/two")
        add_photo(library.db, "/pics/two/IMG_2.jpg")
        add_photo(library.db, "/pics/two/IMG_3.jpg")
        add_folder(library.db, "/pics/empty")
    window = open_window(qtbot, None, tmp_path)
    window.job_control._scan_done(ScanSummary(found=1, new=1, tagged=1))  # noqa: SLF001
    assert window.status.currentMessage() == "Scan finished: 1 photo found, 1 new, 1 tagged"
    # A file that cannot be read is no photo (not in All photos): the count is of files then.
    window.job_control._scan_done(ScanSummary(found=4, new=4, tagged=3, problems=1))  # noqa: SLF001
    assert window.status.currentMessage() == (
        "Scan finished: 4 files found, 4 new, 3 tagged, 1 could not be read "
        "(File ▸ Problems says why)"
    )
    window.job_control._scan_done(ScanSummary(pending_left=1, cancelled=True))  # noqa: SLF001
    assert window.status.currentMessage() == "Scan stopped: 1 photo left to tag (rescan to resume)"
    # Stopped once every photo was tagged: nothing to resume, so no "rescan to resume".
    stopped = ScanSummary(cancelled=True, stopped_while=KEYWORDS)
    window.job_control._scan_done(stopped)  # noqa: SLF001
    assert window.status.currentMessage() == (
        "Scan stopped after every photo was tagged, before the files' keywords were all read; "
        "scan again to read them"
    )
    window.job_control._scan_done(ScanSummary(cancelled=True, stopped_while=FINISHING))  # noqa: SLF001
    assert window.status.currentMessage() == (
        "Scan stopped after every photo was tagged, while finishing up; nothing is left to do"
    )

    asked: list[str] = []

    def confirm(_parent: object, _title: str, question: str) -> bool:
        asked.append(question)
        return True

    window.tools.confirm = confirm
    assert window.tools.ask_remove_folder("/pics/one")
    assert window.status.currentMessage() == "Removed /pics/one (1 photo) from the library"
    assert window.tools.ask_remove_folder("/pics/two")
    assert window.status.currentMessage() == "Removed /pics/two (2 photos) from the library"
    assert window.tools.ask_remove_folder("/pics/empty")
    # The question says how many photos leave, before they do (the status line said it after).
    assert asked == [
        "Remove /pics/one from the library? Its 1 photo leaves the grid; the files stay on "
        "disk, and your tags come back if you add it again (until then, training leaves out "
        "your answers on them).",
        "Remove /pics/two from the library? Its 2 photos leave the grid; the files stay on "
        "disk, and your tags come back if you add it again (until then, training leaves out "
        "your answers on them).",
        "Remove /pics/empty from the library? It has no photo in the grid now; the files stay "
        "on disk, and your tags come back if you add it again.",
    ]
    settle(qtbot, window)


def test_progress_and_tag_group_tips_count_one_in_the_singular() -> None:
    loading = Progress("loading the model", 0, 1)
    assert describe_progress(loading) == "Loading the model… then 1 photo to tag"
    problems = Progress("tagging", 3, 10, problems=1)
    assert describe_progress(problems).endswith("1 problem")
    group = TagNode("animals", "animals", None, [TagNode("dog", "animals/dog", 1)], photos=1)
    assert tag_tip(group).startswith("animals: 1 photo with it or a tag under it")
