"""Retrain ▸ Train: what the model can learn from, a Train button with live progress, then the
old-versus-new comparison per tag, to apply or discard."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol, TypeGuard
from urllib.parse import quote, unquote

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTabBar,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from phototagger.core.few_photos import few_photos_words
from phototagger.core.jobs import Progress
from phototagger.core.model.replaced import replaced_words
from phototagger.core.new_tag_wait import (
    NAMED_WAITING,
    answers_needed,
    detector_note,
    nothing_new_message,
    out_of_library_words,
)
from phototagger.core.no_answers import Said, few_no_and_own_photos_said, few_no_said
from phototagger.core.retrain import (
    MIN_POSITIVES,
    TagComparison,
    TagLabelCount,
    TrainingOverview,
    TrainingResult,
    train_candidate,
)
from phototagger.core.tag_admin import shown_name
from phototagger.core.tag_learning import CALIBRATE_MIN
from phototagger.core.validation import (
    CANT_TELL,
    FEW_HELD_OUT,
    NEW_ONLY,
    NO_COMPARISON,
    NOT_COMPARED,
    NOT_LISTED,
    NOT_WORSE,
    TOO_FEW_TO_BE_SURE,
    WORSE,
    few_held_out,
    few_held_out_note,
    left_out_words,
    measurable,
    orderable,
)
from phototagger.core.wording import (
    counted,
    decisions_in_words,
    keywords_learned_words,
    listed,
)
from phototagger.gui.in_view import in_view
from phototagger.gui.jobs import JobRunner, not_while
from phototagger.gui.library_tools import Confirm, confirm
from phototagger.gui.muted import mute
from phototagger.gui.quotes import curly_quotes, quoted
from phototagger.gui.reader import LibraryReader
from phototagger.gui.retrain_tables import WARNING, refilling, show_rows
from phototagger.gui.retrain_tables import cell as _cell
from phototagger.gui.retrain_tables import table as _table
from phototagger.gui.status import describe_progress
from phototagger.gui.thumbnails import ThumbnailCache

GOOD = QColor(52, 168, 83)
BAD = QColor(217, 48, 37)
KEYWORD = QColor(128, 128, 128)  # a tag only the files' keywords give
# The space between the ⚠ warnings and the plain notes after them: "<br>"-joined, a note under
# a warning read as part of it (words37).
NOTES_GAP_PX = 8
FOLD_AT = 2  # keyword-only tags folded into one line under the user's own, from this many
DETAILS = "#details"  # the summary's link that shows why there is nothing new to learn
REVIEW = "#review:"  # the summary's link that opens the Review tab on the tag after it
IN_REVIEW = "its queue in the Review tab"  # where a tag's queue is, as the page's words name it
# Where a tag new in the run shown is answered: the version in use does not know it, and its
# queue says "… which is not active (click Apply on the Train page to use it)" until Apply.
AFTER_APPLY = f"after Apply, {IN_REVIEW}"
# The comparison's columns in plain words, read without a tooltip: "held out", "F1" and "AP"
# told a photographer nothing, and "F1 old" over "0.67" was explained only when hovered. Each
# column now gives a score out of 100 for both versions, by name ("Right v1 → v2" over
# "67 → 80"), and a line under the table says what each means; the tooltips name the figures
# as `phototagger train` does. (Old and new side by side in one cell: four columns of
# "Right v1" were too wide for the dock, and left the tag names 121 of its 340 pixels.)
# "Right" (F1) read against the verdict above it: "right on 2 of 3 answers it was not trained
# on" over "Right 0 → 0" (its one yes missed, its two no right). F1 counts the yes alone, and
# the column says so: "Yes right" (polish36). walk62: "Yes right" and "Order" were our words,
# not a photographer's: "Match" (the photos it tags against those you said yes to) and
# "Yes first" (the photos you said yes to put before the others).
HEADERS = ["Tag", "Photos\ntested", "Match\n{old} → {new}", "Yes first\n{old} → {new}"]
HEADER_TIPS = (
    "",
    "Photos tested: how many of your answers on this tag each version was checked on. The "
    "training did not see them, so the new version never learned from them",
    "Match: how right each version's yes are, out of 100: how well the photos it tags "
    "match those you said yes to (100: it tags those and no other; the no it gets right do not "
    "count here; F1 in phototagger train)",
    "Yes first: how well each version orders the photos, out of 100: the photos you said yes "
    "to before those you said no to (100: every yes first; AP in phototagger train)",
)
LEGEND = (
    "Scores out of 100 (100: every answer as yours), on your answers the training did not "
    "see. Match: how well the photos it tags match those you said yes to (the no it "
    "gets right do not count). Yes first: how well it puts the photos you said yes to "
    "before the others."
)
NEW_NOTE = " New: a tag {old} does not have."  # said when a row reads "new: 80"
# Why a score reads "-", in the page's words: its columns are Match and Yes first, its
# figures out of 100 (walk43: "F1, AP, precision and recall have no 'yes' to measure" and
# "AP ... would read 1.00" named what only `train`'s table shows). `train` says
# core/validation's words.
ALL_NO = (
    "the answers it was tested on are all 'no': Match and Yes first need a 'yes' answer to score"
)
ALL_YES = (
    "the answers it was tested on are all 'yes': with no 'no' answer to put them before, Yes "
    "first would read 100 however the photos were ordered"
)
WAIT_FOR_JOB = "Wait for the running job to finish, or cancel it"
TRAIN_TIP = (
    "Train a new version on your corrections (Ctrl+T). "
    "It is compared with the active one before you apply it."
)
SETTLE_MS = 300  # after a result's photos are in, the page is laid out within this
APPLY_TIP = "Make the new model active and re-tag the library with it (Ctrl+Enter)"
KEYS_WORDS = "Ctrl+Enter applies · Ctrl+Del discards"
DISCARD_TIP = "Delete the new model; the active one stays (Ctrl+Del, asked first)"


def _taken_back_words(overview: TrainingOverview) -> str:
    """What training does with a tag whose answers the active version learned from are all
    taken back (core.retrain.learned_then_taken_back), or "": the page said only "Nothing new
    to learn yet" over a greyed-out Train while v2 kept 'concert' on 51 photos (undo36); a new
    version takes it off (drop37), seen before it is applied."""
    from phototagger.core.retrain import taken_back_words

    taken = overview.taken_back
    words = taken_back_words(overview.active_version, taken, quotes="“”")
    if taken.tags:  # the first: a tag whose answers are all taken back
        words[0] += ". Train to make one; you see what it changes before applying it"
    return "".join(f"<br>Model {w}." for w in words)


def _only_undone(result: TrainingResult, listed: Sequence[TagComparison]) -> str:
    """What a run did that learned nothing and only undid the tags its parent learned from
    answers all taken back since (drop37), as its verdict, or "": "it only takes “concert” off
    14 photos, as you took back the answers v2 learned it from; nothing was learned to compare
    with v2". Its pieces are core.retrain.taken_back_does' (`train --deep`'s words included)."""
    gone = result.taken_back().tags
    if not gone or listed or result.fitted() or result.counts.get("new_tags"):
        return ""
    does = html.escape(" and ".join(result.taken_back_does("“”")), False)
    return (
        f"it only {does}, as you took back the answers {result.parent} learned "
        f"{'it' if len(gone) == 1 else 'them'} from; nothing was learned to compare with "
        f"{result.parent}"
    )


# The line under the scores for the tags the run kept as they were and left out of them
# (core/validation.left_out_words says "not listed: " where no other table lists them).
NOT_SCORED = "not scored: "


