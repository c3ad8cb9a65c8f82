"""The status bar: library size, where the model runs, the active model, and the running job
with its progress, rate, time left and a Cancel button."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSlider,
    QStatusBar,
    QWidget,
)

from phototagger.core.jobs import Progress
from phototagger.core.wording import WAITING, counted
from phototagger.gui.elided_label import ElidedLabel


def format_duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


MODEL_TIP = "The active model version, and where it tags your photos"
PROBLEMS_TIP = (
    "Files that could not be read, or whose keywords could not be written: "
    "click to see which, why and what to do (File ▸ Problems)"
)
# Where the model runs, in plain words ("CPU (2 cores, LiteRT)" read as jargon).
PLACES = {
    "CPU": "the processor",
    "GPU": "the graphics card",
}


NOT_LOADED = "model not loaded yet"  # the device's description before a job loads the model
# What a user can expect before then: the model loads when a scan finds photos to tag. "Loads when
# photos are next tagged" read oddly right after a switch of versions had re-tagged every photo
# (from the kept embeddings, with no model loaded).
LOADS_LATER = "loads when new photos are scanned"


def device_words(device: str) -> str:
    """ "runs on the processor (2 cores)" for "CPU (2 cores, LiteRT)": where the model runs,
    and its cores or card, without the runtime's name (the status bar's tooltip has it); before
    the model is loaded, when it will load ("loads when new photos are scanned") and where it
    will tag if the user chose it; a description of another form as it is."""
    kind, bracket, inside = device.partition(" (")
    detail = inside.removesuffix(")")
    place = PLACES.get(kind)
    if bracket and detail == NOT_LOADED:
        # "model not loaded yet" read as jargon, and said neither what to do nor what to
        # expect. With the setting on automatic it is not known yet whether there is a
        # graphics card to use: "tagging on the graphics card if there is one" said a guess.
        return LOADS_LATER if place is None else f"will tag on {place}, {LOADS_LATER}"
    if place is None or not bracket:
        return device
    if kind == "CPU":
        detail = detail.split(", ")[0]  # "2 cores", not the runtime after it
    # "tagging on the processor" stayed after the scan had ended, as if it were still tagging
    # (walk61): where it runs is true whether it tags now or not.
    return f"runs on {place} ({detail})"


def device_tip(device: str) -> str:
    """The status bar's tooltip: where the model runs as ml/device.py describes it, or before
    it loads, the setting and when it is known."""
    kind, bracket, inside = device.partition(" (")
    if bracket and inside.removesuffix(")") == NOT_LOADED:
        return (
            f"{MODEL_TIP}\nRuns on: {kind}, as set in Settings (known once the model has "
            "loaded, when new photos are scanned)"
        )
    return f"{MODEL_TIP}\nRuns on: {device}"


def left_copies_in_words(paths: Collection[str]) -> str:
    """Said once, by the scan or keyword write that first lists them in Problems (each row
    says what to do)."""
    if len(paths) == 1:
        [path] = paths
        return f"A copy phototagger left behind could not be removed: {path} (see File ▸ Problems)"
    many = counted(len(paths), "copy", "copies")
    return f"{many} phototagger left behind could not be removed (see File ▸ Problems)"


def left_sidecars_in_words(paths: Collection[str]) -> str:
    """Said once, by the scan that first lists them in Problems (each row says what to do)."""
    if len(paths) == 1:
        [path] = paths
        return (
            f"A moved photo left its XMP sidecar behind: {path} (File ▸ Problems says what to do)"
        )
    return (
        f"{len(paths):,} moved photos left their XMP sidecars behind "
        "(File ▸ Problems says what to do)"
    )


def carried_in_words(carried: Collection[str]) -> str:
    """Said by a keyword write that made photos' new sidecars from those they left behind in a
    move: the files left are no longer read (nor listed in Problems)."""
    if len(carried) == 1:
        [path] = carried
        return (
            "The XMP sidecar a moved photo left behind went into its new sidecar, rating and "
            f"all; it is no longer read: {path} (delete it if you no longer need it)"
        )
    return (
        f"The XMP sidecars {len(carried):,} moved photos left behind went into their new "
        "sidecars, ratings and all; they are no longer read (delete them if you no longer "
        "need them)"
    )


def describe_progress(progress: Progress) -> str:
    """'Tagging 340 of 1,200 · 12.3 photos/s · 1 min 10 s left' (and the job's own detail
    line)."""
    parts = [progress.phase.capitalize()]
    if progress.phase == "loading the model":
        # Seconds of work that report nothing: say what is coming rather than '0 of N'.
        parts[0] += "…" + (
            f" then {counted(progress.total, 'photo')} to tag" if progress.total else ""
        )
    elif progress.total is not None:
        parts[0] += f" {progress.done:,} of {progress.total:,}"
    elif progress.done:
        parts[0] += f" {progress.done:,}"
    if progress.detail:
        parts.append(progress.detail)
    if progress.rate_words:
        parts.append(progress.rate_words)
    if progress.time_left_s is not None:
        parts.append(f"{format_duration(progress.time_left_s)} left")
    if progress.problems:
        parts.append(counted(progress.problems, "problem"))
    return " · ".join(parts)


class JobDisplay(QWidget):
    cancel_requested = Signal()
    words_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Cut with '…' to the room there is, whole in its tooltip: a plain label's least width
        # is its whole text, and a first scan's words (AFTER_SCAN_DETAIL and the problems) made
        # the status line 1,300 px at least, the window wider than a 1,440 px screen.
        self.label = ElidedLabel("")
        self.bar = QProgressBar()
        self.bar.setFixedWidth(160)
        self.bar.setTextVisible(False)
        self.cancel = QPushButton("Cancel")
        # Its tooltip is the job's own, with File ▸ Cancel Job's keys (JobControl): it said
        # "(Esc)", and Esc does not stop a job (it goes back to all photos).
        self.cancel.setToolTip("Stop the job; the work done so far is kept")
        self.cancel.clicked.connect(self.cancel_requested)
        # Its own size: the room the status line gives the job beyond what it needs went to
        # Cancel too (205 px for its 80 beside "Tag 5 of 93", 240 with the words stepped aside).
        self.cancel.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addStretch(1)  # that room, left of the words, which stay next to the bar
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        self.stepped_aside = False  # the words hidden for a status message (StatusBar)
        self.hide()

    def step_aside(self, aside: bool) -> None:
        """Hide the words (then read in the bar's tooltip), or show them again."""
        if aside == self.stepped_aside:
            return
        self.stepped_aside = aside
        self.label.setVisible(not aside)
        self.bar.setToolTip(self.label.full_text() if aside else "")

    def _say(self, words: str) -> None:
        self.label.setText(words)
        if self.stepped_aside:
            self.bar.setToolTip(words)
        self.words_changed.emit()

    def start(self, title: str) -> None:
        self.bar.setRange(0, 0)
        self.cancel.setEnabled(True)
        self.cancel.setText("Cancel")
        self.show()
        self._say(f"{title}…")  # shown: whether a status message leaves it room is judged

    def update_progress(self, progress: Progress) -> None:
        self._say(describe_progress(progress))
        if progress.total and progress.done > 0:
            self.bar.setRange(0, progress.total)
            self.bar.setValue(min(progress.done, progress.total))
        else:
            self.bar.setRange(0, 0)

    def cancelling(self) -> None:
        self.cancel.setEnabled(False)
        self.cancel.setText("Stopping…")


# Pixels around a status message: its left margin and a gap before what stands right of it.
MESSAGE_MARGIN = 12
# The spacing between the widgets at the status line's right, and its size grip.
BESIDE_SLACK = 40


def _width(widget: QWidget) -> int:
    """The width the status line's layout gives `widget`: its size hint, or its minimum (a fixed
    width, a bar's least) where that is more."""
    return max(widget.sizeHint().width(), widget.minimumWidth())


class StatusBar(QStatusBar):
    thumbnail_size_changed = Signal(int)
    problems_clicked = Signal()  # the problems' count was clicked: File ▸ Problems

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = QLabel()
        self.model = QLabel()
        self.model.setToolTip(MODEL_TIP)
        self.job = JobDisplay()
        self.size_slider = QSlider(Qt.Orientation.Horizontal)
        self.size_slider.setRange(96, 320)
        self.size_slider.setSingleStep(16)
        self.size_slider.setPageStep(32)
        self.size_slider.setFixedWidth(110)
        self.size_slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Ctrl++ and Ctrl+- do that
        self.size_slider.setToolTip("Thumbnail size (Ctrl++ / Ctrl+−)")
        self.size_slider.valueChanged.connect(self.thumbnail_size_changed)
        # The files File ▸ Problems lists, while there are any: the scan's "1 could not be
        # read (File ▸ Problems says why)" was gone after its 15 s, and nothing on screen told
        # of the file after (walk61). A click opens the list.
        self.problems = QPushButton()
        self.problems.setFlat(True)
        self.problems.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.problems.setCursor(Qt.CursorShape.PointingHandCursor)
        self.problems.setStyleSheet("QPushButton { padding: 0 6px; }")
        self.problems.setToolTip(PROBLEMS_TIP)
        self.problems.clicked.connect(self.problems_clicked)
        self.problems.hide()
        self._problems = 0  # the count the button says, shown again once a message is gone
        self.addWidget(self.library)
        self.addWidget(self.problems)
        self.addPermanentWidget(self.job)
        self.addPermanentWidget(self.model)
        self.addPermanentWidget(self.size_slider)
        self.messageChanged.connect(self._make_room)
        self.job.words_changed.connect(self._make_room)

    def _make_room(self, *_: object) -> None:
        """A message the widgets beside it would cut ("Added “monkeys” to 10 photos (Ctrl+Z"
        beside "Finding the fastest way to run the model · once, after the first scan on this
        model"): a job's words step aside while it shows, read in the bar's tooltip, its bar and
        Cancel still in view; if that is not room enough, the model's line (its version and
        where it runs) steps aside too, then the thumbnail slider (Ctrl++ and Ctrl+- still
        work): a rename's note at 856 px lost its "Ctrl+Z to undo." under the slider. Back with
        the message gone. A message cut all the same (a larger font) is read whole in the bar's
        tooltip while it shows. Judged again as the words change and the window is resized."""
        job, message = self.job, self.currentMessage()
        if not message:
            self.problems.setVisible(self._problems > 0)
            job.step_aside(False)
            self.model.setVisible(True)
            self.size_slider.setVisible(True)
            self.setToolTip("")
            return
        needed = self.fontMetrics().horizontalAdvance(message) + MESSAGE_MARGIN + BESIDE_SLACK
        slider = _width(self.size_slider)
        words = 0
        if job.isVisible():
            needed += _width(job.bar) + _width(job.cancel)
            words = _width(job.label)
        model = _width(self.model)
        job.step_aside(job.isVisible() and needed + slider + words + model > self.width())
        self.model.setVisible(needed + slider + model <= self.width())
        self.size_slider.setVisible(needed + slider <= self.width())
        self.setToolTip(message if needed > self.width() else "")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._make_room()

    def set_library(
        self, photos: int, shown: int, pending: int, kept: int = 0, found: int = 0
    ) -> None:
        """`kept`: of the `shown`, those the user's own change made no longer match the
        filter, counted apart as the header and the sidebar count them ("16 of 152 photos
        shown · +1 no longer matching", where it said 17). `found`: the files a scan found
        and has not read yet, of the `pending` and not of the `photos` nor the `shown` (no
        photos until read: "120 photos · 233 more files found, waiting to be tagged"; with photos
        read before waiting again too: "... found and 5 photos waiting to be tagged")."""
        text = counted(photos, "photo")
        if shown != photos or kept:
            text = f"{shown - kept:,} of {text} shown"
        if kept:
            text += f" · +{kept:,} no longer matching"
        again = pending - found  # photos read before, waiting to be tagged again
        if found:
            more = "more file" if photos else "file"
            text += f" · {counted(found, more)} found"
            text += f" and {counted(again, 'photo')} {WAITING}" if again else f", {WAITING}"
        elif again:
            text += f" · {again:,} {WAITING}"
        self.library.setText(text)

    def set_problems(self, problems: int) -> None:
        """'⚠ 1 problem' beside the library's count while File ▸ Problems lists any file."""
        self.problems.setText(f"⚠ {counted(problems, 'problem')}")
        self._problems = problems
        # Not over a message: QStatusBar hides its widgets while one shows, and one shown again
        # here was drawn across it ("All photos shown again" under "⚠ 2 problems").
        self.problems.setVisible(problems > 0 and not self.currentMessage())

    def set_model(self, version: str, device: str) -> None:
        """`device`: where the model runs, as ml/device.py describes it ("CPU (2 cores,
        LiteRT)"): said in plain words, the description itself in the tooltip."""
        self.model.setText(f"Model {version} · {device_words(device)}")
        self.model.setToolTip(device_tip(device))
