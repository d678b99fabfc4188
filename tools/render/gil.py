"""Sweep models of guide 6 (the GIL), drawn by tools/render/sweep.py.

MODEL "release": per buffer size, the speedup of 2 threads over one thread
doing the same calls (a per-round ratio of the metrics "sequential" and
"threads"), against the capacity measured for 2 processes in the same rounds.
MODEL "convoy": latency percentiles of a small request per count of CPU-bound
threads, against the switch interval the run recorded.
"""

from __future__ import annotations

import statistics
from typing import Any

from tools.bench.kinds.sweep import Point, Samples
from tools.bench.results import Record
from tools.bench.stats import Spread, paired_ratios, share_of_capacity, spread
from tools.render.common import (
    CEILING_COLOUR,
    COLOURS,
    MIDDLE_NOTE,
    TEXT_GREY,
    markdown_table,
    middle,
    seconds,
    times,
)

MODELS = ("release", "convoy")
TICK_CROWDING = 1.1  # a size this close below the next one gets no tick label
PERCENTILES = ("p50", "p90", "p99")
PERCENTILE_NAMES = {"p50": "median", "p90": "90th percentile", "p99": "99th percentile"}


def samples(record: Record) -> Samples:
    return record.samples


def series(record: Record) -> dict[str, list[Point]]:
    found: dict[str, list[Point]] = {}
    for point in samples(record).points:
        found.setdefault(point.series, []).append(point)
    return found


# --- release: 2 threads against one, by buffer size ---------------------------


def capacity(record: Record) -> Spread:
    return spread(record.capacity_samples(2) or [1.0])


def speedup(point: Point) -> Spread:
    """Per round: time on one thread / time on two."""
    m = point.metrics
    return spread(paired_ratios(m["sequential"], m["threads"]))


def share(record: Record, point: Point) -> Spread:
    """Per round: the speedup / the capacity measured in that round."""
    m = point.metrics
    ceiling = record.capacity_samples(2) or [1.0] * len(m["threads"])
    return spread(share_of_capacity(m["sequential"], m["threads"], ceiling))


def buffer_label(size: int) -> str:
    """1 KiB, 64 KiB, 1 MiB when exact; the bytes otherwise (2,047 B)."""
    for unit, factor in (("MiB", 2**20), ("KiB", 2**10)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size:,} B"


def find(record: Record, name: str, value: int) -> Point:
    return next(p for p in series(record)[name] if p.value == value)


# --- convoy: latency against the switch interval ------------------------------


def switch_interval(record: Record) -> float:
    return float(record.config["SWITCH_INTERVAL_SECONDS"])


def threads_label(count: int) -> str:
    return f"{count} CPU-bound thread{'' if count == 1 else 's'}"


def latency(point: Point, metric: str) -> Spread:
    return spread(point.metrics[metric])


# --- what tools/render/sweep.py calls ------------------------------------------


def method(record: Record) -> str:
    rounds = record.schedule.rounds
    if samples(record).model == "release":
        return (
            f"Median of {rounds} rounds per point, every point and the capacity "
            f"probe measured once per round in alternating order; {MIDDLE_NOTE}. "
            "Speedup: per round, the time of the calls on one thread over their "
            "time split between 2 threads; share: that speedup over the capacity "
            "measured in the same round."
        )
    return (
        f"{record.config['REQUESTS'][record.size]} round trips per point and round, "
        f"{rounds} rounds in alternating order; each round's percentiles, then "
        f"their median over the rounds, with {MIDDLE_NOTE}. Switch interval "
        f"{seconds(switch_interval(record))}."
    )


def key_figures(record: Record) -> list[str]:
    if samples(record).model == "release":
        lines = [
            f"**Capacity:** 2 busy processes ran {middle(capacity(record))} as fast "
            "as one, in the same rounds."
        ]
        for name, points in series(record).items():
            point = points[-1]
            lines.append(
                f"**{name}, {buffer_label(point.value)} buffers:** 2 threads ran "
                f"{times(speedup(point).median)} as fast as one, "
                f"{share(record, point).median:.2f} of the measured capacity."
            )
        return lines
    lines = []
    for point in series(record)["echo"]:
        p90 = latency(point, "p90").median
        lines.append(
            f"**{threads_label(point.value)}:** 90th percentile round trip "
            f"{seconds(p90)}, {p90 / switch_interval(record):.2f} switch intervals; "
            f"median {seconds(latency(point, 'p50').median)}."
        )
    return lines


