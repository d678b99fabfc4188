"""Cost per operation: nanoseconds per operation, and the ratio to the baseline."""

from __future__ import annotations

from typing import Any

from tools.bench.kinds.cost import Samples
from tools.bench.results import Record
from tools.bench.stats import Spread, paired_ratios, spread
from tools.render.common import (
    COLOURS,
    MIDDLE_NOTE,
    TEXT_GREY,
    markdown_table,
    middle,
    seconds,
    style_axes,
    times,
)


def samples(record: Record) -> Samples:
    return record.samples


def per_operation(record: Record, operation: str) -> Spread:
    """Seconds per operation, over the rounds."""
    data = samples(record)
    return spread([s / data.operations_per_call for s in data.seconds[operation]])


def times_baseline(record: Record, operation: str) -> Spread:
    """Per round: this operation's time / the baseline's."""
    data = samples(record)
    return spread(paired_ratios(data.seconds[operation], data.seconds[data.baseline]))


def method(record: Record) -> str:
    data = samples(record)
    return (
        f"{data.operations_per_call:,} operations per call, median of "
        f"{record.schedule.rounds} rounds; ratios are per-round against "
        f"{data.baseline}, with {MIDDLE_NOTE}."
    )


def key_figures(record: Record) -> list[str]:
    data = samples(record)
    base = seconds(per_operation(record, data.baseline).median)
    return [
        f"**{name}** took {seconds(per_operation(record, name).median)} per "
        f"operation, {times(times_baseline(record, name).median)} the time of "
        f"{data.baseline} ({base})."
        for name in data.seconds
        if name != data.baseline
    ]


def table(record: Record) -> list[str]:
    data = samples(record)
    rows = [
        [
            f"`{name}`",
            middle(per_operation(record, name), seconds),
            "baseline"
            if name == data.baseline
            else middle(times_baseline(record, name)),
        ]
        for name in data.seconds
    ]
    return markdown_table(
        ["Operation", "Time per operation", f"Times {data.baseline}"], rows
    )


def draw(axes: Any, record: Record) -> None:
    data = samples(record)
    names = list(data.seconds)
    axes.set_position((0.3, 0.25, 0.62, 0.6))
    widest = 0.0
    for row, name in enumerate(names):
        stat = per_operation(record, name)
        scale = 1e9
        widest = max(widest, stat.high * scale)
        axes.barh(
            row,
            stat.median * scale,
            0.6,
            xerr=[
                [(stat.median - stat.low) * scale],
                [(stat.high - stat.median) * scale],
            ],
            color=COLOURS[row % len(COLOURS)],
            ecolor=TEXT_GREY,
            capsize=3,
        )
        axes.annotate(
            seconds(stat.median),
            (stat.high * scale, row),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=9,
        )
    axes.set_xlim(0, widest * 1.3)
    axes.set_yticks(range(len(names)), names)
    axes.invert_yaxis()
    axes.set_xlabel("nanoseconds per operation (median, middle half)")
    style_axes(axes, "x")
