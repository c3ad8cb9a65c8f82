"""The CPU runtimes a converted backbone can run on (OpenVINO, LiteRT), seen one way: where a
conversion lives, converting it, loading it, its cached verdict. Adding a runtime is one class."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

import numpy as np

from phototagger.ml.runtimes import litert, openvino
from phototagger.ml.runtimes.converted_backbone import ConvertedBackbone

TITLES = {
    "openvino": "OpenVINO",
    "openvino-bf16": "OpenVINO",
    "openvino-mixed": "OpenVINO",
    "litert": "LiteRT",
}


class Conversion(Protocol):
    @property
    def verdict(self) -> Path: ...

    @property
    def exists(self) -> bool: ...

    @property
    def files(self) -> tuple[Path, ...]:
        """The converted files, the one whose presence makes the conversion exist last."""
        ...


class Candidate:
    """One runtime, installed at `version`, for one weight file's conversion."""

    name = ""  # the --runtime value
    precision = ""

    def __init__(self, weights_digest: str, version: str, converted: Conversion) -> None:
        self.weights_digest = weights_digest
        self.version = version
        self.converted = converted

    @property
    def title(self) -> str:
        """Runtime, version, precision, as the embeddings it makes record it (their source)."""
        return f"{TITLES[self.name]} {self.version} {self.precision}"

    @property
    def words(self) -> str:
        """What the user reads: the title, its precision in words where it is a key
        (openvino.title_in_words)."""
        return openvino.title_in_words(self.title)

    @property
    def verdict(self) -> Path:
        return self.converted.verdict

    @property
    def exists(self) -> bool:
        return self.converted.exists

    def convert(self, keras_model: Any) -> None:
        raise NotImplementedError

    def load(self, kernel: np.ndarray, bias: np.ndarray) -> ConvertedBackbone:
        raise NotImplementedError

    def discard(self) -> None:
        raise NotImplementedError


class OpenVinoCandidate(Candidate):
    name = "openvino"
    precision = openvino.PRECISION

    def __init__(self, weights_digest: str, version: str, cache_dir: Path) -> None:
        self.ir = openvino.converted_model(weights_digest, version, cache_dir, self.precision)
        super().__init__(weights_digest, version, self.ir)

    def convert(self, keras_model: Any) -> None:
        openvino.convert(keras_model, self.ir)

    def load(self, kernel: np.ndarray, bias: np.ndarray) -> ConvertedBackbone:
        # OpenVINO's compiled-model cache sits beside the converted model (keyed by OpenVINO
        # itself by the IR, the config and its version).
        compiled = self.ir.xml.parent / "openvino-compiled"
        return openvino.OpenVinoBackbone(
            self.ir.xml, kernel, bias, self.precision, compiled_cache=compiled
        )

    def discard(self) -> None:
        for path in (self.ir.xml, self.ir.xml.with_suffix(".bin"), self.ir.verdict):
            path.unlink(missing_ok=True)


class OpenVinoBf16Candidate(OpenVinoCandidate):
    """The same converted model compiled at bf16: only where the CPU has bf16 (installed_version
    says None elsewhere), and `auto` takes it only if its check passes (fp32 is measured beside
    it and taken otherwise)."""

    name = "openvino-bf16"
    precision = openvino.BF16


class OpenVinoMixedCandidate(OpenVinoCandidate):
    """The same converted model with its first convolutions at fp32 and the rest at bf16
    (ml/runtimes/openvino.MIXED): where plain bf16 fails its check, this passes far more often."""

    name = "openvino-mixed"
    precision = openvino.MIXED


class LiteRtCandidate(Candidate):
    name = "litert"
    precision = f"{litert.PRECISION} XNNPACK"

    def __init__(self, weights_digest: str, version: str, cache_dir: Path) -> None:
        self.flatbuffer = litert.converted_litert(weights_digest, version, cache_dir)
        super().__init__(weights_digest, version, self.flatbuffer)

    def convert(self, keras_model: Any) -> None:
        litert.convert(keras_model, self.flatbuffer)

    def load(self, kernel: np.ndarray, bias: np.ndarray) -> ConvertedBackbone:
        """Raises litert.DamagedModelError for a cached file that is not the converted one."""
        return litert.LiteRtBackbone(litert.read_model(self.flatbuffer), kernel, bias)

    def discard(self) -> None:
        self.flatbuffer.remove()


def _bf16_version() -> str | None:
    version = openvino.openvino_version()
    return version if version is not None and openvino.native_bf16() else None


_VERSIONS = {
    "openvino": openvino.openvino_version,
    "openvino-bf16": _bf16_version,
    "openvino-mixed": _bf16_version,
    "litert": litert.litert_version,
}
_CLASSES: dict[str, type[OpenVinoCandidate] | type[LiteRtCandidate]] = {
    "openvino": OpenVinoCandidate,
    "openvino-bf16": OpenVinoBf16Candidate,
    "openvino-mixed": OpenVinoMixedCandidate,
    "litert": LiteRtCandidate,
}


def candidate_class(name: str) -> type[OpenVinoCandidate] | type[LiteRtCandidate]:
    return _CLASSES[name]


def installed_version(name: str) -> str | None:
    return _VERSIONS[name]()


def candidate(name: str, weights_digest: str, cache_dir: Path) -> Candidate | None:
    """The runtime `name` for these weights, or None when it is not installed."""
    version = installed_version(name)
    return None if version is None else _CLASSES[name](weights_digest, version, cache_dir)


def installed_candidates(weights_digest: str, cache_dir: Path) -> list[Candidate]:
    """Every CPU runtime installed here, in a fixed order."""
    found = (candidate(name, weights_digest, cache_dir) for name in _CLASSES)
    return [c for c in found if c is not None]