def table(record: Record) -> list[str]:
    if samples(record).model == "release":
        rows = []
        for name, points in series(record).items():
            for point in points:
                m = point.metrics
                rows.append(
                    [
                        f"`{name}`",
                        buffer_label(point.value),
                        middle(spread(m["sequential"]), seconds),
                        middle(spread(m["threads"]), seconds),
                        middle(speedup(point)),
                        middle(share(record, point), lambda x: f"{x:.2f}"),
                    ]
                )
        header = [
            "Work",
            "Buffer",
            "1 thread",
            "2 threads",
            "Speedup",
            "Share of capacity",
        ]
        return markdown_table(header, rows)
    rows = []
    for point in series(record)["echo"]:
        cells = [middle(latency(point, p), seconds) for p in PERCENTILES]
        p90 = latency(point, "p90").median / switch_interval(record)
        rows.append([str(point.value), *cells, f"{p90:.2f}"])
    header = [
        "CPU-bound threads",
        *[PERCENTILE_NAMES[p].capitalize() for p in PERCENTILES],
        "90th percentile / switch interval",
    ]
    return markdown_table(header, rows)


def draw(axes: Any, record: Record) -> None:
    if samples(record).model == "release":
        _release_chart(axes, record)
    else:
        _convoy_chart(axes, record)


def _release_chart(axes: Any, record: Record) -> None:
    sizes: set[int] = set()
    top = 2.0
    for index, (name, points) in enumerate(series(record).items()):
        values = [p.value for p in points]
        sizes.update(values)
        medians = [speedup(p).median for p in points]
        top = max(top, *medians)
        axes.plot(
            values, medians, "o-", color=COLOURS[index % len(COLOURS)], label=name
        )
    ceiling = capacity(record).median
    axes.axhline(
        ceiling,
        color=CEILING_COLOUR,
        linestyle="dashed",
        label=f"measured capacity, 2 processes ({times(ceiling)})",
    )
    axes.axhline(1.0, color=TEXT_GREY, linewidth=0.8, linestyle=":")
    axes.axvline(2048, color=TEXT_GREY, linewidth=0.8, linestyle=":")
    axes.annotate(
        "2,048 B",
        (2048, 0.05),
        xytext=(4, 0),
        textcoords="offset points",
        fontsize=8,
    )
    axes.set_xscale("log", base=2)
    ticks = sorted(sizes)
    # Sizes side by side (2,047 and 2,048 bytes) share one label: the larger.
    labels = [
        "" if later < value * TICK_CROWDING else buffer_label(value)
        for value, later in zip(ticks, [*ticks[1:], ticks[-1] * 2], strict=True)
    ]
    axes.set_xticks(ticks, labels, fontsize=7.5)
    axes.minorticks_off()
    axes.set_xlabel("buffer per call (log scale)")
    axes.set_ylabel("2 threads' speedup over 1 (median)")
    axes.set_ylim(0, top * 1.2)
    axes.legend(loc="upper left", fontsize=8)


def _convoy_chart(axes: Any, record: Record) -> None:
    points = series(record)["echo"]
    width = 0.8 / len(PERCENTILES)
    for index, metric in enumerate(PERCENTILES):
        offsets = [i + (index - 1) * width for i in range(len(points))]
        values = [latency(p, metric).median * 1000 for p in points]
        axes.bar(
            offsets,
            values,
            width,
            color=COLOURS[index % len(COLOURS)],
            label=PERCENTILE_NAMES[metric],
        )
    interval = switch_interval(record) * 1000
    axes.axhline(
        interval,
        color=CEILING_COLOUR,
        linestyle="dashed",
        label=f"switch interval ({seconds(switch_interval(record))})",
    )
    axes.set_yscale("log")
    axes.set_xticks(range(len(points)), [threads_label(p.value) for p in points])
    axes.set_ylabel("round trip, milliseconds (log scale)")
    low = min(statistics.median(p.metrics["p50"]) for p in points) * 1000
    high = max(interval, *[latency(p, "p99").median * 1000 for p in points])
    axes.set_ylim(low / 3, high * 5)
    axes.legend(loc="upper left", fontsize=8)
