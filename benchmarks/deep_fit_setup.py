"""Where each fit of `phototagger train --deep` spends its time: building the top and its Keras
model, compiling, the first optimiser step (which traces the train step's graph), the other
steps.

Run: nice .venv/bin/python benchmarks/deep_fit_setup.py [--repeat 1] [--photos 125]

The library is benchmarks/deep_train_load.py's (det-photos, a new tag "hoofed animals" answered
yes on 10 photos and no on 10 others). Each run copies it and runs `phototagger train --deep
--force` in a fresh process; its two fits (the validation run without a quarter of the labelled
photos, then the final one on them all: core/retrain_deep.py) are timed in phases, wall and the
process's CPU seconds.

--ways fresh: REUSE_FIT_SETUP off, every fit builds its own (ml/deep.fit_deep as before deepfit60);
reuse: the second fit takes the first's set-up, its values reset (now).

Measured 2026-12-07 on the shared 2-core development machine (load 4-7 from other engineers'
jobs), 125 photos, four runs each way, back to back, CPU seconds of the process:
- a fit's set-up, each fit built anew: the top and model built 0.24-0.36, its first step
  1.57-2.61 (the train step traced; a later step takes 0.10-0.13): about 2 s a fit, not 3;
  the 29 other steps 3.0-3.9.
- reused (the second fit): the set-up 0.11-0.14 (resetting the values, the graph's key), the
  first step 0.48-0.73 (not traced again: once per process, tf.function's tracing count): the
  second fit's set-up 1.9-2.7 -> 0.6-0.9 s, 1.3-1.9 s saved a run.
- the whole run 33.1 / 33.5 / 34.4 / 30.0 -> 29.7 / 32.6 / 28.4 / 31.5 (the rest of the
  run varies by more than the saving on this machine). `/usr/bin/time -v` of `phototagger
  train --deep --force` on copies of the library, main's checkout then this one, four pairs:
  user + system 31.1 / 32.5 / 32.8 / 34.5 -> 31.4 / 32.0 / 31.8 / 33.6 s; peak memory
  1.46-1.49 -> 1.36-1.38 GB (one traced train step held, not two); the saved v2.npz the same
  bytes each time.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from benchmarks.deep_train_load import answered_library, run  # noqa: E402


class Clock:
    """Marks (label, wall, CPU) since the last mark."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, float, float]] = []
        self.mark()

    def mark(self) -> None:
        self._wall, self._cpu = time.perf_counter(), time.process_time()

    def lap(self, label: str) -> None:
        self.rows.append((label, time.perf_counter() - self._wall, time.process_time() - self._cpu))
        self.mark()


def child(reuse: bool) -> None:
    """One `train --deep --force` in this process; its phases as JSON on the last line."""
    import keras

    from phototagger.cli import main
    from phototagger.ml import deep

    if hasattr(deep, "REUSE_FIT_SETUP"):  # a checkout before it builds every fit anew
        deep.REUSE_FIT_SETUP = reuse
    clock = Clock()
    fits = [0]

    class Steps(keras.callbacks.Callback):
        """Marks the first step; keeps each later step's (wall, CPU)."""

        def __init__(self) -> None:
            super().__init__()
            self.later: list[tuple[float, float]] = []
            self._start = (0.0, 0.0)

        def on_train_batch_begin(self, batch: int, logs: Any = None) -> None:
            self._start = time.perf_counter(), time.process_time()

        def on_train_batch_end(self, batch: int, logs: Any = None) -> None:
            if not self.later and clock.rows[-1][0].endswith("stream made"):
                clock.lap(f"fit {fits[0]}: first step (traces the train step)")
                self.later.append((0.0, 0.0))
                return
            wall, cpu = self._start
            self.later.append((time.perf_counter() - wall, time.process_time() - cpu))

        def on_train_end(self, logs: Any = None) -> None:
            later = sorted(self.later[1:])
            clock.rows.append((f"  (of the other steps: {len(later)}, slowest)", *later[-1]))
            mid = later[len(later) // 2]
            clock.rows.append(("  (of the other steps: median)", *mid))

    real_fit_deep, real_fit_stream = deep.fit_deep, deep.fit_stream
    real_compile, real_fit = keras.Model.compile, keras.Model.fit

    def fit_deep(*args: Any, **kwargs: Any) -> Any:
        fits[0] += 1
        clock.mark()
        out = real_fit_deep(*args, **kwargs)
        clock.lap(f"fit {fits[0]}: after the steps (weights read back)")
        return out

    def fit_stream(*args: Any, **kwargs: Any) -> Any:
        clock.lap(f"fit {fits[0]}: top and model built")
        out = real_fit_stream(*args, **kwargs)
        clock.lap(f"fit {fits[0]}: the other steps")
        return out

    def compile_(self: Any, *args: Any, **kwargs: Any) -> Any:
        clock.lap(f"fit {fits[0]}: optimizer made, data stacked")
        out = real_compile(self, *args, **kwargs)
        clock.lap(f"fit {fits[0]}: compile")
        return out

    def fit(self: Any, *args: Any, **kwargs: Any) -> Any:
        kwargs["callbacks"] = [*kwargs.get("callbacks", []), Steps()]
        clock.lap(f"fit {fits[0]}: stream made")
        return real_fit(self, *args, **kwargs)

    deep.fit_deep, deep.fit_stream = fit_deep, fit_stream
    keras.Model.compile, keras.Model.fit = compile_, fit
    started = time.perf_counter()
    code = main(["train", "--deep", "--force"])
    assert code == 0, code
    usage = resource.getrusage(resource.RUSAGE_SELF)
    clock.rows.append(("whole run", time.perf_counter() - started, usage.ru_utime + usage.ru_stime))
    print(json.dumps(clock.rows))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--photos", type=int, default=125)
    parser.add_argument(
        "--ways", default="fresh,reuse", help="fresh (every fit built anew), reuse, or both"
    )
    parser.add_argument("--child", choices=["fresh", "reuse"])
    args = parser.parse_args()
    if args.child:
        child(args.child == "reuse")
        return
    home = answered_library(args.photos)
    for i in range(args.repeat):
        for way in args.ways.split(","):
            rows = run(home, False, [__file__, "--child", way])
            print(f"\nrun {i + 1}, {way}:")
            print(f"  {'':<52} {'wall s':>7} {'CPU s':>7}")
            for label, wall, cpu in rows:
                print(f"  {label:<52} {wall:7.2f} {cpu:7.2f}")


if __name__ == "__main__":
    main()
