"""Sweep: a metric over a parameter, with the model drawn beside it.

MODEL "amdahl": speedup T(1)/T(n) per series; for a series of waits the fitted
serial fraction s and the curve 1 / (s + (1 - s) / n); for "processes" the
measured capacity as the ceiling. MODEL "knee": throughput against threads,
the measured knee (smallest count reaching 90% of the peak) and the predicted
(L + c) / c.
"""

from __future__ import annotations

from typing import Any

from tools.bench.kinds.sweep import PROCESSES, Point, Samples
from tools.bench.results import Record
from tools.bench.stats import amdahl_speedup, fit_amdahl, knee, spread
from tools.render.common import (
    CEILING_COLOUR,
    COLOURS,
    MIDDLE_NOTE,
    TEXT_GREY,
    markdown_table,
    seconds,
    style_axes,
    times,
)

KNEE_SHARE = 0.9


def samples(record: Record) -> Samples:
    return record.samples


def series(record: Record) -> dict[str, list[Point]]:
    found: dict[str, list[Point]] = {}
    for point in samples(record).points:
        found.setdefault(point.series, []).append(point)
    return found


def medians(points: list[Point], metric: str) -> list[float]:
    return [spread(p.metrics[metric]).median for p in points]


def fitted(record: Record, name: str) -> tuple[float, float]:
    """(T1, s) of Amdahl's Law fitted to one series' median times."""
    points = series(record)[name]
    return fit_amdahl([p.value for p in points], medians(points, "seconds"))


def measured_knee(record: Record, name: str = "threads") -> int:
    points = series(record)[name]
    return knee([p.value for p in points], medians(points, "throughput"), KNEE_SHARE)


def predicted_knee(record: Record) -> float:
    wait, cpu = record.config["WAIT_SECONDS"], record.config["CPU_SECONDS"]
    return (wait + cpu) / cpu


def method(record: Record) -> str:
    return (
        f"Median of {record.schedule.rounds} rounds per point, every point "
        f"measured once per round in alternating order; {MIDDLE_NOTE} in the table."
    )


def key_figures(record: Record) -> list[str]:
    if samples(record).model == "knee":
        return [
            f"**Knee:** throughput first reached {KNEE_SHARE:.0%} of its peak at "
            f"{measured_knee(record)} threads; the model predicts "
            f"{predicted_knee(record):.1f}."
        ]
    lines = []
    configured = record.config.get("SERIAL_FRACTION")
    for name in series(record):
        if name == PROCESSES:
            continue
        _t1, s = fitted(record, name)
        lines.append(
            f"**{name}:** fitted serial fraction s = {s:.3f} (configured "
            f"{configured}); at most {times(1 / s)} with any number of workers."
        )
    return lines


def table(record: Record) -> list[str]:
    rows = []
    for name, points in series(record).items():
        for point in points:
            cells = [f"`{name}`", str(point.value)]
            for metric, values in sorted(point.metrics.items()):
                stat = spread(values)
                shown = seconds if "latency" in metric or metric == "seconds" else str
                low, high = shown(stat.low), shown(stat.high)
                cells.append(f"{metric}: {shown(stat.median)} ({low}–{high})")
            rows.append(cells)
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    header = ["Series", samples(record).parameter] + ["Median"] * (width - 2)
    return markdown_table(header, rows)


def draw(axes: Any, record: Record) -> None:
    if samples(record).model == "knee":
        _knee_chart(axes, record)
    else:
        _amdahl_chart(axes, record)
    style_axes(axes, "y")


def _amdahl_chart(axes: Any, record: Record) -> None:
    top = 2.0
    for index, (name, points) in enumerate(series(record).items()):
        counts = [p.value for p in points]
        times_ = medians(points, "seconds")
        speedups = [times_[0] / t for t in times_]
        top = max(top, *speedups)
        colour = COLOURS[index % len(COLOURS)]
        axes.plot(counts, speedups, "o", color=colour, label=f"{name}, measured")
        if name == PROCESSES and record.capacity is not None:
            ceilings = [1.0] + [
                spread(record.capacity.samples[str(n)]).median for n in counts[1:]
            ]
            axes.plot(
                counts, ceilings, "--", color=CEILING_COLOUR, label="measured capacity"
            )
        else:
            _t1, s = fitted(record, name)
            grid = [1 + i * (counts[-1] - 1) / 100 for i in range(101)]
            axes.plot(
                grid,
                [amdahl_speedup(s, n) for n in grid],
                "-",
                color=colour,
                alpha=0.6,
                label=f"Amdahl's Law, fitted s = {s:.3f}",
            )
    axes.set_xscale("log", base=2)
    axes.set_xlabel("workers (log scale)")
    axes.set_ylabel("speedup over 1 worker (median)")
    axes.set_ylim(0, top * 1.15)
    axes.legend(loc="upper left", fontsize=8)


def _knee_chart(axes: Any, record: Record) -> None:
    points = series(record)["threads"]
    counts = [p.value for p in points]
    throughput = medians(points, "throughput")
    axes.plot(counts, throughput, "o-", color=COLOURS[0], label="throughput (calls/s)")
    axes.axhline(
        KNEE_SHARE * max(throughput),
        color=TEXT_GREY,
        linewidth=0.8,
        linestyle=":",
        label=f"{KNEE_SHARE:.0%} of the peak",
    )
    axes.axvline(
        predicted_knee(record),
        color=CEILING_COLOUR,
        linestyle="dashed",
        label="predicted knee (L + c) / c",
    )
    axes.set_xscale("log", base=2)
    axes.set_xlabel("threads (log scale)")
    axes.set_ylabel("calls per second (median)")
    axes.set_ylim(0, max(throughput) * 1.2)
    axes.legend(loc="lower right", fontsize=8)
