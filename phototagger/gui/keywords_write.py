"""Tags > Write Keywords to Files: the chosen photos' tags into sidecars or the files, as a job
with progress and cancel. The first time, it asks whether and how phototagger may write."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from phototagger.core.library import Library
from phototagger.core.metadata.catalog import sidecar_only_kinds
from phototagger.core.metadata.job import WriteSummary, write_keywords
from phototagger.core.metadata.settings import KeywordSettings, load_settings, save_settings
from phototagger.core.metadata.write import TARGET_EMBED, WriteOptions
from phototagger.core.wording import counted, listed
from phototagger.gui.file_gone import (
    GONE,
    files_gone,
    gone_of_words,
    offer_unless_gone,
    photos_gone,
)
from phototagger.gui.status import carried_in_words, left_copies_in_words
from phototagger.gui.window_parts import KeywordHost

TITLE = "Writing keywords"
EMBED = "Write Into the Files"  # the button, named in the question's text


def _unbroken(words: str) -> str:
    """`words` kept on one line where a text wraps (no-break spaces): a button's name read
    "Write" at the end of one line and "Into the Files" on the next."""
    return words.replace(" ", "\u00a0")


def _always_sidecar(kinds: Sequence[str]) -> str:
    """ " (HEIC files are not written into: they get sidecars either way)", as the write's own
    result says it; '' where none of the photos is such a file."""
    if not kinds:
        return ""
    return f" ({listed(list(kinds))} are not written into: they get sidecars either way)"


class KeywordWriter(QObject):
    def __init__(self, window: KeywordHost) -> None:
        super().__init__(window.window())
        self._window = window
        self.last: WriteSummary | None = None
        self._options = WriteOptions()
        self._chosen = 0  # the photos the running write was asked for

    def write_chosen(self) -> bool:
        """Write the chosen photos' tags; False if nothing was started."""
        window = self._window
        ids = window.chosen_photo_ids()
        if not ids:
            window.status.showMessage(
                "Select the photos whose tags should go into their files", 5000
            )
            return False
        gone = files_gone(window.db, ids)
        if gone and len(gone) == len(ids):
            # Nothing to write into: the job would only have noted each one in Problems.
            which = (
                f"{os.path.basename(gone[0])} is"
                if len(gone) == 1
                else f"The files of the {len(gone):,} selected photos are"
            )
            window.status.showMessage(
                f"{which} {GONE}: no keywords written (rescan to bring the library up to date)",
                10000,
            )
            return False
        options = self.options_for(len(ids), sidecar_only_kinds(window.db, ids))
        if options is None:
            return False

        def job(library: Library, progress: Any, cancel: Any) -> tuple[WriteSummary, int]:
            # Some of the files gone (the library lists them until a rescan): the others are
            # written, and the status line says how many were not, and why. Handed to the
            # write, each was a problem that a rescan, not the user, puts right. Looked for
            # here, off the GUI thread, however many photos are chosen.
            missing = photos_gone(library.db, ids, None)
            there = [i for i in ids if i not in missing]
            written = write_keywords(library.db, there, options, progress=progress, cancel=cancel)
            return written, len(missing)

        self._options = options
        self._chosen = len(ids)
        started = window.jobs.start(
            f"{TITLE} ({counted(len(ids), 'photo')})", job, on_done=self._done
        )
        if not started:
            window.status.showMessage("Wait for the running job to finish, or cancel it", 5000)
        return started

    def offer(self, action: QAction) -> None:
        """Write Keywords (`action`) greyed out, saying why, when each chosen photo's file is
        gone, as Accept is without a photo chosen: it was offered, and noted each in Problems."""
        ids = self._window.chosen_photo_ids()
        offer_unless_gone(action, bool(ids) and len(files_gone(self._window.db, ids)) == len(ids))

    def options_for(self, photos: int, kinds: Sequence[str] = ()) -> WriteOptions | None:
        """How to write the keywords of that many `photos`: the user's settings, asked for
        the first time (None: they said no). Write Keywords and Problems ▸ Try Again share it.
        `kinds`: those of their files that always get a sidecar ("HEIC files"), said there."""
        settings = load_settings(self._window.db)
        if not settings.enabled:
            settings = self.ask(settings, photos, kinds)
        return settings.options() if settings.enabled else None

    def ask(
        self, settings: KeywordSettings, photos: int, kinds: Sequence[str] = ()
    ) -> KeywordSettings:
        """Ask once whether phototagger may write into the user's files, and how; the question
        says which files (the chosen `photos`): unsaid, one answer might have been for every
        file of the library. Of the `kinds` of files among them that always get a sidecar
        (HEIC, RAW, clips) it says so: a phone photographer choosing Write Into the Files
        learnt only after the write that the HEIC photos had sidecars all the same."""
        # The headline promises no more than both buttons give: the default keeps the photos
        # untouched (sidecars), so "into its file" was said of a choice the user might not make.
        which = (
            "this photo's tags" if photos == 1 else f"the tags of the {photos:,} selected photos"
        )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Write Keywords to Files",
            f"Write {which} where digiKam, Lightroom, darktable and Immich read them?",
            QMessageBox.StandardButton.Cancel,
            self._window.window(),
        )
        # Lightroom reads a JPEG's (or HEIC's) XMP only from inside the file: a Lightroom user
        # who took sidecars, as offered, found none of the tags there.
        # Asked to (Settings), the keywords of rejected tags go, whoever wrote them.
        kept = (
            "Your own keywords are never reordered; those of tags you rejected are removed."
            if settings.remove_rejected
            else "Your own keywords are never removed or reordered."
        )
        box.setInformativeText(
            "Sidecar files (photo.jpg.xmp, beside each photo) leave the photos untouched: "
            "digiKam, darktable and Immich read them, but Lightroom reads a JPEG's keywords "
            f"only from the file itself. {_unbroken(EMBED)} puts them inside the photos"
            f"{_always_sidecar(kinds)}. {kept} You can change this in Settings."
        )
        sidecar = box.addButton("Use Sidecar Files", QMessageBox.ButtonRole.AcceptRole)
        embed = box.addButton(EMBED, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(sidecar)
        self.question = box
        box.exec()
        clicked = box.clickedButton()
        if clicked not in (sidecar, embed):
            return settings
        chosen = replace(
            settings, enabled=True, asked=True, target="sidecar" if clicked is sidecar else "embed"
        )
        save_settings(self._window.db, chosen)
        return chosen

    def _done(self, result: tuple[WriteSummary, int] | None) -> None:
        summary, gone = result if result is not None else (None, 0)
        self.last = summary
        if summary is None:
            return
        setting = "as set in Settings ▸ Keywords in files"
        written = summary.written_words(setting)
        # "Keywords written into ..."; a write that only cleaned a photo written into before,
        # or could not (embed37), is a sentence of its own: "Keywords the old keywords ..."
        # and "Keywords 1 photo still holds ..." read as garbled.
        if not written or written.startswith("written"):
            text = f"Keywords {written}, {summary.unchanged_words()}"
        else:
            text = f"{written[:1].upper()}{written[1:]}, {summary.unchanged_words()}"
        if summary.regions_words():
            text += f" ({summary.regions_words()})"
        if summary.no_tags and not (summary.written or summary.unchanged or summary.problems):
            # Nothing was written because there was nothing to write, not because the files
            # already said it: the model's suggestions go into files once accepted.
            which = (
                "this photo has no tags"
                if summary.no_tags == 1
                else f"none of the {summary.no_tags:,} photos has tags"
            )
            text = (
                f"Nothing written: {which} of yours yet. Accept the model's "
                "suggestions (A) or add tags (T), then write them"
            )
        if summary.problems:
            text += f", {summary.problems:,} could not be written (File ▸ Problems)"
        if summary.rejected_words():
            text += f", {summary.rejected_words()}"
        if summary.rejected_kept:
            text += f". {summary.kept_words()}"
            if self._options.remove_rejected and self._options.target != TARGET_EMBED:
                # Asked to remove them, the user would otherwise take this for a failure.
                text += ": written to sidecars, the photos keep their own keywords"
        if gone:
            text += f"; {gone_of_words(gone, self._chosen)}"
        if summary.cancelled:
            text = f"Writing keywords stopped after {counted(summary.photos, 'photo')}"
        # Found before writing, or a failed write's own: said even of a write stopped.
        if summary.left_copies:
            text += f". {left_copies_in_words(summary.left_copies)}"
        if summary.carried:
            text += f". {carried_in_words(summary.carried)}"
        self._window.status.showMessage(text, 15000)