class TrainPage(QWidget):
    trained = Signal(object)  # TrainingResult
    apply_requested = Signal(str)  # version
    discarded = Signal(str)
    version_asked = Signal(str)  # the link to a version trained and left, on the Versions page
    review_asked = Signal(str)  # the link to a taught tag's queue, on the Review page
    # The run shown was applied or discarded: nothing is left on the page to read, and the
    # window gives the keys back to the photos (the buttons that had them are hidden).
    result_closed = Signal()
    # Ctrl+T with nothing to train, or Train New Model greyed out while it had the keys:
    # nothing on the page to press, and the window gives the keys to the photos.
    keys_to_photos = Signal()

    def __init__(
        self,
        reader: LibraryReader,
        jobs: JobRunner,
        parent: QWidget | None = None,
        thumbnails: ThumbnailCache | None = None,
    ) -> None:
        from phototagger.gui.retrain_changes import ChangesView  # it reuses this module's table

        super().__init__(parent)
        self._reader = reader
        self._jobs = jobs
        self.result: TrainingResult | None = None
        self._starting = False  # Train New Model pressed: its run is starting
        # The tag the run the user last applied taught (the panel's taught_tag), if any.
        self.taught: Callable[[], str | None] = lambda: None
        self.confirm: Confirm = confirm  # asks before Discard deletes the run just trained
        # Where the keys were when Train was pressed (see _keys_back).
        self._keys_from: QWidget | None = None
        self.summary = QLabel("Reading your corrections…")
        self.summary.setWordWrap(True)
        self.summary.linkActivated.connect(self._link)
        # Why there is nothing new to learn, tag by tag (core/new_tag_wait's words, as `train`
        # says them): under "Details", for it ran to some 11 lines, half the dock, in the
        # summary ("… and 164 more tags from your files' keywords").
        self.why = QLabel()
        self.why.setTextFormat(Qt.TextFormat.PlainText)
        self.why.setWordWrap(True)
        self.why.hide()
        self.labels = _table(["Tag", "Yes", "No", "Learnable"], text_columns=(0, 3))
        self.labels.setToolTip(
            "Your decisions per tag: 'yes' are tags you added or accepted, "
            "'no' the ones you rejected. Tags you taught here are in bold, first; "
            "those in grey come only from your files' keywords"
        )
        # The line the keyword-only tags are folded under (None: not folded), and whether
        # they are shown under it.
        self._fold_row: int | None = None
        self.keywords_open = False
        self._folding = False  # opened or closed in this turn of the event loop
        self.labels.cellClicked.connect(self._fold_clicked)
        self.labels.cellActivated.connect(self._fold_clicked)
        self.train_button = QPushButton("Train New Model")
        self.train_button.setToolTip(TRAIN_TIP)
        self.train_button.clicked.connect(self.train)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress_text = QLabel()
        # Wrapped, as every line here that names a tag: unwrapped, a label's minimum width is
        # its whole text, and the dock grew to fit it (see tests/test_gui_train_dock_width.py).
        self.progress_text.setWordWrap(True)
        self.progress.hide()
        self.progress_text.hide()
        # What Apply changes comes first, then why (the verdict over the scores): the order
        # a reader needs before Apply, and the one `train` prints.
        self.changes_heading = QLabel()
        self.changes_heading.setWordWrap(True)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setToolTip(
            "Measured on your answers the training did not see: how many of them each version "
            "decides as you did, and how many of the photos you said yes to among them it "
            "finds. The table gives each tag's figures"
        )
        # Two-line headers keep the number columns narrow: at the dock's default width the
        # tag names keep most of the room.
        self.metrics = _table(_headers("old", "new"))
        self._name_columns("old", "new")
        self.metrics.setToolTip(
            "Each version checked on a quarter of your answers, which the training did not see, "
            "so the new one never learned from them (100 is all right)"
        )
        # What the scores mean, in view: the headers are two short words each.
        self.legend = QLabel(LEGEND)
        self.legend.setWordWrap(True)
        mute(self.legend)
        # Under the table when a tag's figures rest on a few held-out yes answers (a 1.00 on
        # one photo read as a tag learned); those figures are in italics.
        self.few_note = QLabel(
            f"Figures in italics rest on fewer than {FEW_HELD_OUT} 'yes' answers it was "
            "tested on: they say little yet."
        )
        self.few_note.setWordWrap(True)
        self.few_note.hide()
        # Under the table: the tags the run kept as they were, tested on a few answers, not
        # listed with figures (TrainingResult.listed), and those no answer tested.
        self.kept_note = QLabel()
        self.kept_note.setWordWrap(True)
        self.kept_note.hide()
        # A tag learned from yes answers with (almost) no "no" (a folder's name: 49 yes, 0 no)
        # goes on every photo like them; said before Apply, beside what it changes.
        self.few_no_note = QLabel()
        self.few_no_note.setWordWrap(True)
        self.few_no_note.setToolTip(
            f"A tag needs at least {CALIBRATE_MIN} 'no' answers, on photos it should not have, "
            "to learn where it stops: without them it may go on photos that only look like its "
            "own"
        )
        self.few_no_note.linkActivated.connect(self._link)
        self.few_no_note.hide()
        # A tag learned that goes on (almost) no photo besides its yes answers ("beach day":
        # 1 photo more, then none): why, and the step that finds more (core/few_photos.py).
        self.few_photos_note = QLabel()
        self.few_photos_note.setWordWrap(True)
        self.few_photos_note.linkActivated.connect(self._link)
        self.few_photos_note.hide()
        self.changes = ChangesView(reader, thumbnails)
        self.changes.previewed.connect(self._previewed)
        self.changes.reveal.connect(self._reveal_preview)
        # A result shown and not yet scrolled to with its first photos in: its place is
        # known once the page is laid out around them, after the photos are read; the page
        # follows its layout until a moment after that (SETTLE_MS), then leaves the scroll
        # bar to the user.
        self._scroll_pending = False
        self._settled = QTimer(self)
        self._settled.setSingleShot(True)
        self._settled.setInterval(SETTLE_MS)
        self._settled.timeout.connect(self._stop_following)
        # After training the keys are on the changes, to read them (the arrows preview each
        # tag's photos); Apply and Discard were four Tabs away. Each has a chord of its own
        # on the page, said over the buttons (written on them, the row widened the dock past
        # its 340 px): Ctrl+Enter applies, as it sends or commits what was read in most
        # programs, and Enter alone, pressed while reading, does not.
        self.apply_button = QPushButton("Apply")
        self.apply_button.setToolTip(APPLY_TIP)
        self.discard_button = QPushButton("Discard")
        self.discard_button.setToolTip(DISCARD_TIP)
        self.apply_button.clicked.connect(self._apply)
        self.discard_button.clicked.connect(self._discard)
        for button, keys in (
            (self.apply_button, ("Ctrl+Return", "Ctrl+Enter")),
            (self.discard_button, ("Ctrl+Delete",)),
        ):
            chord = QAction(self)
            chord.setShortcuts([QKeySequence(k) for k in keys])
            chord.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            chord.triggered.connect(lambda _=False, b=button: _press(b))
            self.addAction(chord)
        self.keys_note = QLabel(KEYS_WORDS)
        self.keys_note.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.keys_note.setWordWrap(True)
        mute(self.keys_note)
        self.keys_note.hide()
        # Why Apply is greyed out when no job is the reason: the library has no photo left.
        self.apply_note = QLabel()
        self.apply_note.setWordWrap(True)
        self.apply_note.hide()
        self._library_empty = False
        self.result_box = QWidget()
        result_layout = QVBoxLayout(self.result_box)
        result_layout.setContentsMargins(0, 0, 0, 0)
        # What applying it changes, with the photos, first; then why: the verdict over each
        # tag's scores, the legend and notes under them, and Apply below. (Under the scores,
        # the legend and the changes table, the preview of the photos began below the fold
        # in the dock at its usual 340 px; with the verdict above the changes and the scores
        # under them, the verdict's "the scores below" were a table and the photos away.)
        result_layout.addWidget(self.changes_heading)
        result_layout.addWidget(self.few_no_note)
        result_layout.addWidget(self.few_photos_note)
        result_layout.addWidget(self.changes)
        result_layout.addSpacing(self.fontMetrics().lineSpacing() // 2)  # apart from the caption
        result_layout.addWidget(self.verdict)
        result_layout.addWidget(self.metrics)
        result_layout.addWidget(self.legend)
        result_layout.addWidget(self.few_note)
        result_layout.addWidget(self.kept_note)
        self.result_box.hide()
        # Each table is as tall as its rows up to ROWS_SHOWN (retrain_tables.show_rows), the
        # answers per tag growing to all theirs in a taller dock; the page scrolls when the
        # dock is shorter than that; Train, Discard and Apply stay below it in view.
        # (Squeezed into the dock, each table showed about two rows; splitters with a minimum
        # of rows pushed Apply out of a small window.)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.summary)
        body_layout.addWidget(self.why)
        body_layout.addWidget(self.labels, 1)
        body_layout.addWidget(self.result_box)
        body_layout.addStretch()  # what the tables' rows leave of a tall dock, under the page
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(body)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.verticalScrollBar().rangeChanged.connect(self._previewed)
        buttons = QHBoxLayout()
        buttons.addWidget(self.train_button)
        buttons.addStretch(1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.apply_button)
        self.discard_button.hide()
        self.apply_button.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.progress_text)
        layout.addWidget(self.apply_note)
        layout.addWidget(self.keys_note)
        layout.addLayout(buttons)  # Tab reaches Train, Discard, Apply as they stand left to right
        show_rows(self.labels, grow=True)
        # While any job runs (a scan, a model switch) training and applying cannot start: say so
        # by their buttons instead of a click that does nothing (Apply used to hide the
        # result as if it had worked). The window reloads the page when the job ends.
        jobs.started.connect(lambda _title: self._set_job_running(True))
        jobs.idle.connect(lambda: self._set_job_running(False))

    def _set_job_running(self, running: bool) -> None:
        self.train_button.setToolTip(
            not_while(TRAIN_TIP, self._jobs.title) if running else TRAIN_TIP
        )
        if running:
            self._set_trainable(False)
        elif self.progress_text.text() == WAIT_FOR_JOB:
            self.progress_text.hide()  # the job it waited for is done: the page is read again
        self._offer_apply()

    def set_library_empty(self, empty: bool) -> None:
        """The library has no photo now (its folders removed), or has photos again. A run
        trained before stayed on the page with Apply on: nothing is left for it to re-tag,
        and its preview shows photos that have left; it can be applied once a folder is back."""
        self._library_empty = empty
        self._offer_apply()

    def _offer_apply(self, shown: TrainingResult | None = None) -> None:
        """Apply on for the run shown (`shown`, else self.result), unless a job runs or the
        library is empty (which the line above the buttons says)."""
        result = shown or self.result
        self.apply_button.setEnabled(
            result is not None and not self._jobs.busy and not self._library_empty
        )
        empty = result is not None and self._library_empty
        if empty and result is not None:
            self.apply_note.setText(
                f"Model {result.version} cannot be applied now: the library has no photos "
                "since its folders were removed, so there is nothing for it to re-tag. Add a "
                "folder to apply it, or discard it."
            )
        self.apply_note.setVisible(empty)
        # Not "Ctrl+Enter applies" beside a greyed-out Apply.
        self.keys_note.setText("Ctrl+Del discards" if empty else KEYS_WORDS)

    def take_keys(self) -> None:
        """Ctrl+T: the keys on Train New Model. With nothing to train it is greyed out, and the
        keys stayed where they were, on a page hidden behind the Model tab (the Details
        panel's tag box, the Versions table) or on this page's scroll area (polish28), where
        no key did anything: they go to the run shown, if one is, or stay on the photos or
        the sidebar, or go to the photos; the page says why there is nothing to train."""
        if self.train_button.isEnabled():
            self.train_button.setFocus()
            return
        if self._jobs.busy and not self.progress.isVisible():
            # Greyed out for a scan or a switch (training's own progress says itself).
            self.progress_text.setText(WAIT_FOR_JOB)
            self.progress_text.show()
        if self.result is not None:
            self._result_keys().setFocus()
            return
        # Once the Model dock is raised over its tab (the Details panel is laid out of view
        # then, though Qt still calls it visible).
        QTimer.singleShot(0, self, self._keys_in_view)

    def _keys_in_view(self) -> None:
        now = QApplication.focusWidget()
        if _holds_keys(now) and not self.isAncestorOf(now):
            return  # on the photos, the sidebar: where the user is
        self.keys_to_photos.emit()

    def _set_trainable(self, enabled: bool) -> None:
        """Train New Model enabled or greyed out; greyed out while it had the keys (pressed
        Ctrl+T as the page was read again, or as a scan started), Qt gave them to the page's
        scroll area: take_keys places them."""
        had_keys = self.train_button.hasFocus() and not self._starting
        self.train_button.setEnabled(enabled)
        if had_keys and not enabled:
            self.take_keys()

    def reload(self) -> None:
        from phototagger.core.retrain import training_overview

        self._reader.submit("training-overview", training_overview, self._overview_loaded)

    def _overview_loaded(self, overview: TrainingOverview) -> None:
        made = decisions_in_words(overview.corrections_since_active, overview.keywords_since_active)
        # Whether this training learns from the files' keywords: a tag they give that it learns
        # now; none, where each waits for more answers (the table says how many), or is one the
        # tagger does not learn (the face detector's).
        keyword_tags = [t for t in overview.tags if t.keywords]
        from_keywords = keywords_learned_words(
            overview.corrections_since_active,
            overview.keywords_since_active,
            any(t.trainable and not t.learned for t in keyword_tags),
            bool(keyword_tags) and all(not t.detector and not t.trainable for t in keyword_tags),
        )
        made_none = not (overview.corrections_since_active or overview.keywords_since_active)
        # Answers the active version learned from, taken back since (Undo, a photo's folder
        # removed): "0 corrections since model v6" stood over an enabled Train New Model.
        changed = [
            f"{quoted(shown_name(t.name))}" for t in overview.tags if t.trainable and not t.learned
        ]
        if overview.tags and made_none and changed:
            then = (
                f" Your answers on {listed(changed)} changed since model "
                f"{overview.active_version} learned them (some taken back, or their photos "
                "left the library): train to learn them as they are now."
            )
        elif overview.tags:
            then = ""
        elif overview.corrections_since_active or overview.keywords_since_active:
            # Each on a photo the model has not read (still to be scanned, or damaged): it
            # teaches nothing yet, and "Accept, reject or add tags" under a count read as lost.
            one = overview.corrections_since_active + overview.keywords_since_active == 1
            then = (
                f" {'It is on a photo' if one else 'They are on photos'} the model has not read "
                "yet (still to be scanned, or damaged), which teach it nothing: scan, or answer "
                "on other photos, then train."
            )
        elif not overview.taken_back.tags:
            # Said as when decisions wait ("Nothing new to learn yet: …"): Ctrl+T showed a
            # greyed-out Train New Model under "0 corrections since model v1", not why. After
            # what the active version keeps of answers taken back, which training cannot take
            # off: under "Nothing new to learn yet: ... then train" it read as a contradiction.
            then = "<br>Nothing new to learn yet: accept, reject or add tags, then train."
        else:
            then = ""  # a tag's answers all taken back: training undoes it (below)
        # First where nothing else is said before "Nothing new to learn yet"; after a sentence
        # about the count ("They are on photos the model has not read") it would split the two.
        taken = _taken_back_words(overview)
        then = taken + then if then.startswith("<br>") else then + taken
        out = out_of_library_words(overview.out_of_library, overview.keywords_out_of_library)
        if out:  # why the counts below are fewer than the answers given
            then += f" {out[0].upper()}{out[1:]}."
        self.summary.setText(
            f"<b>{made}</b> since model <b>{overview.active_version}</b>{from_keywords}.{then}"
        )
        ordered = sorted(overview.tags, key=_row_order)
        own = sum(not t.from_files for t in ordered)
        keyword_only = len(ordered) - own
        # The tags only the files' keywords give, folded into one line under the user's own
        # (det-photos: 37 rows of "needs 4 more yes" under the one tag taught). With no tag of
        # the user's own they are folded too past the few `train` names one by one
        # (NAMED_WAITING): the page listed 31 rows of "needs 4 more yes" where `train` counts
        # them ("31 tags from your files' keywords are on fewer photos ('20s', …)").
        folds = keyword_only >= FOLD_AT if own else keyword_only > NAMED_WAITING
        self._fold_row = own if folds else None
        with refilling(self.labels):
            self.labels.clearSpans()
            self.labels.setRowCount(len(ordered) + (self._fold_row is not None))
            if self._fold_row is not None:
                self.labels.setItem(self._fold_row, 0, _cell(self._fold_words(keyword_only)))
                self.labels.setSpan(self._fold_row, 0, 1, self.labels.columnCount())
            for row, tag in enumerate(ordered):
                if self._fold_row is not None and row >= self._fold_row:
                    row += 1
                self.labels.setItem(row, 0, _name_cell(tag))
                self.labels.setItem(row, 1, _cell(f"{tag.positives:,}", True))
                self.labels.setItem(row, 2, _cell(f"{tag.negatives:,}", True))
                learnable = _cell(learnable_text(tag))
                if tag.more_answers:
                    learnable.setToolTip(
                        f"{quoted(shown_name(tag.name))} "
                        f"{learnable.text()} answers to be corrected: "
                        "with fewer, a new version keeps the default tagger's as it is"
                    )
                elif tag.detector and tag.from_files:  # no answer of the user's on it
                    learnable.setToolTip(
                        f"{quoted(shown_name(tag.name))} comes "
                        "from your files' keywords and is a tag "
                        "of the face detector's: the keywords stay on those photos, and the "
                        "tagger does not learn it"
                    )
                elif tag.detector:
                    learnable.setToolTip(
                        f"{quoted(shown_name(tag.name))} comes from "
                        f"the face detector: {detector_note(1)}"
                    )
                self.labels.setItem(row, 3, learnable)
        self._fold_keywords(keyword_only)
        # Training needs a decision the active version has not learned from, on a tag it can
        # learn; otherwise the button would only say why not (core/new_tag_wait.py).
        ready = any(t.trainable and not t.learned for t in overview.tags) or bool(
            overview.taken_back.tags
        )
        if overview.tags and not ready:
            waiting = {
                t.name: t.positives
                for t in overview.tags
                if not t.trainable and t.more_answers is None and not t.detector
            }
            short = {t.name: t.more_answers for t in overview.tags if t.more_answers}
            faces = [t.name for t in overview.tags if t.detector]
            keywords = {t.name for t in overview.tags if t.from_files}
            # The names in the app's quotes, as the summary under it says them (gui/quotes.py).
            why = curly_quotes(
                nothing_new_message(overview.active_version, waiting, short, faces, keywords)
            )
            self.why.setText(f"{why[:1].upper()}{why[1:]}.")
            # The tag just taught, until the user answers anything since it was applied.
            taught = None if overview.corrections_since_active else self.taught()
            # Keywords alone, which the line above says training learns nothing from: "Nothing
            # new to learn yet" under it said so twice.
            said = not overview.corrections_since_active and overview.keywords_since_active
            self.summary.setText(
                f"{self.summary.text()}<br>{'Next' if said else 'Nothing new to learn yet'}: "
                f"{next_step(overview.tags, taught)}. "
                f"<a href='{DETAILS}'>{'Hide details' if self.why.isVisible() else 'Details'}</a>"
            )
        else:
            self.why.clear()
            self.why.hide()
        self.summary.setToolTip(self.why.text())
        left = overview.trained_waiting
        if left is not None and self.result is None:
            # Trained on these very answers and left when the app closed: the page offered
            # Train New Model as if nothing had been, and a second run made it over as v3.
            self.summary.setText(
                f"{self.summary.text()} <b>Model {left}</b> was trained on them and neither "
                f"applied nor discarded: <a href='{left}'>see it under Versions</a> to make "
                "it active or discard it."
            )
        self._set_trainable(ready and not self._jobs.busy)

    def _fold_keywords(self, keywords: int) -> None:
        """The keyword-only tags' rows shown or folded (self.keywords_open), and the line that
        folds them saying how many and what a click does."""
        fold = self._fold_row
        item = None if fold is None else self.labels.item(fold, 0)
        if fold is not None and item is not None:
            does = "hide" if self.keywords_open else "show"
            item.setText(self._fold_words(keywords))
            item.setToolTip(
                f"Click to {does} the tags that only your files' keywords give: none of them has "
                "an answer of yours here yet"
            )
            item.setForeground(KEYWORD)
        # Every row, not only those under the fold: a row keeps its hidden mark as the table is
        # refilled, and once the one tag taught was taken back (Ctrl+Z) the keywords listed in
        # its place showed 2 of 5, the 3 others left hidden by the fold above them (train37).
        for row in range(self.labels.rowCount()):
            folded = fold is not None and row > fold and not self.keywords_open
            self.labels.setRowHidden(row, folded)
        show_rows(self.labels, grow=True)

    def _folded(self) -> None:
        self._folding = False

    def _fold_words(self, keywords: int) -> str:
        arrow = "▾" if self.keywords_open else "▸"
        return f"{arrow} {counted(keywords, 'tag')} from your files' keywords"

    def _fold_clicked(self, row: int, _column: int = 0) -> None:
        # Once a click: a style that activates items on a single click sends both signals.
        if self._fold_row is not None and row == self._fold_row and not self._folding:
            self._folding = True
            QTimer.singleShot(0, self._folded)
            self.keywords_open = not self.keywords_open
            keywords = self.labels.rowCount() - self._fold_row - 1
            self._fold_keywords(keywords)

    def _link(self, link: str) -> None:
        """ "Details" shows (or hides) why there is nothing new to learn; a taught tag's name
        opens its queue under Review; a version's name opens it under Versions."""
        if link.startswith(REVIEW):
            self.review_asked.emit(unquote(link.removeprefix(REVIEW)))
            return
        if link != DETAILS:
            self.version_asked.emit(link)
            return
        shown = not self.why.isVisible()
        self.why.setVisible(shown)
        words = ("Details", "Hide details") if shown else ("Hide details", "Details")
        self.summary.setText(self.summary.text().replace(f">{words[0]}</a>", f">{words[1]}</a>"))

    def train(self) -> bool:
        def job(library: Any, progress: Any, cancel: Any) -> TrainingResult:
            return train_candidate(library, progress=progress, cancel=cancel)

        self._starting = True  # greyed out as it starts: the keys are placed below
        try:
            started = self._jobs.start(
                "Training a new model", job, on_done=self._trained, on_failed=self._failed
            )
        finally:
            self._starting = False
        if not started:
            self.progress_text.setText(WAIT_FOR_JOB)
            self.progress_text.show()
            return False
        # The run shown and never applied goes once the new one is trained (the panel discards
        # the runs it replaces): a run that fails or is cancelled leaves it in Model Versions.
        self._close_result()
        self._keys_from = QApplication.focusWidget()
        if self.train_button.hasFocus():
            # Greyed out, the button would drop the keys onto the window's dock tabs: the
            # arrows then switched Details and Model, and N/P/J/K did nothing where the user
            # looked. They wait in the page, on the answers it learns from.
            self.labels.setFocus(Qt.FocusReason.OtherFocusReason)
        self.train_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.progress_text.setText("Starting…")
        self.progress_text.show()
        self._jobs.progress.connect(self._progress)
        return True

    def _progress(self, progress: Progress) -> None:
        self.progress_text.setText(describe_progress(progress))
        if progress.total:
            self.progress.setRange(0, progress.total)
            self.progress.setValue(progress.done)

    def _finish(self) -> None:
        self._jobs.progress.disconnect(self._progress)
        self.progress.hide()
        self.train_button.setEnabled(True)

    def _failed(self, message: str) -> None:
        self._finish()
        self.progress_text.setText(f"Training failed: {message}")
        self._keys_back(self.train_button)

    def _trained(self, result: TrainingResult | None) -> None:
        self._finish()
        if result is None:
            self.progress_text.setText("Training cancelled")
            self._keys_back(self.train_button)
            return
        self.progress_text.hide()
        self.result = result
        self.show_result(result)
        self.trained.emit(result)
        self._keys_back(self._result_keys())

    def _result_keys(self) -> QWidget:
        """Where the keys go on a run shown: the tags whose photos would change, the first
        selected (its photos previewed); the comparison when none would and it lists a tag
        (else it is hidden: the changes table, empty, keeps them for Apply and Discard)."""
        table = self.changes.table
        return table if table.rowCount() or not self.metrics.rowCount() else self.metrics

    def _keys_back(self, on_page: QWidget) -> None:
        """A run ended: the keys go back to where the user is. Moved elsewhere meanwhile (the
        grid, to go on answering), they stay there; started from elsewhere, they go back there;
        waiting on this page, they go to `on_page` (the result, to read it). Qt had left them
        on the window's dock tabs, where the arrows switched Details and Model."""
        started_on, self._keys_from = self._keys_from, None
        now = QApplication.focusWidget()
        if _holds_keys(now) and not self.isAncestorOf(now):
            return
        if _holds_keys(started_on) and not self.isAncestorOf(started_on):
            on_page = started_on
        on_page.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_result(self, result: TrainingResult) -> None:
        judged = result.judged()
        colour = "#34a853" if judged == NOT_WORSE else "#d93025"
        word = "Not worse than" if judged == NOT_WORSE else "Worse than"
        # The answers the table lists, as its "Photos tested" column counts them: the photos
        # kept out of training (counts' held_out_photos) include those whose only labels are
        # on tags nothing was measured on (a file's keyword, a tag on too few photos), and
        # the page said "tested on 9 photos" over a table of 3 and 4.
        # The tags it kept as they were, tested on a few answers, are named under the table,
        # not listed in it with figures ("Right 0 → 0" for keywords the user never touched).
        listed, kept = result.listed()
        checked = sum(m.support for m in listed)
        # Answers the parent had learned from are left out of the test (core/validation.py).
        who = "neither learned" if result.counts.get("learned_by_parent") else "it did not learn"
        on = (
            f", tested on {counted(checked, 'answer')} of yours that {who} from"
            if checked
            else " on the photos it was tested on"
        )
        verdict = f"<span style='color:{colour}'><b>{word} {result.parent}</b></span>{on}"
        if judged == CANT_TELL:
            # More answers decided worse than before, too few to say it is worse: a green
            # "Not worse than v2" stood over "right 88 → 17" in red.
            verdict = (
                f"<b>can't tell yet</b> whether it is better or worse than {result.parent}{on}"
            )
        elif judged == TOO_FEW_TO_BE_SURE:
            # issue 8: "Not worse than v1" in green on 12 answers, where the sign test could not
            # have caught a version one answer in ten worse. Plain, as `train` says it.
            verdict = html.escape(result.judged_words(named=True))
        summary = result.summary
        parts = summary.split("; ")
        why_not = [part for part in parts if part.startswith(NO_COMPARISON)]
        new_only = judged == NEW_ONLY
        undone = "" if new_only else _only_undone(result, listed)
        if new_only:
            # Only tags the parent lacks were measured: a green "Not worse than v1" over "nothing
            # to compare old and new on yet" said a comparison was made and passed.
            # `train` said "can't tell yet" of it: the same words now (headline_words).
            words = result.judged_words()
            verdict = f"<b>{NEW_ONLY}</b>{html.escape(words.removeprefix(NEW_ONLY))}"
        elif undone:
            # A run made only to take off a tag whose answers were all taken back: "not
            # compared with v2 yet: no answers were kept out of training" read as a test
            # missing, where nothing was learned that a test could compare.
            verdict = undone
        elif judged == NOT_COMPARED:
            # Tags both know were tested on one answer only (all yes): the table lists them,
            # but nothing ranked old against new, and a green "Not worse than v1" said it did.
            # `train` said "can't tell yet" where this said "not compared with v1 yet: no
            # answers were kept out …": the same words now (headline_words, verdict43).
            # Where the table lists the scores it was tested on, "not judged against v1 yet: the
            # scores below were measured, but …": "not compared with v1 yet" over old and new
            # scores for five tags read as a contradiction. A row tested on "no" answers alone
            # reads "-": "the scores below were measured" stood over it (headline_words).
            head, _, why = result.judged_words(named=True).partition(": ")
            verdict = f"<b>{html.escape(head)}</b>: {html.escape(why)}"
        # Said with a ⚠ over the changes (below): at the verdict's end, under the preview of
        # the photos, "from Anna would be on 390 photos, more than its labels suggest" (of
        # 397) was out of view beside Apply (polish35).
        spread = [str(note) for note in result.counts.get("more_than_answers", [])]
        if new_only or why_not or spread or undone:
            # The summary's own "nothing to compare old and new on yet: …" said it again.
            summary = "; ".join(
                part for part in parts if not part.startswith(NO_COMPARISON) and part not in spread
            )
        self.changes_heading.setText(
            f"<b>What applying model {result.version} changes</b> (photos you have answered keep "
            "your answer):"
        )
        # Nothing, when the verdict took all it said. A tag's name may start it ("from Anna would
        # be on 390 photos ..."): kept as the tag is named, not "From Anna".
        said = sentence(summary, [shown_name(c.tag) for c in result.changes])
        self.verdict.setText(
            f"<b>Model {result.version}</b> (from {result.parent}): {verdict}."
            + (f"<br>{html.escape(said)}" if said else "")
        )
        self._name_columns(result.parent, result.version)
        new = any(m.old is None and measurable(m) for m in listed)
        self.legend.setText(LEGEND + (NEW_NOTE.format(old=result.parent) if new else ""))
        with refilling(self.metrics):
            self.metrics.setRowCount(len(listed))
            for row, m in enumerate(listed):
                self.metrics.setItem(row, 0, _cell(shown_name(m.tag)))
                self.metrics.setItem(row, 1, _cell(f"{m.support:,}", True))
                old_f1 = m.old.f1 if m.old else None
                old_ap = m.old.average_precision if m.old else None
                # Red for a fall only under a "worse" verdict: under "can't tell yet" a red
                # "91 → 50" read as "worse" where the headline said nobody can tell (verdict43).
                alarm = judged == WORSE
                self.metrics.setItem(row, 2, _score_cell(m, old_f1, m.new.f1, alarm=alarm))
                # All yes: any order puts them first ("Order new: 100" beside "Yes right
                # new: 0" for a tag taught on yes answers alone, polish36).
                order = _score_cell(
                    m, old_ap, m.new.average_precision, orderable(m), alarm, result.parent
                )
                self.metrics.setItem(row, 3, order)
                few = few_held_out(m)
                for column in range(len(HEADERS)):
                    item = self.metrics.item(row, column)
                    if item is not None:
                        fell = item.toolTip()  # a fall not in red says why (_score_cell)
                        item.setToolTip(_details(m) + (f"\n{fell}" if fell else ""))
                        if few and column >= 2:
                            font = item.font()
                            font.setItalic(True)
                            item.setFont(font)
        self.few_note.setVisible(any(few_held_out(m) for m in listed))
        untested = [shown_name(tag) for tag in result.untested_kept()]
        named = [shown_name(tag) for tag in kept]
        # Why each was kept, as `train` and the Versions page say it: "(tested on fewer than 5
        # yes answers)" beside `train`'s "retrained once it has 5 yes and 5 no answers" (walk43).
        kept_why = {shown_name(t): w for t, w in result.kept_why().items()}
        left_out = left_out_words(named, untested, kept_why) if named or untested else ""
        # No table when nothing is listed in it: a run that only took off a tag whose answers
        # were taken back showed "nothing was learned to compare with v2" over an empty table
        # of scores and the legend of its columns (train37).
        scored = bool(listed)
        self.metrics.setVisible(scored)
        self.legend.setVisible(scored)
        if left_out:
            # "Not listed: food, drink, flower, kept as they were" under the scores read as left
            # out of the page, where the table of changes above names them (walk41; since
            # fae1792 in one line, "4 other tags unchanged: …"): not in the scores. With no
            # scores shown it was "Food, drink, flower, kept as they were": walk52 read the
            # same tags said three ways; "Not scored: " either way.
            left_out = NOT_SCORED + left_out.removeprefix(NOT_LISTED)
        self.kept_note.setText(sentence(left_out, [*named, *untested]))
        self.kept_note.setVisible(bool(left_out))
        few_photos = result.counts.get("few_photos", {})
        # The few-"no" warnings, then the tags that stay on their own photos (said in place of
        # the warning), those only the files' keywords give in one line each, as `train`.
        # A ⚠ for what may go wrong (a tag that cannot be told apart, one that spreads past
        # its answers); the notes say what the run does as the user asked (a tag that stays
        # on its own photos, one taken off as its answers were taken back) plainly: a ⚠ on
        # "v3 takes “concert” off every photo" read as if undoing the teaching had gone wrong.
        # A tag new in this run has a queue once the run is applied (walk48: the link led to
        # "The version in use (v1) does not know 'gig'", where the words said it lists photos).
        new_tags = {str(tag).casefold() for tag in result.counts.get("new_tags") or []}

        def queue(tag: str) -> str:
            return AFTER_APPLY if tag.casefold() in new_tags else IN_REVIEW

        warnings, notes = few_no_and_own_photos_said(result.counts, queue)
        # Said once: the verdict of a run that only undid them names the tags taken off.
        said_once = result.taken_back_words("“”", undone_said=bool(undone))
        taken = [f"Model {w}" for w in said_once]
        warned: list[Said | str] = [*warnings, *spread]
        plain: list[Said | str] = [*notes, *taken]
        self.few_photos_note.setText(
            "<br>".join(_few_photos_html(t, n, queue(t)) for t, n in few_photos.items())
        )
        self.few_photos_note.setVisible(bool(few_photos))
        # A tag on few photos is a note too (as `train` says it), under the warnings, apart.
        gap = NOTES_GAP_PX if warned and not plain else 0
        self.few_photos_note.setContentsMargins(0, gap, 0, 0)
        # Each tag's few-"no" words end with a link to its queue, as the few-photos note does:
        # among the warnings, or among the notes where the version puts it on few photos. By
        # the tag the words are about, not by place (q39).
        warned_tags, noted_tags = few_no_said(result.counts)
        links = {t: f": {review_link(t)}" for t in [*warned_tags, *noted_tags]}
        self.few_no_note.setText(warnings_then_notes(warned, plain, links))
        self.few_no_note.setVisible(bool(warned or plain))
        show_rows(self.metrics)
        self.changes.show_result(result)
        self._offer_apply(result)
        self.discard_button.setEnabled(True)
        self.apply_button.setDefault(judged == NOT_WORSE)
        self.result_box.show()
        self.discard_button.show()
        self.apply_button.show()
        self.keys_note.show()
        # The result is what to read now: scrolled to, with the tags' answers above it, and
        # again once its first photos are in (the rows they take are known then).
        self._scroll_pending = True
        self._settled.stop()
        QTimer.singleShot(0, self._scroll_to_result)

    def _previewed(self, *_: object) -> None:
        """The photos are in, or the page's length changed: scroll to the result if not yet."""
        if self._scroll_pending:
            QTimer.singleShot(0, self._scroll_to_result)

    def _name_columns(self, old: str, new: str) -> None:
        """The score columns' headers and tooltips, under the two versions' names."""
        for column, (title, tip) in enumerate(zip(_headers(old, new), HEADER_TIPS, strict=True)):
            header = self.metrics.horizontalHeaderItem(column)
            if header is not None:
                header.setText(title)
                header.setToolTip(tip)

    def note_replaced(self, versions: list[str], parent: str) -> None:
        """Say which runs trained before from `parent` and never applied the new one replaced
        (the panel discarded them)."""
        if versions and self.result is not None:
            words = html.escape(replaced_words(versions, parent))
            self.verdict.setText(f"{self.verdict.text()}<br>{words}")

    def _scroll_to_result(self) -> None:
        """The result from its top (what Apply changes), and at least the first row of the
        photos it changes: where the dock is too short for both, the heading gives way (it is
        a scroll up)."""
        body = self.scroll_area.widget()
        layout = body.layout() if body is not None else None
        if body is None or layout is None or not self.result_box.isVisible():
            return
        layout.activate()
        top = self.result_box.y()
        preview = self.changes.preview
        waiting = preview.isVisibleTo(self) and not preview.count()  # its photos being read
        if preview.isVisibleTo(self):
            first_row = preview.mapTo(body, QPoint(0, preview.first_row_bottom())).y()
            top = max(top, first_row - self.scroll_area.viewport().height())
        self.scroll_area.verticalScrollBar().setValue(top)
        if self._scroll_pending and not waiting and not self._settled.isActive():
            self._settled.start()

    def _reveal_preview(self) -> None:
        """The preview's first row of photos in view (a warning's "show them")."""
        preview = self.changes.preview
        body = self.scroll_area.widget()
        if body is None:
            return
        layout = body.layout()
        if layout is not None:
            layout.activate()
        top = preview.mapTo(body, QPoint(0, 0)).y()
        bottom = top + preview.first_row_bottom()
        bar = self.scroll_area.verticalScrollBar()
        height = self.scroll_area.viewport().height()
        if bottom > bar.value() + height:  # below: the row at the foot, the warning above it
            bar.setValue(min(top, bottom - height))
        elif top < bar.value():
            bar.setValue(top)

    def _stop_following(self) -> None:
        self._scroll_pending = False

    def _apply(self) -> None:
        if self.result is not None:
            self.apply_requested.emit(self.result.version)
            self._close_result()
            self.result_closed.emit()

    def _discard(self) -> None:
        if self.result is None:
            return
        # Its file is deleted, as Versions ▸ Discard deletes one, and asked the same way: the
        # button stands beside Apply, and a slip lost the run with no Undo.
        result = self.result
        question = discard_question(result.version, run_words(result))
        if not self.confirm(self, DISCARD_TITLE, question) or self.result is not result:
            return  # kept, with the keys back on Discard
        self._close_result()
        self.discarded.emit(result.version)
        self.result_closed.emit()

    def _close_result(self) -> None:
        self.result = None
        self._scroll_pending = False
        self._settled.stop()
        self.changes.forget()
        self.result_box.hide()
        self.discard_button.hide()
        self.apply_button.hide()
        self.apply_note.hide()
        self.keys_note.hide()


