"""A file that cannot grow past a limit (a FAT32 disk's 4 GB, `ulimit -f`) while `train`
writes its version: it was reported as a bug ("OSError: [Errno 27] File too large … please
report it", exit 70). Now one line says what happened and what to do (exit 3); no version is
left half-written and the active one stays. The line names the file being written (v2.npz),
where it named only the library's folder ("cannot write a file in …/data"). Under a limit
smaller than a FAT32 disk's largest file, the limit is what stopped it: said so, with its size,
where "it would be larger than its disk or this session allows (a FAT32 disk takes 4 GB at
most; `ulimit -f` sets a limit)" left the user to work out which."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from phototagger.core.library import open_library
from phototagger.core.model.active import active_version
from phototagger.paths import default_home
from tests.kill_helpers import REPO, size_limited
from tests.retrain_helpers import faces_labelled

LIMIT = 100_000  # bytes: less than any version's weights (a head over 1,280 features)


def test_a_file_size_limit_while_train_writes_its_version_is_said(template: Path) -> None:
    faces_labelled(template)
    with open_library(default_home()) as lib:
        saved = lib.models.saved()
        weights = lib.models.weights_path(lib.models.next_name())
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        size_limited([sys.executable, "-m", "phototagger", "train"], LIMIT),
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    last = done.stderr.strip().splitlines()[-1]
    assert done.returncode == 3, done.stderr
    assert last == (
        f"phototagger: cannot write {weights}: the file size limit of this session (`ulimit "
        "-f`: 98 KB) was reached; everything done until now is kept: start phototagger again "
        "without that limit (`ulimit -f unlimited`) to carry on where it stopped"
    ), last
    with open_library(default_home()) as lib:
        assert lib.models.saved() == saved
        assert active_version(lib.db) == "v1"
    assert not [p for p in default_home().model_versions.glob("*") if p.name.startswith(".tmp")]
