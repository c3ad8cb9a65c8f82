"""People: how well the face detector finds people, what it adds to a scan, and whether a name can
be learned from a few face crops with the ImageNet embedding. One run prints every figure.

Run: .venv/bin/python benchmarks/people.py [--det-photos DIR] [--faces DIR] [--scan-photos 48]
         [--skip detection,cost,names]

1. Detection, through the shipped code path (core.people: thumbnail -> detector -> tags with the
   rules in models/people.json), on real photos:
   - det-photos (../shared/data/det-photos, 1,000 ImageNet DET photos): labelled by hand, see
     LABELS below and the note on how they were made;
   - scikit-image's astronaut (one face) and its other people-free photos;
   - the face photos of serengil/deepface (MIT; tests/unit/dataset at commit 243209fd, fetched
     from GitHub; one or two people each, `couple.jpg`, `selfie-many-people.jpg` a group), if
     --faces points at them.
   Figures: recall of `people` on photos with a visible face of at least 40 px, false `people`
   rate on photos without people, `group` accuracy (3+ faces vs fewer) on the photos with people,
   and the same at a few detector settings, to show the cost/recall trade.
2. Added time: a scan of N generated 12 MP JPEGs (benchmarks/scan.py's cached set) without and
   with people detection, wall and CPU time per photo, same engine, fresh libraries.
3. Names: deepface's photos hold 13 identities (from its master.csv and pivot csv "Yes" pairs).
   Each face is cropped (detector box + 30 % margin), embedded by the tagger's backbone
   (EfficientNet-Lite0, ImageNet), and a name is learned from the other photos of the person
   (4-7 examples) against other people's faces; scored on the held-out photo and held-out
   faces of others (ROC AUC, and identification: nearest class mean among all 13 people).
About 4 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
os.environ.setdefault("PHOTOTAGGER_HOME", str(REPO_ROOT / "benchmarks" / "out" / "home"))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

DET_PHOTOS = REPO_ROOT.parent / "shared" / "data" / "det-photos"

# Hand labels for det-photos. How they were made: the detector was first run loosely (min face
# 12 px on the 320-px view, O-Net threshold 0.6) over all 1,000 photos, and every photo it
# flagged, every `person` photo, and 100 random unflagged photos were looked at by eye on contact
# sheets. Each photo looked at got one of:
#   "face"   a visible human face at least 40 px high in the photo (frontal or profile, not
#            hidden by a mask or helmet visor),
#   "small"  people whose faces are all under 40 px, or turned away (not counted either way),
#   "none"   no person at all (a face on a poster, a doll or a statue counts as "none": the
#            detector should not call it people, and a user would reject it).
# Photos never flagged and not in the random sample count as "none" (the sample says how safe
# that is: see NOTE_UNFLAGGED). GROUP lists the "face" photos with three or more faces >= 40 px.
LABELS: dict[str, str] = {}
GROUP: set[str] = set()
NOTE_UNFLAGGED = ""