def _press(button: QPushButton) -> None:
    """A button's chord: pressed as a click would, where the button is there to click."""
    if button.isVisible() and button.isEnabled():
        button.click()


def _headers(old: str, new: str) -> list[str]:
    return [title.format(old=old, new=new) for title in HEADERS]


DISCARD_TITLE = "Discard Model Version"


def discard_question(version: str, what: str) -> str:
    """What Discard asks, on the Train page and on Versions: the version and the few words that
    tell it from the others (what it learned)."""
    return (
        f"Delete model {version} ({what}) for good?\n\n"
        "Your answers are kept: training again on them makes a new model."
    )


def run_words(result: TrainingResult) -> str:
    """A run's few words as Versions' Summary gives them: the tags it learned ("pets, brass"),
    or "retrained pets" when it learned no new tag."""
    learned = [shown_name(str(tag)) for tag in result.counts.get("learned") or {}]
    learned = learned or [shown_name(m.tag) for m in result.metrics]  # recorded without them
    new = [shown_name(str(tag)) for tag in result.counts.get("new_tags") or []]
    if new:
        return ", ".join(learned or new)
    return f"retrained {', '.join(learned)}" if learned else "retrained"


def _holds_keys(widget: QWidget | None) -> TypeGuard[QWidget]:
    """`widget` is where a user would have put the keys: in view (not the Details panel's tag
    box laid out behind the Model tab, which Qt still calls visible), enabled, and not a tab
    bar (where Qt drops them when the widget that had them greys out or hides)."""
    return (
        widget is not None
        and in_view(widget)
        and widget.isEnabled()
        and not isinstance(widget, QTabBar)
    )


