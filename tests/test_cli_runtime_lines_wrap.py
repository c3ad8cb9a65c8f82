"""The reason a first scan gives for the runtime it chose, with every runtime's figures, wrapped
under 'the model ran on ...' to the terminal's width: indented, no line longer than the
terminal, and no figure cut from its unit ("107.9" at one line's end, "img/s" on the next)."""

from __future__ import annotations

from phototagger.commands.library import runtime_lines
from phototagger.ml.runtimes.agreement import Agreement
from phototagger.ml.runtimes.measurement import Measured, decide


def test_a_measurements_figures_wrap_with_their_units() -> None:
    same = Agreement(40, 1.0, 1.0, 0.9999)
    off = Agreement(40, 0.974, 1.0, 0.9917, 0.979)
    _, reason = decide(
        [
            Measured("openvino", "OpenVINO 2026.4.1 f32", same, 73.9),
            Measured("openvino-bf16", "OpenVINO 2026.4.1 bf16", off, 120.4),
            Measured("openvino-mixed", "OpenVINO 2026.4.1 f32stem6-bf16", same, 107.9),
            Measured("litert", "LiteRT 2.3.0 fp32 XNNPACK", same, 87.0),
        ],
        32,
    )
    mixed = "OpenVINO 2026.4.1 bf16 with the first layers in fp32"  # as the scan says it
    runtime = f"{mixed} (checked on {same.describe()}; auto: {reason})"
    for columns in (50, 60, 72, 80, 100, 132):
        ran, *why = runtime_lines(runtime, columns)
        assert ran == f"the model ran on {mixed}"
        assert why and all(line.startswith("  ") and len(line) < columns for line in why)
        assert not any(line.lstrip().startswith("img/s") for line in why), why
        assert " ".join(" ".join(why).split()) == runtime.split(" (", 1)[1][:-1]
