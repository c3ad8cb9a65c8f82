"""A status bar message (Esc's "All photos shown again: ...") hides the library's count and the
problems' while it shows: the problems' count, said again as the grid was read, was drawn across
the message (left61's screenshots)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from phototagger.gui.status import StatusBar


def test_the_problems_count_stays_hidden_under_a_message(qtbot: QtBot) -> None:
    status = StatusBar()
    qtbot.addWidget(status)
    status.resize(1200, 30)
    status.show()
    status.set_library(30, 30, 0)
    status.set_problems(2)
    assert status.problems.isVisible()
    status.showMessage("All photos shown again: Esc cleared the filter (Photos tagged cat)")
    assert not status.problems.isVisible()
    status.set_problems(2)  # the counts read again meanwhile
    assert not status.problems.isVisible() and not status.library.isVisible()
    status.clearMessage()
    assert status.problems.isVisible() and status.library.isVisible()
