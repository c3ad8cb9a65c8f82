"""A full disk is said of the file being written, where phototagger knows it: "the disk is full
(writing …/data)" named only the library's folder when the system gave no file name (a write()
refused: `train` writing its version, an upgrade copying the library aside) or when SQLite said
its database was full. Now "(writing …/data/models/v2.npz)", "(writing …/library.db.v26.bak)",
"(writing …/library.db)" (tests/test_disk_full.py).

The disks fill for real: a small tmpfs mounted in a mount namespace of the test's own
(`unshare -rm`: no root needed where the system lets users make namespaces; skipped elsewhere),
and SQLite's max_page_count, which fails as a full disk does (SQLITE_FULL)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from phototagger.core.failures import disk_full_message
from phototagger.core.library import open_library
from phototagger.core.model.active import active_version
from phototagger.paths import LibraryHome, default_home
from phototagger.store.migrations import backup_path
from tests.kill_helpers import REPO
from tests.retrain_helpers import faces_labelled
from tests.store_helpers import library_at_version

_UNSHARE = shutil.which("unshare")


def _namespaces() -> bool:
    if _UNSHARE is None:
        return False
    done = subprocess.run([_UNSHARE, "-rm", "true"], capture_output=True)
    return done.returncode == 0


needs_mounts = pytest.mark.skipif(
    not _namespaces(), reason="no mount namespace of its own here (unshare -rm)"
)


def _on_a_small_disk(
    folder: Path, size_kb: int, argv: list[str], home: Path, before: str = ""
) -> subprocess.CompletedProcess[str]:
    """`phototagger ARGV` with a tmpfs of `size_kb` KB mounted on `folder` (after `before`, a
    shell line run with it mounted), in a mount namespace of its own: nothing else sees it.
    Its stdout ends with what the disk holds after, a name a line."""
    command = " && ".join(
        part
        for part in (
            f"mount -t tmpfs -o size={size_kb}k tmpfs {shlex.quote(str(folder))}",
            before,
            shlex.join([sys.executable, "-m", "phototagger", *argv]),
        )
        if part
    )
    command += f"; code=$?; find {shlex.quote(str(folder))} -type f; exit $code"
    env = {**os.environ, "PYTHONPATH": str(REPO), "PHOTOTAGGER_HOME": str(home)}
    assert _UNSHARE is not None
    return subprocess.run(
        [_UNSHARE, "-rm", "sh", "-c", command],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@needs_mounts
def test_train_on_a_full_disk_names_the_versions_file(template: Path) -> None:
    faces_labelled(template)
    with open_library(default_home()) as lib:
        saved = lib.models.saved()
        folder = lib.models.folder
        weights = lib.models.weights_path(lib.models.next_name())
    folder.mkdir(parents=True, exist_ok=True)
    # 64 KB: less than any version's weights (a head over 1,280 features, 300 KB and more).
    done = _on_a_small_disk(folder, 64, ["train"], default_home().data.parent)
    assert done.returncode == 3, done.stderr
    assert done.stderr.strip().splitlines()[-1] == (
        f"phototagger: {disk_full_message(str(weights))}"
    )
    assert f"(writing {default_home().data})" not in done.stderr
    assert not [name for name in done.stdout.splitlines() if name.startswith(str(folder))]
    with open_library(default_home()) as lib:
        assert lib.models.saved() == saved
        assert active_version(lib.db) == "v1"


@needs_mounts
def test_an_upgrade_on_a_full_disk_names_its_copy(tmp_path: Path) -> None:
    """The copy of the library kept before an upgrade does not fit: said of the copy."""
    home = LibraryHome.under(tmp_path / "home")
    home.database.parent.mkdir(parents=True)
    db = library_at_version(home.database, 26)
    db.conn.executemany(
        "INSERT INTO settings (key, value) VALUES (?, ?)",
        [(f"filler {i}", "x" * 4000) for i in range(500)],  # 2 MB: the copy needs as much
    )
    db.conn.commit()
    db.close()
    size_kb = os.path.getsize(home.database) // 1024 + 600  # the library fits, its copy not
    mounted = tmp_path / "disk"
    mounted.mkdir()
    copy = shlex.join(["cp", "-a", f"{home.data.parent}/.", str(mounted)])
    done = _on_a_small_disk(mounted, size_kb, ["stats"], mounted, before=copy)
    moved = LibraryHome.under(mounted)
    assert done.returncode == 3, done.stderr
    said = done.stderr.strip().splitlines()[-1]
    assert said == f"phototagger: {disk_full_message(str(backup_path(moved.database, 26)))}"
    # The copy cut short is taken away, not left filling the disk; the library stays as it was.
    assert not [name for name in done.stdout.splitlines() if ".bak" in name], done.stdout
    assert str(moved.database) in done.stdout.splitlines()
