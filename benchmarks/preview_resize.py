"""How long the Train page's preview takes to follow a dock dragged wider and narrower.

Run: .venv/bin/python benchmarks/preview_resize.py [NAMES] [RESIZES]
A real offscreen PreviewGrid (the preview of the photos a new version adds and removes) holds
NAMES (default 200) of det-photos' names, the longest first, each as '+ ' or '✕ ' and the name,
as the Train page shows them. It is resized RESIZES times (default 50), as a drag of the dock's
edge does, 300 to 700 px wide and back, each resize's events handled (Qt's relayout and paint
included), in two ways in the same run: as before (each caption cut again for its cell on each
resize, QFontMetrics measuring its pieces each time) and as now (a caption's cut kept per cell
width and font, so each name is cut once per width). Prints the milliseconds per resize of each,
the captions cut, and checks that both ways show the same captions.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

# This checkout's phototagger, not the one installed (an editable install points at another
# worktree): first, before anything imports it.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QListWidgetItem  # noqa: E402

from phototagger.gui import retrain_changes  # noqa: E402
from phototagger.gui.retrain_changes import _CAPTION, CAPTION_MARGIN, PreviewGrid  # noqa: E402

DET = Path("/work/shared/data/det-photos")
HEIGHT = 500


class _EachResize(PreviewGrid):
    """The preview as it was: each caption cut again on each resize."""

    def _cut_captions(self) -> None:
        metrics = self.fontMetrics()
        width = self.gridSize().width() - CAPTION_MARGIN
        for row in range(self.count()):
            entry = self.item(row)
            whole = entry.data(_CAPTION)
            if whole is not None:
                entry.setText(retrain_changes.caption_lines(str(whole), metrics, width))


def _names(count: int) -> list[str]:
    """`count` of det-photos' names, the longest first."""
    names = sorted(path.name for path in DET.glob("n*_*.jpg"))
    names.sort(key=len, reverse=True)
    if len(names) < count:
        raise SystemExit(f"needs {count} photos' names in {DET}; found {len(names)}")
    return names[:count]


def _widths(resizes: int) -> list[int]:
    """A drag's widths: 300 to 700 px and back, `resizes` of them."""
    up = [300 + round(400 * step / max(1, resizes // 2 - 1)) for step in range(resizes // 2)]
    return up + up[::-1] + up[: resizes % 2]


def _drag(app: QApplication, grid: PreviewGrid, widths: list[int]) -> tuple[list[float], int]:
    """Each resize's milliseconds over `widths`, and the captions cut in all."""
    cuts = [0]
    cut = retrain_changes.caption_lines

    def counted(*args: object) -> str:
        cuts[0] += 1
        return cut(*args)  # type: ignore[arg-type]

    retrain_changes.caption_lines = counted  # type: ignore[assignment]
    try:
        times = []
        for width in widths:
            start = time.perf_counter()
            grid.resize(width, HEIGHT)
            app.processEvents()
            times.append((time.perf_counter() - start) * 1000)
    finally:
        retrain_changes.caption_lines = cut
    return times, cuts[0]


def _grid(kind: type[PreviewGrid], names: list[str]) -> PreviewGrid:
    grid = kind()
    grid.resize(340, HEIGHT)
    for at, name in enumerate(names):
        sign = "+ " if at % 4 else "✕ "
        entry = QListWidgetItem(sign + name)
        entry.setData(_CAPTION, sign + name)
        grid.addItem(entry)
    grid.fit()
    grid.show()
    QApplication.processEvents()
    return grid


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("names", nargs="?", type=int, default=200, help="captions in the preview")
    parser.add_argument("resizes", nargs="?", type=int, default=50, help="resizes of the drag")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    names = _names(args.names)
    widths = _widths(args.resizes)
    print(f"{len(names)} captions (det-photos' longest names), {len(widths)} resizes 300-700 px")
    shown: dict[str, list[list[str]]] = {}
    ways = (("before (each resize)", _EachResize), ("now (kept per width)", PreviewGrid))
    for label, kind in ways:
        grid = _grid(kind, names)
        times, cuts = _drag(app, grid, widths)
        captions = []
        for width in widths[:5]:  # the captions each way shows at a few widths
            grid.resize(width, HEIGHT)
            app.processEvents()
            captions.append([grid.item(row).text() for row in range(grid.count())])
        shown[label] = captions
        print(
            f"{label}: {statistics.mean(times):.1f} ms per resize "
            f"(median {statistics.median(times):.1f}, worst {max(times):.1f}), "
            f"{cuts:,} captions cut in {len(widths)} resizes"
        )
        grid.close()
        grid.deleteLater()
        app.processEvents()
    same = len({repr(captions) for captions in shown.values()}) == 1
    print("the same captions both ways:", "yes" if same else "NO")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