def next_step(tags: list[TagLabelCount], taught: str | None = None) -> str:
    """What to do next: for a tag the user taught that has too few "no" answers to be told apart
    (core/no_answers.py), answer its review queue (a link to it: after Apply the page said only
    "Nothing new to learn yet: accept, reject or add tags, then train", and the warning to say
    no to a few photos had gone with the result); else the queue of `taught`, the tag the run
    just applied taught (the review loop of issue 8: answer, train again); else for a first tag
    to be learned, the one the user taught closest to it (the fewest answers missing; on a tie,
    the one answered last, the tag the user is working on): "'cat' needs 4 more yes and 5 more
    no answers", "add 'grandma' to 2 more photos"; tags only the files' keywords or the face
    detector give are left to Details. A default tag short of answers went first whatever it
    lacked: after 'animal' was accepted once and 'beach day' added to 2 photos, the page said
    "'animal' needs 4 more yes and 5 more no answers" (9) where the Review tab, on the tag the
    user was adding, said to add 'beach day' to 3 more photos (polish31).

    The taught tag comes before a default tag short of answers: after 'kitchen things' was
    taught and applied, the page said "'kitchen' needs 5 more yes and 4 more no answers" (one
    "no" given on the default tag in passing), nine answers on a tag the user was not
    teaching, rather than pointing to the queue that improves the one just taught (polish28).
    The order of the steps below it predates the review steps (4016d5b, 45c52b1)."""
    own = [t for t in tags if not t.from_files and not t.detector]
    few_no = sorted(
        (t for t in own if t.learned and t.trainable and t.negatives < CALIBRATE_MIN),
        key=lambda t: (t.negatives, -t.positives, t.name.casefold()),
    )
    if few_no:
        return review_step(few_no[0])
    just = [t for t in own if t.name == taught and t.learned and t.trainable]
    if just:
        return review_step(just[0])
    missing = [(n, t) for t in own if (n := _answers_missing(t))]
    if missing:  # the closest to learnable; on a tie, the tag answered last (worked on now)
        _, tag = min(missing, key=lambda m: (m[0], _later_first(m[1]), m[1].name.casefold()))
        if tag.more_answers:
            return html.escape(
                f"{quoted(shown_name(tag.name))} needs {answers_needed(*tag.more_answers)}", False
            )
        more = MIN_POSITIVES - tag.positives
        photos = "photo" if more == 1 else "photos"
        return html.escape(f"add {quoted(shown_name(tag.name))} to {more} more {photos}", False)
    return "accept, reject or add tags, then train"


