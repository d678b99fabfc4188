"""Sweep model "transfer" (guide 3), drawn by tools/render/sweep.py.

MODEL "transfer": the time of one hand-over of a payload to a worker process
per way of sending it (a series each: "pipe", "queue", "shared_memory") and
per payload size in bytes; shared memory against the pipe as per-round ratios
(the two measured in the same round), and the smallest size from which shared
memory was faster.
"""

from __future__ import annotations

from typing import Any

from tools.bench.kinds.sweep import Point, Samples
from tools.bench.results import Record
from tools.bench.stats import Spread, paired_ratios, spread
from tools.render.common import (
    COLOURS,
    MIDDLE_NOTE,
    markdown_table,
    middle,
    seconds,
    size_in_bytes,
    style_axes,
    times,
)

MODELS = ("transfer",)
PIPE, SHARED = "pipe", "shared_memory"


def samples(record: Record) -> Samples:
    return record.samples


def series(record: Record) -> dict[str, list[Point]]:
    found: dict[str, list[Point]] = {}
    for point in samples(record).points:
        found.setdefault(point.series, []).append(point)
    return found


def sizes(record: Record) -> list[int]:
    return sorted({p.value for p in samples(record).points})


def find(record: Record, name: str, size: int) -> Point | None:
    return next((p for p in series(record).get(name, []) if p.value == size), None)


def hand_over(record: Record, name: str, size: int) -> Spread | None:
    point = find(record, name, size)
    return spread(point.metrics["seconds"]) if point else None


def shared_over_pipe(record: Record, size: int) -> Spread | None:
    """Per round: the pipe's time / shared memory's time (above 1: shared
    memory was faster)."""
    pipe, shared = find(record, PIPE, size), find(record, SHARED, size)
    if pipe is None or shared is None:
        return None
    return spread(paired_ratios(pipe.metrics["seconds"], shared.metrics["seconds"]))


def crossover(record: Record) -> int | None:
    """The smallest size from which shared memory beat the pipe at every
    larger size too (median of the per-round ratios), or None."""
    found = None
    for size in reversed(sizes(record)):
        ratio = shared_over_pipe(record, size)
        if ratio is None or ratio.median <= 1:
            break
        found = size
    return found


def method(record: Record) -> str:
    return (
        f"Median of {record.schedule.rounds} rounds per point, every point "
        f"measured once per round in alternating order; {MIDDLE_NOTE}. A point "
        "times one hand-over to a freshly started worker, from the first step "
        "of sending until the worker replied that it had the data; shared "
        "memory against the pipe is a per-round ratio."
    )


def key_figures(record: Record) -> list[str]:
    lines = []
    names = list(series(record))
    for size in (sizes(record)[0], sizes(record)[-1]):
        parts = [
            f"{name} {seconds(stat.median)}"
            for name in names
            if (stat := hand_over(record, name, size)) is not None
        ]
        lines.append(f"**{size_in_bytes(size)}:** " + ", ".join(parts) + ".")
    largest = sizes(record)[-1]
    ratio = shared_over_pipe(record, largest)
    if ratio is not None:
        lines.append(
            f"**Shared memory against the pipe at {size_in_bytes(largest)}:** "
            f"{times(ratio.median)} as fast."
        )
    first = crossover(record)
    if first is not None:
        lines.append(
            f"**Shared memory was faster than the pipe from {size_in_bytes(first)} "
            "up.**"
        )
    return lines


def table(record: Record) -> list[str]:
    names = list(series(record))
    rows = []
    for size in sizes(record):
        cells = [size_in_bytes(size)]
        for name in names:
            stat = hand_over(record, name, size)
            cells.append(middle(stat, seconds) if stat else "—")
        ratio = shared_over_pipe(record, size)
        cells.append(middle(ratio) if ratio else "—")
        rows.append(cells)
    header = ["Payload", *[f"`{name}`" for name in names], "Shared memory vs pipe"]
    return markdown_table(header, rows)


def draw(axes: Any, record: Record) -> None:
    all_sizes = sizes(record)
    for index, (name, points) in enumerate(series(record).items()):
        xs = [p.value for p in points]
        ys = [spread(p.metrics["seconds"]).median for p in points]
        axes.plot(xs, ys, "o-", color=COLOURS[index % len(COLOURS)], label=name)
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xticks(all_sizes, [size_in_bytes(s) for s in all_sizes])
    axes.minorticks_off()
    axes.set_xlabel("payload (log scale)")
    axes.set_ylabel("seconds per hand-over (median, log scale)")
    axes.legend(loc="upper left", fontsize=8)
    style_axes(axes, "both")
