"""Every test gets a fresh, private library home; Qt runs offscreen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


@pytest.fixture(autouse=True)
def pillow_limit() -> Iterator[None]:
    """The CLI raises Pillow's process-wide pixel limit; each test starts from Pillow's own."""
    from PIL import Image

    saved = Image.MAX_IMAGE_PIXELS
    yield
    Image.MAX_IMAGE_PIXELS = saved


@pytest.fixture(autouse=True)
def library_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "phototagger-home"
    monkeypatch.setenv("PHOTOTAGGER_HOME", str(home))
    yield home


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201 - TaggingEngine, imported lazily
    """The real tagging engine (EfficientNet-Lite0 + default vocabulary), loaded once per run."""
    from phototagger.ml.engine import load_engine

    previous = os.environ.get("PHOTOTAGGER_HOME")
    os.environ["PHOTOTAGGER_HOME"] = str(tmp_path_factory.mktemp("engine-home"))
    try:
        return load_engine("auto")
    finally:
        if previous is None:
            os.environ.pop("PHOTOTAGGER_HOME", None)
        else:
            os.environ["PHOTOTAGGER_HOME"] = previous


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Any]:
    """A fresh, migrated library database (a sqlite_utils.Database) in the test's folder."""
    from phototagger.store.connection import open_database

    database = open_database(tmp_path / "library.db")
    yield database
    database.close()


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory, engine: Any) -> Path:
    """A scanned library of real faces, patches and photos; tests copy it (retrain_helpers)."""
    from tests.retrain_helpers import build_template

    return build_template(tmp_path_factory.mktemp("faces"), engine)


@pytest.fixture(scope="session")
def face_finder():  # noqa: ANN201 - FaceDetector, imported lazily
    """The real packaged face detector, configured from models/people.json, loaded once per run."""
    from phototagger.core.people import load_finder

    return load_finder()
