"""How many pytest workers `make test` runs (printed): one per CPU this process may use, at most 4,
and no more than one per 3 GB of available memory (a worker holds TensorFlow and the real model,
and tests start the command line beside it: 1.5-3 GB). At least 1."""

from __future__ import annotations

import os

MAX_WORKERS = 4
GB_PER_WORKER = 3


def available_gb() -> float:
    """The memory available to new processes (MemAvailable), in GB; unknown reads as plenty."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) / 2**20
    except (OSError, ValueError, IndexError):
        pass
    return float(GB_PER_WORKER * MAX_WORKERS)


def workers() -> int:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(MAX_WORKERS, cpus or 1, int(available_gb() // GB_PER_WORKER)))


if __name__ == "__main__":
    print(workers())
