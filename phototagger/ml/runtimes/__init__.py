"""CPU inference runtimes for the frozen backbone. The Keras model stays the source of truth (and
TensorFlow runs training and GPUs); a runtime that is faster on the CPU gets a converted copy,
cached and checked against TensorFlow on real photos before it is trusted."""

from __future__ import annotations

from typing import Literal, cast

# "openvino" is fp32; "openvino-bf16" and "openvino-mixed" (its first convolutions in fp32) exist
# on CPUs with native bf16 only and are measured beside it by auto.
RuntimeChoice = Literal[
    "auto", "openvino", "openvino-bf16", "openvino-mixed", "litert", "tensorflow"
]
RUNTIMES: tuple[RuntimeChoice, ...] = (
    "auto",
    "openvino",
    "openvino-bf16",
    "openvino-mixed",
    "litert",
    "tensorflow",
)


def parse_runtime(value: str) -> RuntimeChoice:
    lowered = value.strip().lower()
    if lowered not in RUNTIMES:
        raise ValueError(f"runtime must be one of {', '.join(RUNTIMES)}, not {value!r}")
    return cast(RuntimeChoice, lowered)