def _answers_missing(tag: TagLabelCount) -> int:
    """The answers `tag` still needs before training learns it: a default tag's yes and no
    answers short of a correction, a new tag's photos short of MIN_POSITIVES; 0: none (learnable,
    learned, or waiting on something answers do not give)."""
    if tag.more_answers:
        return sum(tag.more_answers)
    if not tag.trainable and tag.positives < MIN_POSITIVES:
        return MIN_POSITIVES - tag.positives
    return 0


def _later_first(tag: TagLabelCount) -> tuple[int, int]:
    """A sort key: the tag answered last first."""
    seq, at = tag.last_answered
    return -seq, -int("".join(ch for ch in at if ch.isdigit()) or 0)


def warnings_then_notes(
    warnings: Sequence[Said | str],
    notes: Sequence[Said | str],
    links: Mapping[str, str] | None = None,
) -> str:
    """The ⚠ warnings, a line each, then the plain notes after a gap (NOTES_GAP_PX), as rich
    text: joined by "<br>" alone, a note read as the end of the warning above it. A line is its
    words, or (the tag it is about, its words) (core/no_answers.Said); `links`: rich text, by
    tag, after the line about that tag (its queue). Paired by place (the first warnings took
    the links in turn), a line about no tag or in another order would have led to another
    tag's queue (q39)."""
    groups = [
        "<br>".join(WARNING + line for line in _linked(warnings, links or {})),
        "<br>".join(_linked(notes, links or {})),
    ]
    said = [group for group in groups if group]
    tops = [0, NOTES_GAP_PX]
    # Each group a paragraph, left open (a line's text ends the label's, as before).
    return "".join(
        f"<p style='margin-top:{top}px; margin-bottom:0px'>{group}"
        for top, group in zip(tops, said, strict=False)
    )


