"""Makes the README's screenshots from a real library: assets/screenshots/*.png.

Run: .venv/bin/python packaging/screenshots.py [OUT_DIR]
Puts real photos from scikit-image (and a few crops of them) in a temporary folder, opens the
main window on a temporary library (PHOTOTAGGER_HOME), scans them with the real model, makes
some corrections, trains a new model version, and grabs the main window, the Model dock and the
viewer offscreen. Takes about a minute on a laptop CPU.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402
from PySide6.QtCore import QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PHOTOS = {  # file name -> (scikit-image sample, crop box as fractions or None)
    "cat on the sofa.jpg": ("chelsea", None),
    "cat, close.jpg": ("chelsea", (0.15, 0.0, 0.75, 0.9)),
    "espresso.jpg": ("coffee", None),
    "espresso, close.jpg": ("coffee", (0.2, 0.1, 0.8, 0.8)),
    "astronaut.jpg": ("astronaut", None),
    "launch pad.jpg": ("rocket", None),
    "launch, detail.jpg": ("rocket", (0.3, 0.0, 0.8, 0.8)),
    "motorbike.jpg": ("stereo_motorcycle", None),
    "motorbike, wheel.jpg": ("stereo_motorcycle", (0.0, 0.3, 0.6, 1.0)),
    "galaxies.jpg": ("hubble_deep_field", None),
    "cameraman.jpg": ("camera", None),
    "moon.jpg": ("moon", None),
    "lawn.jpg": ("grass", None),
    "gravel path.jpg": ("gravel", None),
    "brick wall.jpg": ("brick", None),
    "stained cells.jpg": ("immunohistochemistry", None),
    "retina scan.jpg": ("retina", None),
    "old letter.jpg": ("page", None),
}
HOLIDAY = [
    "cat on the sofa.jpg",
    "cat, close.jpg",
    "espresso.jpg",
    "espresso, close.jpg",
    "motorbike.jpg",
    "lawn.jpg",
]


def write_photos(folder: Path) -> None:
    import skimage.data

    for name, (sample, box) in PHOTOS.items():
        pixels = getattr(skimage.data, sample)()
        if isinstance(pixels, tuple):
            pixels = pixels[0]
        image = Image.fromarray(np.asarray(pixels)).convert("RGB")
        if box is not None:
            w, h = image.size
            image = image.crop((int(box[0] * w), int(box[1] * h), int(box[2] * w), int(box[3] * h)))
        image.save(folder / name, "JPEG", quality=92)


def wait(condition: Callable[[], bool], timeout_s: float = 600) -> None:
    loop = QEventLoop()
    waited = 0.0
    while not condition():
        QTimer.singleShot(20, loop.quit)
        loop.exec()
        waited += 0.02
        if waited > timeout_s:
            raise TimeoutError("the GUI did not finish in time")


def save(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "assets" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("phototagger")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["PHOTOTAGGER_HOME"] = str(Path(tmp) / "home")
        pictures = Path(tmp) / "Pictures"
        pictures.mkdir()
        write_photos(pictures)

        from phototagger.core.library import open_library
        from phototagger.gui.main_window import MainWindow
        from phototagger.paths import default_home

        library = open_library(default_home())
        window = MainWindow(library)
        window.resize(1440, 900)
        window.show()
        window.start_scan([str(pictures)])
        wait(lambda: not window.busy)

        def photo(name: str) -> int:
            for row in range(window.model.rowCount()):
                found = window.model.photo(row)
                if found is not None and found.name == name:
                    return row
            raise LookupError(name)

        ids = window.model.ids
        window.decide([ids[photo(n)] for n in HOLIDAY], "holiday", "add")
        window.decide([ids[photo("cat on the sofa.jpg")]], "cat", "accept")
        window.decide([ids[photo("cat, close.jpg")]], "cat", "accept")
        window.decide([ids[photo("espresso.jpg")]], "coffee", "accept")
        window.decide([ids[photo("motorbike.jpg")]], "motorcycle", "accept")
        window.decide([ids[photo("astronaut.jpg")]], "sport", "reject")
        window.decide([ids[photo("moon.jpg")]], "space", "add")
        window.decide([ids[photo("galaxies.jpg")]], "space", "add")
        wait(lambda: not window.busy)

        window.grid.go_to_row(photo("cat on the sofa.jpg"))
        wait(lambda: not window.busy)
        wait(window.thumbnails.idle)  # every thumbnail drawn
        wait(lambda: window.details._loader._pool.wait(0))  # noqa: SLF001
        save(window, out / "main-window.png")

        window.commands.train.trigger()
        panel = window.retrain
        window.resizeDocks([window.retrain_dock], [560], Qt.Orientation.Horizontal)
        trained: list[object] = []
        panel.train_page.trained.connect(trained.append)
        panel.train_page.train()
        wait(lambda: bool(trained) and not window.busy)
        save(window, out / "retrain.png")

        panel.show_page("review")
        panel.review_page.tag_box.setCurrentText("animal")
        panel.review_page.load("animal")
        wait(lambda: not window.busy)
        wait(window.thumbnails.idle)
        save(window, out / "review-queue.png")

        window.resizeDocks([window.details_dock], [340], Qt.Orientation.Horizontal)
        window.details_dock.raise_()
        viewer = window.open_viewer(photo("astronaut.jpg"))
        viewer.resize(1100, 760)
        wait(lambda: not viewer.canvas.item.pixmap().isNull())
        viewer.canvas.fit()
        save(viewer, out / "viewer.png")
        viewer.close()
        window.close()
        library.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
