"""Timeline: one lane per thread, a bar wherever the thread was seen running.

The chart draws the first round of every scenario, one group of lanes per
scenario; the table and key figures summarise every round: the share of the
run during which both threads were running at once, each thread's share, and
the median time between the starts of a thread's slices.
"""

from __future__ import annotations

import itertools
import statistics
import textwrap
from typing import Any

from tools.bench.kinds.timeline import Lanes, Samples
from tools.bench.results import Record
from tools.bench.stats import spread
from tools.render.common import (
    COLOURS,
    GRID_GREY,
    MIDDLE_NOTE,
    markdown_table,
    middle,
    seconds,
    style_axes,
)

MIN_DRAWN_SECONDS = 0.0002  # a slice shorter than this is drawn this wide
LANE_HEIGHT = 0.7
LABEL_WIDTH = 26  # characters per line of a scenario's name beside its lanes


def samples(record: Record) -> Samples:
    return record.samples


def run_seconds(record: Record) -> float:
    return float(record.config["RUN_SECONDS"][record.size])


def percent(value: float) -> str:
    return f"{value:.0%}"


def running(slices: list[list[float]]) -> float:
    return sum(end - start for start, end in slices)


def overlap(first: list[list[float]], second: list[list[float]]) -> float:
    """Seconds during which both lanes had a slice."""
    return sum(
        max(0.0, min(a_end, b_end) - max(a_start, b_start))
        for a_start, a_end in first
        for b_start, b_end in second
    )


def longest_overlap(first: list[list[float]], second: list[list[float]]) -> float:
    """The longest stretch during which both lanes had a slice (negative: none)."""
    return max(
        min(a_end, b_end) - max(a_start, b_start)
        for a_start, a_end in first
        for b_start, b_end in second
    )


def both_running(record: Record, lanes: Lanes) -> float:
    """Share of the run during which the first two threads ran at once."""
    first, second = list(lanes.values())[:2]
    return overlap(first, second) / run_seconds(record)


def median_gap(slices: list[list[float]]) -> float | None:
    """Median time between the starts of consecutive slices."""
    starts = [start for start, _end in slices]
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    return statistics.median(gaps) if gaps else None


def method(record: Record) -> str:
    return (
        f"Each scenario ran {seconds(run_seconds(record))}, {record.schedule.rounds} "
        "rounds; every thread timestamped its own work, and a gap over "
        f"{seconds(float(record.config['GAP_SECONDS']))} between timestamps "
        "counts as not running. The chart shows round 1 (slices shorter than "
        f"{seconds(MIN_DRAWN_SECONDS)} drawn that wide); the table gives the "
        f"median over the rounds, with {MIDDLE_NOTE}."
    )


def key_figures(record: Record) -> list[str]:
    lines = []
    for name, runs in samples(record).scenarios.items():
        both = spread([both_running(record, lanes) for lanes in runs])
        lines.append(
            f"**{name}:** both threads were running at once during "
            f"{percent(both.median)} of the run (median of {len(runs)} rounds)."
        )
    return lines


def table(record: Record) -> list[str]:
    rows = []
    for name, runs in samples(record).scenarios.items():
        both = spread([both_running(record, lanes) for lanes in runs])
        for index, thread in enumerate(runs[0]):
            share = spread(
                [running(lanes[thread]) / run_seconds(record) for lanes in runs]
            )
            gaps = [g for lanes in runs if (g := median_gap(lanes[thread])) is not None]
            rows.append(
                [
                    name if index == 0 else "",
                    middle(both, percent) if index == 0 else "",
                    thread,
                    middle(share, percent),
                    middle(spread(gaps), seconds) if gaps else "one slice",
                ]
            )
    header = [
        "Scenario",
        "Both threads running at once",
        "Thread",
        "Running",
        "Between slice starts",
    ]
    return markdown_table(header, rows)


def draw(axes: Any, record: Record) -> None:
    axes.set_position((0.27, 0.25, 0.69, 0.62))
    labels, row = [], 0
    run_ms = run_seconds(record) * 1000
    for group, (name, runs) in enumerate(samples(record).scenarios.items()):
        if group:
            axes.axhline(row - 0.5, color=GRID_GREY, linewidth=0.8)
        for index, (thread, slices) in enumerate(runs[0].items()):
            bars = [
                (start * 1000, max(end - start, MIN_DRAWN_SECONDS) * 1000)
                for start, end in slices
            ]
            colour = COLOURS[(2 * group + index) % len(COLOURS)]
            axes.broken_barh(
                bars, (row - LANE_HEIGHT / 2, LANE_HEIGHT), facecolors=colour
            )
            title = "\n".join(textwrap.wrap(f"{name}:", LABEL_WIDTH))
            labels.append(f"{title}\n{thread}" if index == 0 else thread)
            row += 1
    axes.set_yticks(range(row), labels, fontsize=7.5)
    axes.set_ylim(row - 0.5, -0.5)
    axes.set_xlim(0, run_ms)
    axes.set_xlabel("milliseconds since the threads were released (round 1)")
    style_axes(axes, "x")