def _linked(lines: Sequence[Said | str], links: Mapping[str, str]) -> list[str]:
    """`lines` as rich text, each about a tag in `links` followed by its link."""
    said = [(None, line) if isinstance(line, str) else line for line in lines]
    return [
        html.escape(words) + (links.get(tag, "") if tag is not None else "") for tag, words in said
    ]


def review_link(tag: str) -> str:
    """'<a>review “monkey”</a>': a link that opens the tag's queue in the Review tab."""
    name = html.escape(shown_name(tag), False)
    return f"<a href='{REVIEW}{html.escape(quote(tag, safe=''))}'>review {quoted(name)}</a>"


def _few_photos_html(tag: str, n: Mapping[str, int], queue: str = IN_REVIEW) -> str:
    """core/few_photos' words (`n`: the run's counts of it), with a link that opens the tag's
    queue in the Review tab (`queue`: where its words say it is)."""
    said = few_photos_words(
        tag,
        n["others"],
        n["yes"],
        queue,
        n.get("tested_yes", 0),
        n.get("found", 0),
        bool(n.get("nothing_likely_left")),
        n.get("confirmed", 0),
        named=quoted(shown_name(tag)),
    )
    words = html.escape(said, False)
    link = review_link(tag)
    # No ⚠: the tag goes on the photos the user said yes to, as taught; what it asks (say yes
    # to more, if it misses photos meant) is a step, not a risk (`train` says "note:").
    return f"{words}: {link}"


