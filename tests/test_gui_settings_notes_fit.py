"""Settings showed an empty gap under the Library location field: its note, a form row of its
own, was given the height of its text wrapped narrow (QFormLayout sizes such a row by its size
hint, not by the width it gets), 5 lines' height for 3 lines of text, the text centred in it. The
Run the model on note had the same, smaller gap. Each note now sits under its field, as tall as
its lines."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from phototagger.core.library import open_library
from phototagger.gui.settings_dialog import SettingsDialog
from phototagger.paths import default_home


def _note(dialog: SettingsDialog, starts: str) -> QLabel:
    (label,) = [x for x in dialog.findChildren(QLabel) if x.text().startswith(starts)]
    return label


def _gap(above: QWidget, below: QWidget) -> int:
    return below.geometry().top() - above.geometry().bottom()


def test_the_notes_under_device_and_location_leave_no_gap(qtbot) -> None:
    with open_library(default_home()) as library:
        dialog = SettingsDialog(library)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        for field, starts in ((dialog.device, "Takes effect"), (dialog.home, "Changing the")):
            note = _note(dialog, starts)
            assert note.height() == note.heightForWidth(note.width()), starts
            assert _gap(field, note) <= 10, starts  # the layout's spacing, no empty line
        dialog.reject()
