"""Pure statistics over raw samples. No I/O, no clock, no project imports.

Everything a table, a chart or a claims test says about a run is computed
here from the samples a results file stores.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Spread:
    """The median and the middle half (25th to 75th percentile) of samples."""

    median: float
    low: float  # 25th percentile
    high: float  # 75th percentile
    count: int


def spread(values: Sequence[float]) -> Spread:
    if not values:
        raise ValueError("no samples")
    if len(values) == 1:
        return Spread(values[0], values[0], values[0], 1)
    low, _, high = statistics.quantiles(values, n=4, method="inclusive")
    return Spread(statistics.median(values), low, high, len(values))


def percentile(values: Sequence[float], share: float) -> float:
    """The value below which `share` (0-1) of the samples lie (inclusive)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no samples")
    position = share * (len(ordered) - 1)
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def paired_ratios(baseline: Sequence[float], other: Sequence[float]) -> list[float]:
    """Per round: baseline / other (a speedup when both are times)."""
    return [b / o for b, o in zip(baseline, other, strict=True)]


def share_of_capacity(
    baseline: Sequence[float],
    times: Sequence[float],
    capacity: Sequence[float],
    startup: float = 0.0,
) -> list[float]:
    """Per round: the speedup over the baseline divided by the capacity
    measured in that round. `startup` (seconds, measured separately) is taken
    off each time first, never more than 90% of it."""
    return [
        b / max(t - startup, t / 10) / c
        for b, t, c in zip(baseline, times, capacity, strict=True)
    ]


def linear_fit(xs: Sequence[float], ys: Sequence[float]) -> tuple[float, float]:
    """(intercept, slope) of the least-squares line through the points."""
    if len(xs) != len(ys) or len(xs) < 2:
        raise ValueError("a line needs two points or more, as many xs as ys")
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    if sxx == 0:
        raise ValueError("all xs are equal")
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx
    return mean_y - slope * mean_x, slope


def fit_amdahl(workers: Sequence[int], seconds: Sequence[float]) -> tuple[float, float]:
    """(T1, s) of Amdahl's Law T(n) = T1 * (s + (1 - s) / n), fitted.

    The law is linear in 1/n: T = a + b / n with a = T1 * s, b = T1 * (1 - s).
    """
    a, b = linear_fit([1 / n for n in workers], seconds)
    return a + b, a / (a + b)


def amdahl_speedup(serial_fraction: float, workers: float) -> float:
    """The speedup Amdahl's Law predicts: 1 / (s + (1 - s) / n)."""
    return 1 / (serial_fraction + (1 - serial_fraction) / workers)


def knee(counts: Sequence[int], throughput: Sequence[float], share: float = 0.9) -> int:
    """The smallest count whose throughput reaches `share` of the peak."""
    peak = max(throughput)
    return next(c for c, t in zip(counts, throughput, strict=True) if t >= share * peak)


def growth_per_unit(counts: Sequence[int], values: Sequence[float]) -> float:
    """The slope of value against count: bytes per thread, per task, ..."""
    return linear_fit(counts, values)[1]
