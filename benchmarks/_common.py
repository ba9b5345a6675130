"""Shared pieces of the speed benchmarks: the FAIR-style numpy floor and interleaved timing.

Every ratio the benchmarks print is measured in one process, against the floor timed in the same
rounds: each round times the floor and then each contender once, so that load from other work on
the machine (this project's machine has two shared cores) falls on both sides alike. Each figure
is the median over the rounds, with the min-max beside it.
"""
from __future__ import annotations

import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # the checkout's toolkit, not another installed copy


def fair_style_numpy(n: int, seed: int = 0) -> np.ndarray:
    """Six draws a path, products, three percentiles (the FAIR decomposition in plain numpy)."""
    rng = np.random.default_rng(seed)
    contact_frequency = rng.lognormal(1.0, 0.5, n)
    probability_of_action = rng.uniform(0.1, 0.9, n)
    vulnerability = rng.uniform(0.2, 0.8, n)
    primary_loss = rng.lognormal(12.0, 1.0, n)
    secondary_frequency = rng.uniform(0.0, 0.5, n)
    secondary_loss = rng.lognormal(13.0, 1.2, n)
    loss_events = contact_frequency * probability_of_action * vulnerability
    risk = loss_events * (primary_loss + secondary_frequency * secondary_loss)
    return np.percentile(risk, [10, 50, 90])


def interleaved(functions: dict, rounds: int, warmup: int = 1) -> dict:
    """Seconds per call of each function, one call of each per round (after ``warmup`` rounds)."""
    times = {name: [] for name in functions}
    for r in range(warmup + rounds):
        for name, fn in functions.items():
            start = time.perf_counter()
            fn()
            elapsed = time.perf_counter() - start
            if r >= warmup:
                times[name].append(elapsed)
    return times


def summary(seconds: list, scale: float = 1000.0) -> str:
    """``median (min-max)`` in milliseconds."""
    values = [s * scale for s in seconds]
    return f"{statistics.median(values):8.1f} ms ({min(values):.1f}-{max(values):.1f})"


def ratio(contender: list, floor: list) -> str:
    """Median ratio to the floor, with the min-max of the per-round ratios."""
    per_round = [c / f for c, f in zip(contender, floor)]
    return (f"{statistics.median(contender) / statistics.median(floor):5.2f}x "
            f"(rounds {min(per_round):.2f}-{max(per_round):.2f})")


def machine() -> str:
    import os

    return (f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores; python {sys.version.split()[0]}, "
            f"numpy {np.__version__}")
