"""Sweep: a metric over a parameter, with the model drawn beside it.

MODEL "amdahl": speedup T(1)/T(n) per series; for a series of waits the fitted
serial fraction s and the curve 1 / (s + (1 - s) / n); for "processes" the
measured capacity as the ceiling. MODEL "knee": throughput against threads,
the measured knee (smallest count reaching 90% of the peak) and the predicted
(L + c) / c. MODELS "release" and "convoy" (guide 6): tools/render/gil.py.
MODEL "transfer" (guide 3): tools/render/transfer.py.
"""

from __future__ import annotations

from typing import Any

from tools.bench.kinds.sweep import PROCESSES, Point, Samples
from tools.bench.results import Record
from tools.bench.stats import (
    Spread,
    amdahl_speedup,
    fit_amdahl,
    knee,
    paired_ratios,
    spread,
)
from tools.render import gil, transfer
from tools.render.common import (
    CEILING_COLOUR,
    COLOURS,
    MIDDLE_NOTE,
    TEXT_GREY,
    markdown_table,
    middle,
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


def configured_s(record: Record) -> float:
    return float(record.config["SERIAL_FRACTION"])


def process_ceiling(record: Record, workers: int) -> float:
    """What Amdahl's Law allows n processes with the configured s, when the
    machine gives them only the capacity measured for n (1 for one worker)."""
    values = record.capacity_samples(workers) if workers > 1 else None
    capacity = spread(values).median if values else 1.0
    return amdahl_speedup(configured_s(record), capacity)


def measured_knee(record: Record, name: str = "threads") -> int:
    points = series(record)[name]
    return knee([p.value for p in points], medians(points, "throughput"), KNEE_SHARE)


def predicted_knee(record: Record) -> float:
    wait, cpu = record.config["WAIT_SECONDS"], record.config["CPU_SECONDS"]
    return (wait + cpu) / cpu


def method(record: Record) -> str:
    if samples(record).model in gil.MODELS:
        return gil.method(record)
    if samples(record).model in transfer.MODELS:
        return transfer.method(record)
    return (
        f"Median of {record.schedule.rounds} rounds per point, every point "
        f"measured once per round in alternating order; {MIDDLE_NOTE}. Speedups "
        "are per-round ratios against the series' first point."
    )


def key_figures(record: Record) -> list[str]:
    if samples(record).model in gil.MODELS:
        return gil.key_figures(record)
    if samples(record).model in transfer.MODELS:
        return transfer.key_figures(record)
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


def speedups(points: list[Point]) -> list[Spread]:
    """Per round: the time with the series' first point / the time here."""
    first = points[0].metrics["seconds"]
    return [spread(paired_ratios(first, p.metrics["seconds"])) for p in points]


def table(record: Record) -> list[str]:
    if samples(record).model in gil.MODELS:
        return gil.table(record)
    if samples(record).model in transfer.MODELS:
        return transfer.table(record)
    if samples(record).model == "knee":
        return _knee_table(record)
    return _amdahl_table(record)


def _amdahl_table(record: Record) -> list[str]:
    rows = []
    for name, points in series(record).items():
        if name == PROCESSES:
            model = f"Amdahl, s = {configured_s(record)}, n = measured capacity"
        else:
            model = f"Amdahl, s = {fitted(record, name)[1]:.3f}"
        for point, ratio in zip(points, speedups(points), strict=True):
            if name == PROCESSES:
                expected = process_ceiling(record, point.value)
            else:
                expected = amdahl_speedup(fitted(record, name)[1], point.value)
            rows.append(
                [
                    f"`{name}`",
                    str(point.value),
                    middle(spread(point.metrics["seconds"]), seconds),
                    middle(ratio),
                    f"{times(expected)} ({model})",
                ]
            )
    header = [
        "Series",
        "Workers",
        "Time",
        "Speedup over 1 worker",
        "Model",
    ]
    return markdown_table(header, rows)


def _knee_table(record: Record) -> list[str]:
    rows = []
    for point in series(record)["threads"]:
        m = point.metrics
        rows.append(
            [
                str(point.value),
                middle(spread(m["throughput"]), lambda x: f"{x:,.0f}"),
                middle(spread(m["latency_mean"]), seconds),
                middle(spread(m["latency_p90"]), seconds),
            ]
        )
    header = ["Threads", "Calls per second", "Mean latency", "p90 latency"]
    return markdown_table(header, rows)


def draw(axes: Any, record: Record) -> None:
    if samples(record).model in gil.MODELS:
        gil.draw(axes, record)
    elif samples(record).model in transfer.MODELS:
        transfer.draw(axes, record)
    elif samples(record).model == "knee":
        _knee_chart(axes, record)
    else:
        _amdahl_chart(axes, record)
    style_axes(axes, "y")


def log_axis(axes: Any, counts: list[int]) -> None:
    """A log-2 x axis labelled with the measured counts themselves."""
    axes.set_xscale("log", base=2)
    axes.set_xticks(counts, [str(c) for c in counts])
    axes.minorticks_off()


def _amdahl_chart(axes: Any, record: Record) -> None:
    top = 2.0
    for index, (name, points) in enumerate(series(record).items()):
        counts = [p.value for p in points]
        times_ = medians(points, "seconds")
        speedups = [times_[0] / t for t in times_]
        top = max(top, *speedups)
        colour = COLOURS[index % len(COLOURS)]
        axes.plot(counts, speedups, "o", color=colour, label=f"{name}, measured")
        if name == PROCESSES:
            axes.plot(
                counts,
                [process_ceiling(record, n) for n in counts],
                "--",
                color=CEILING_COLOUR,
                label="Amdahl's Law at the measured capacity",
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
    log_axis(axes, sorted({p.value for p in samples(record).points}))
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
    log_axis(axes, counts)
    axes.set_xlabel("threads (log scale)")
    axes.set_ylabel("calls per second (median)")
    axes.set_ylim(0, max(throughput) * 1.2)
    axes.legend(loc="lower right", fontsize=8)
