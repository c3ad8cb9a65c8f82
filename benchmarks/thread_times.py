"""Per-thread CPU of this process, read from /proc (Linux), grouped by the Python thread's name:
run time, time waiting for a core (runnable: load from the machine and from our own threads),
and time blocked (waiting on a queue, a future, a lock or I/O: a pipeline stall). Threads that
ended keep the figures of their last sample, so sample at each progress report."""

from __future__ import annotations

import os
import re
import threading
from collections import defaultdict

_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _uptime() -> float:
    with open("/proc/uptime") as fh:
        return float(fh.read().split()[0])


class ThreadTimes:
    def __init__(self) -> None:
        self._last: dict[int, tuple[str, float, float, float, float]] = {}
        self._names: dict[int, str] = {}

    def sample(self) -> None:
        for t in threading.enumerate():
            if t.native_id is not None:
                self._names[t.native_id] = re.sub(r"[_-]?\d+(_\d+)?$", "", t.name)
        now = _uptime()
        try:
            tids = os.listdir("/proc/self/task")
        except OSError:
            return
        for tid in tids:
            try:
                with open(f"/proc/self/task/{tid}/stat") as fh:
                    stat = fh.read()
                with open(f"/proc/self/task/{tid}/schedstat") as fh:
                    run_ns, wait_ns = fh.read().split()[:2]
            except OSError:
                continue
            start = int(stat[stat.rindex(")") + 2 :].split()[19]) / _TICK
            name = self._names.get(int(tid), "native (OpenVINO, ...)")
            self._last[int(tid)] = (name, start, now, int(run_ns) / 1e9, int(wait_ns) / 1e9)

    def summary(self, cpu_s: float | None = None) -> str:
        """One line per thread group: threads, run s, waiting for a core s, blocked s; with the
        process's CPU time, what threads that ended between two samples ran (a batch's face
        detection thread, for one)."""
        groups: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0, 0.0])
        for name, start, seen, run, wait in self._last.values():
            if run < 0.01:
                continue
            g = groups[name]
            g[0] += 1
            g[1] += run
            g[2] += wait
            g[3] += max(0.0, seen - start - run - wait)
        lines = [
            f"    {name:<24} x{int(n)}: run {run:6.2f} s, waiting for a core {wait:6.2f} s, "
            f"blocked {blocked:6.2f} s"
            for name, (n, run, wait, blocked) in sorted(groups.items(), key=lambda kv: -kv[1][1])
        ]
        if cpu_s is not None:
            unseen = cpu_s - sum(g[1] for g in groups.values())
            lines.append(f"    {'threads ended unsampled':<24}    run {unseen:6.2f} s")
        return "\n".join(lines)
