"""The Model dock: Train, Versions and Review tabs over core.retrain and core.model.

Training, activating and rolling back run as jobs on the shared runner, so the status bar
shows them, and only one job touches the library at a time.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QTabWidget, QWidget

from phototagger.core.errors import PhototaggerError
from phototagger.core.library import Library
from phototagger.core.model.activation import activate_version, discard_version, moved_words
from phototagger.core.model.active import active_version
from phototagger.core.model.replaced import discard_replaced
from phototagger.core.retrain import TrainingResult
from phototagger.core.tag_admin import followed_name, renamed, tag_change_mark
from phototagger.gui.jobs import JobRunner
from phototagger.gui.reader import LibraryReader
from phototagger.gui.retrain_review import ReviewPage
from phototagger.gui.retrain_train import TrainPage
from phototagger.gui.retrain_versions import VersionsPage
from phototagger.gui.thumbnails import ThumbnailCache

PAGES = ("train", "versions", "review")


class RetrainPanel(QTabWidget):
    # A version became active (its name, the photos whose tags as shown changed).
    activated = Signal(str, int, str)  # version, photos whose tags changed, moved_words
    failed = Signal(str)
    # A version's files were deleted (Discard on the Train page or Versions): what to say of it.
    discarded = Signal(str)

    def __init__(
        self,
        library: Library,
        reader: LibraryReader,
        jobs: JobRunner,
        thumbnails: ThumbnailCache,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("retrain")
        self._library = library  # the GUI thread's: discarding only deletes a version's files
        self._jobs = jobs
        self.train_page = TrainPage(reader, jobs, thumbnails=thumbnails)
        self.versions_page = VersionsPage(reader, thumbnails)
        self.review_page = ReviewPage(reader, thumbnails)
        self.addTab(self.train_page, "Train")
        self.addTab(self.versions_page, "Versions")
        self.addTab(self.review_page, "Review")
        self.train_page.trained.connect(self._trained)
        self.train_page.apply_requested.connect(self.activate)
        self.train_page.discarded.connect(self.discard)
        self.train_page.version_asked.connect(self._show_version)
        self.train_page.review_asked.connect(self.review)
        self.train_page.taught = lambda: self.taught_tag  # its next step: the tag's queue
        # A tag only the run shown on the Train page knows: its Apply, not Model Versions.
        self.review_page.shown_run = lambda: (
            self.train_page.result.version if self.train_page.result is not None else None
        )
        self.versions_page.activate_requested.connect(self.activate)
        self.versions_page.discard_requested.connect(self.discard)
        # Make Active starts a job and Discard deletes a version's files: both off while a job
        # runs (a switch may be reading that very version), as Train and Apply are.
        self.versions_page.job_running = lambda: jobs.busy
        jobs.started.connect(lambda _title: self.versions_page.update_buttons())
        jobs.idle.connect(self.versions_page.update_buttons)
        # The tag the last training run taught, once its version is applied: the Review page
        # opens on it, as the next step of teaching it is answering its queue.
        self._trained_tag: tuple[str, str] | None = None  # (version, tag)
        self.taught_tag: str | None = None
        self._taught_mark = 0  # the library's tag-change mark when taught_tag was named so
        # Applied since the Review page last showed it: the page opens on it even when it holds
        # another tag (the one reviewed before this one was taught).
        self._taught_unseen = False
        self.remembered_tag: str | None = None  # reviewed when the window last closed (restore)
        # The window's first read of the library is in (window_ready): the remembered tag's
        # queue, read on the same reader, waits for it.
        self._window_ready = False
        self._read_failed = ""  # why that first read failed (said on the Review page), if it did
        self.currentChanged.connect(self._page_changed)
        # A click on a tab puts the keys in its page, as the menu's Review and Train do: the
        # keys stayed on the photos, and typing a tag's name into the Review tab's box went to
        # the grid instead ("t" opened Add Tag and the rest became a tag on the current photo).
        self.tabBar().tabBarClicked.connect(self._tab_clicked)

    def show_page(self, page: str) -> None:
        self.setCurrentIndex(PAGES.index(page))
        if page == "train":
            self.train_page.take_keys()  # Train New Model, or out of a page with nothing to press
        elif page == "versions":
            # The versions, on the active one: the keys stayed where they were (the sidebar's
            # arrows moved through the tags under the versions the user had asked for).
            self.versions_page.table.setFocus()
        elif page == "review":
            # Ctrl+E: the Tag box, its name selected: a name typed replaces it ("pets" typed
            # after it made "petspets"), Enter reads the queue again and gives it the keys. Not
            # the queue itself: a name typed there answered it ('garden': A, R).
            self.review_page.take_keys(queue=False)

    def review(self, tag: str) -> None:
        """The Review tab on `tag`'s queue, which takes the keys once read."""
        self.setCurrentIndex(PAGES.index("review"))
        self.review_page.load(tag)

    def _show_version(self, version: str) -> None:
        self.show_page("versions")
        self.versions_page.select(version)
        self.versions_page.table.setFocus()

    def _tab_clicked(self, index: int) -> None:
        page = self.review_page
        if self.widget(index) is page:
            page.take_keys()

    def reload(self) -> None:
        self.train_page.reload()
        self.versions_page.reload()

    def set_tag_names(self, names: list[str]) -> None:
        self.review_page.set_tag_names(names)

    def follow_tag_change(self, old: str, new: str | None) -> None:
        """`old` was renamed or merged into `new` (None: deleted): the Review page's tag, and
        the tags it is to open on, follow it."""
        self.review_page.follow_tag_change(old, new)
        if self.taught_tag:
            self._set_taught(renamed(self.taught_tag, old, new))
        if self.remembered_tag:
            self.remembered_tag = renamed(self.remembered_tag, old, new)

    def _trained(self, result: TrainingResult) -> None:
        # The runs trained before from the same version and never made active: gone now that
        # this one replaces them (core/model/replaced.py); a run that failed never got here.
        gone = discard_replaced(self._library, result.version, result.parent)
        self.train_page.note_replaced(gone, result.parent)
        self.versions_page.reload()
        tag = taught_tag(result)
        self._trained_tag = None if tag is None else (result.version, tag)
        self._refused_again()

    def _refused_again(self) -> None:
        """The Review page's words for a tag it has no queue for name what gives it one: "train
        to learn it", Apply on the Train page for the run shown there, Model Versions for
        another. Worked out when the queue was read, they went stale as a run was trained or
        discarded: opened before Train New Model, it still said "train to learn it" beside
        the run that had learned the tag. Read again then (the keys stay where they are)."""
        page = self.review_page
        if page.tag and not page.items:
            page.load(page.tag, keys=False)

    def _page_changed(self, index: int) -> None:
        page = self.review_page
        if self.widget(index) is not page:
            return
        taught = self.taught_tag
        if taught and self._taught_unseen and page.tag != taught:
            page.load(taught)  # applied since the page last showed
        elif not page.tag and (self.remembered_tag or taught) and self._window_ready:
            # The tag reviewed when the window last closed, else the one taught last (kept
            # from before a restart too): its queue read once the page shows.
            page.load(self.remembered_tag or taught or "")
        elif not page.tag and self.remembered_tag and self._read_failed:
            page.read_failed(self.remembered_tag, self._read_failed)
        self._taught_unseen = False

    @property
    def page(self) -> str:
        """The page shown: 'train', 'versions' or 'review'."""
        return PAGES[max(self.currentIndex(), 0)]

    def restore(self, page: str, review_tag: str, taught: tuple[str, int] = ("", 0)) -> None:
        """The page and the Review page's tag the window closed on, shown again (the queue is
        read when the Review page shows, once the window has read the library: window_ready):
        Versions came back as Train, the tag as none. `taught`: the tag the last run applied
        taught and the library's tag-change mark then (kept_taught): the Train page points to
        its queue again, as before the restart (it pointed to a default tag short of answers),
        under its new name if it was renamed or merged meanwhile; not if it was deleted."""
        name, mark = taught
        self._set_taught(followed_name(self._library.db, name, mark) if name else None)
        self.remembered_tag = review_tag or None
        if self.remembered_tag and page == "review":
            self.review_page.expect(self.remembered_tag)
        self.setCurrentIndex(PAGES.index(page) if page in PAGES else 0)

    def kept_taught(self) -> tuple[str, int]:
        """What restore takes back at the next start: the tag the last run applied taught ("":
        none), and how many tag changes the library had logged then (tag_change_mark), so the
        renames, merges and deletes made after it (here or by `phototagger tag`) are followed."""
        return (self.taught_tag, self._taught_mark) if self.taught_tag else ("", 0)

    def _set_taught(self, name: str | None) -> None:
        """The tag just taught is `name` (None: none) as the library names it now."""
        self.taught_tag = name
        self._taught_mark = tag_change_mark(self._library.db) if name else 0

    def window_ready(self) -> None:
        """The window is shown and has its photos and counts: the Review page it closed on reads
        its queue now. Read as the window was made, the queue (the model's scores of every
        photo, some 1.5 s with its imports) went first on the reader, and the grid's counts and
        the sidebar waited for it."""
        if self._window_ready:
            return
        self._window_ready, self._read_failed = True, ""
        if self.currentWidget() is self.review_page:
            self._page_changed(self.currentIndex())

    def window_failed(self, reason: str) -> None:
        """The window's first read of the library failed: the Review page waiting on it says
        why and offers Try Again (review_page.read_again), as it waited, saying nothing."""
        if self._window_ready:
            return
        self._read_failed = reason
        if self.currentWidget() is self.review_page:
            self._page_changed(self.currentIndex())

    def activate(self, version: str) -> bool:
        moves: dict[str, tuple[int, int]] = {}  # the tags it moved, read once the job is done

        def job(library: Any, progress: Any, cancel: Any) -> int:
            changed: set[int] = set()
            activate_version(
                library, version, progress=progress, cancel=cancel, changed=changed, moves=moves
            )
            return len(changed)

        return self._jobs.start(
            f"Switching to model {version}",
            job,
            on_done=lambda count: self._activated(version, count, moved_words(moves)),
        )

    def _activated(self, version: str, count: int | None, moved: str = "") -> None:
        self.reload()
        if count is not None and self._trained_tag and self._trained_tag[0] == version:
            self._set_taught(self._trained_tag[1])
            # After "monkeys" was reviewed and "seaside" taught and applied, the Review page
            # still opened on "monkeys": the tag just taught only filled an empty page.
            self._taught_unseen = True
        if count is not None:
            page, taught = self.review_page, self.taught_tag
            if self._taught_unseen and taught and self.currentWidget() is page:
                self._taught_unseen = False
                page.load(taught)
            elif page.tag and not (self._taught_unseen and page.tag != taught):
                # Its photos and confidences were the previous version's: ask the new one
                # (the keys stay where they are: on the photos after Apply).
                page.load(page.tag, keys=False)
            self.activated.emit(version, count, moved)

    def discard(self, version: str) -> None:
        try:
            discard_version(self._library, version)
        except (PhototaggerError, OSError) as exc:  # the active or built-in version, a disk error
            QMessageBox.warning(self, "phototagger", str(exc))
        else:
            self.discarded.emit(discarded_words(version, active_version(self._library.db)))
            self._refused_again()  # "click Apply" for a run that is gone
        self.versions_page.reload()


def discarded_words(version: str, active: str) -> str:
    """What the status bar says once a version is discarded, as it says what Apply did: Discard
    on the Train page closed the result and said nothing (polish31). No Undo brings its files
    back; the answers it learned from are kept, and Train makes a new version from them."""
    return (
        f"Model {version} discarded: its files are deleted, with no undo; model {active} stays "
        "active. Your answers are kept: training again on them makes a new model"
    )


def taught_tag(result: TrainingResult) -> str | None:
    """The tag a run taught: a new one (one learned to spread before one that stays on its yes
    answers, whose note says what to do instead of its queue), else the one whose photos change
    most, else the one with the most answers among those it fitted again."""
    new = result.new_learned() or result.counts.get("new_tags") or []
    if new:
        return str(new[0])
    changes = sorted(result.changes, key=lambda c: -(c.added + c.removed))
    if changes:
        return changes[0].tag
    learned = result.counts.get("learned") or {}
    yes, no = result.counts.get("positives") or {}, result.counts.get("negatives") or {}
    return max(learned, key=lambda t: yes.get(t, 0) + no.get(t, 0), default=None)
