"""Opening the window printed "QWidget::setTabOrder: 'first' and 'second' must be in the same
window" twice: the Train page set its Tab order before its buttons were in the page, so Qt
refused it (and Tab reached Train, Discard, Apply by the layout's own order anyway). The
window opens without a warning from Qt about its widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QtMsgType

from tests.gui_helpers import open_window


def test_the_window_opens_without_a_qt_warning_about_its_widgets(
    qtbot, qtlog, tmp_path: Path
) -> None:
    window = open_window(qtbot, None, tmp_path)
    assert window.retrain.train_page is not None
    warned = [
        r.message
        for r in qtlog.records
        if r.type in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg)
        and r.message.startswith("QWidget::")
    ]
    assert warned == []
