"""Help ▸ Keyboard Shortcuts and Help ▸ About."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from phototagger import __version__

# An action's property saying where its key works, for a key that does another thing elsewhere
# (Delete: the grid's photos to the trash, the sidebar's tag deleted).
KEY_WHERE = "keyWhere"

GRID_KEYS = [
    ("Arrow keys", "Move between photos in the grid"),
    ("Home / End, Ctrl+Home / Ctrl+End", "First / last photo in the grid"),
    ("Shift+arrows, Ctrl+click", "Select several photos"),
    ("Space, double-click", "Open in Viewer too"),
    ("Viewer: ← →, P / N", "Previous / next photo"),
    ("Viewer: ↑ ↓, Page Up / Page Down, Backspace / Space", "Previous / next photo too"),
    ("Viewer: Home / End", "First / last photo"),
    ("Viewer: Enter", "Play a clip in your video player"),
    ("Viewer: + − 0 1 F", "Zoom in, out, fit, actual size, full screen"),
    ("Viewer: B", "Show or hide the face boxes"),
    (
        "Viewer, faces shown: Tab or click, then N or Enter",
        "Choose a face, then name it (the photo gets the person's tag; Ctrl+Z undoes it)",
    ),
    ("Viewer: Esc", "Leave full screen, else close the viewer"),
    ("Review queue: A or Y / R or X, S", "Yes / no, skip, then the next photo"),
    ("Search box: Esc", "Clear the search, back to the photos"),
    ("Review queue: Esc", "Back to the photos"),
    ("Grid, a filter on: Esc", "Show all photos again"),
    ("Sidebar: Enter or Esc", "Back to the photos, filtered by the tag or folder chosen"),
]


def show_shortcuts(
    parent: QWidget,
    actions: list[QAction],
    named: Sequence[tuple[QAction, str]] = (),
    in_viewer: Sequence[QAction] = (),
) -> None:
    """Every key: the actions' (under their own text) and `named`'s (under the name given:
    Undo and Redo, whose text names the step they would take), then the grid's and viewer's;
    `in_viewer`: the actions whose keys work in the viewer too (A, R, T...), said so."""
    rows = []
    for action, name in [
        *((a, a.text().replace("&", "").replace("…", "")) for a in actions),
        *named,
    ]:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        where = action.property(KEY_WHERE)
        if keys:
            rows.append((", ".join(keys), f"{name} ({where})" if where else name))
    rows.extend(GRID_KEYS)
    shared = [
        k.toString(QKeySequence.SequenceFormat.NativeText)
        for a in in_viewer
        for k in a.shortcuts()[:1]
    ]
    if shared:  # after the viewer's own keys
        last = max(i for i, (k, _) in enumerate(rows) if k.startswith("Viewer:"))
        rows.insert(
            last + 1, (f"Viewer: {', '.join(shared)}", "As beside the grid: on the photo shown")
        )
    html = (
        "<table cellpadding='4'>"
        + "".join(f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in rows)
        + "</table>"
    )
    dialog = QDialog(parent)
    dialog.setWindowTitle("Keyboard Shortcuts")
    text = QTextBrowser()
    text.setHtml(html)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(text)
    layout.addWidget(buttons)
    dialog.resize(520, 560)
    dialog.open()


def show_about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        "About phototagger",
        f"<h3>phototagger {escape(__version__)}</h3>"
        "<p>Tags your photo collection with a convolutional neural network and learns from "
        "your corrections. Everything stays on this computer.</p>"
        "<p>Licensed under the Apache License 2.0.</p>",
    )