def review_step(tag: TagLabelCount) -> str:
    """'<a>review “monkey”</a>: answer the photos it asks about, no on those it should not have
    (it has no “no” answer yet; 5 are needed to check where it stops), then train again' (the
    queue holds those it is unsure of, its most confident and those it may have missed); for a
    tag with enough "no" answers (the one just taught), its queue to answer on."""
    link = review_link(tag.name)
    if tag.negatives >= CALIBRATE_MIN:  # the tag just taught, told apart: its queue goes on
        return (
            f"{link} in the Review tab, the tag you just taught: answer the photos it asks "
            "about, yes or no, then train again"
        )
    has = (
        "it has no “no” answer yet"
        if not tag.negatives
        else f"it has {counted(tag.negatives, '“no” answer')}"
    )
    return (
        f"{link} in the Review tab: answer the photos it asks about, no on those it "
        f"should not have ({has}; {CALIBRATE_MIN} are needed to check where it stops), then train "
        "again"
    )


def sentence(summary: str, names: Sequence[str] = ()) -> str:
    """'On 2 tags: right on 17 of 17 answers ….': the summary under the verdict, as a sentence;
    one that starts with one of the tag `names` keeps the name as it is."""
    text = summary.strip()
    if not text:
        return text
    end = "" if text.endswith(".") else "."
    if any(text.startswith(f"{name} ") for name in names):
        return text + end
    return text[:1].upper() + text[1:] + end


class _Scores(Protocol):
    """What the comparison shows of ml.metrics.TagMetrics (the GUI does not import ml)."""

    @property
    def precision(self) -> float: ...

    @property
    def recall(self) -> float: ...

    @property
    def positives(self) -> int: ...

    @property
    def negatives(self) -> int: ...


def _details(m: TagComparison) -> str:
    def line(name: str, metrics: _Scores) -> str:
        return (
            f"{name}: right on {metrics.precision:.0%} of the photos it tags, finds "
            f"{metrics.recall:.0%} of those you said yes to "
            f"(tested on {metrics.positives} yes, {metrics.negatives} no)"
        )

    if not measurable(m):
        counts = f"tested on {m.new.positives} yes, {m.new.negatives} no"
        return f"{shown_name(m.tag)}: shown as -, since {ALL_NO} ({counts})"
    lines = [shown_name(m.tag), line("new", m.new)]
    if m.old is not None:
        lines.insert(1, line("before", m.old))
    if not orderable(m):
        lines.append(f"Yes first shown as -, since {ALL_YES}")
    if few_held_out(m):
        note = few_held_out_note(m)
        lines.append(note[0].upper() + note[1:])
    return "\n".join(lines)


def _score_cell(
    m: TagComparison,
    before: float | None,
    after: float,
    measured: bool | None = None,
    alarm: bool = True,
    old_name: str = "",
) -> QTableWidgetItem:
    """One F1 or AP figure of both versions, as scores out of 100 (0.67 and 0.80: "67 → 80"),
    in the colour of the change: "new: 80" where the old version had no such tag, "-" where
    the held-out answers leave nothing to measure (`measured`, else measurable: as the `train`
    table shows them). `alarm`: a fall in red (the verdict is "worse"); else plain, its
    tooltip saying what it rests on (`old_name` given: the order, on the yes answers ranked
    lower; else the yes and no, on the answers decided worse)."""
    if not (measurable(m) if measured is None else measured):
        return _cell("-", True)
    if before is None:
        return _cell(f"new: {out_of_100(after)}", True)
    shown = f"{out_of_100(before)} → {out_of_100(after)}"
    item = _cell(shown, True, _trend(before, after, alarm))
    if not alarm and round(after * 100) < round(before * 100):  # as shown: 67 → 66 fell
        item.setToolTip(_fell_words(m, shown, old_name))
    return item


def _fell_words(m: TagComparison, shown: str, old_name: str) -> str:
    """Why a figure that fell is not in red: what the fall rests on, and that the verdict does
    not call the version worse. 'Yes first fell, 67 → 50: 2 of the 6 yes answers ranked lower than
    v2 ranked them, 0 higher; not in red: the verdict above does not find this version worse'."""
    if old_name:
        yes = counted(m.new.positives, "yes answer")
        rests = f"Yes first fell, {shown}: {m.lower:,} of the {yes} ranked lower than {old_name} "
        rests += f"ranked them, {m.higher:,} higher"
    else:
        rests = f"Match fell, {shown}: {counted(m.lost, 'answer')} decided worse and "
        rests += f"{m.won:,} better, of the {counted(m.support, 'answer')} it was tested on"
    return f"{rests}; not in red: the verdict above does not find this version worse"


def out_of_100(value: float) -> str:
    """A figure between 0 and 1 as a score out of 100, as the Train page shows it."""
    return f"{round(value * 100)}"


def _trend(old: float | None, new: float, alarm: bool = True) -> QColor | None:
    """Green or red where the shown scores differ (67 and 67 stay black); a fall plain, not
    red, unless `alarm` (the verdict is "worse")."""
    if old is None or out_of_100(new) == out_of_100(old):
        return None
    return GOOD if new > old else BAD if alarm else None


def _row_order(tag: TagLabelCount) -> tuple[bool, int, int, str]:
    """The tags the user taught in the app before those only their files' keywords give (stock
    photos carry dozens each: "arpa", "artisanat", "bois"… filled the table above them); in
    each, tags the next training learns from first, then the learned ones, then new tags by
    how close they are."""
    rank = 0 if tag.trainable and not tag.learned else 1 if tag.trainable else 2
    return tag.from_files, rank, -tag.positives if rank == 2 else 0, tag.name.casefold()


def _name_cell(tag: TagLabelCount) -> QTableWidgetItem:
    """A tag's name: in bold when the user taught it in the app, greyed with a tooltip when
    only their files' keywords give it."""
    item = _cell(shown_name(tag.name), colour=KEYWORD if tag.from_files else None)
    if tag.from_files:
        item.setToolTip(
            f"{quoted(shown_name(tag.name))} comes from your "
            "files' keywords, not from your answers here"
        )
    else:
        font = item.font()
        font.setBold(True)
        item.setFont(font)
    return item


def learnable_text(tag: TagLabelCount) -> str:
    """The Learnable column: learned already, ready, how many more photos a new tag needs, or
    how many more answers a default tag needs to be corrected."""
    if tag.detector:
        return "face detector's"
    if tag.more_answers:
        # "needs 3 more yes, 1 more no": the column is narrow; its tooltip has the sentence.
        more = answers_needed(*tag.more_answers).removesuffix(" answers")
        return "needs " + more.replace(" and ", ", ")
    if not tag.trainable:
        return f"needs {MIN_POSITIVES - tag.positives} more yes"
    return "learned" if tag.learned else "yes"
