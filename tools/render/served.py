"""Served: requests per second and latency percentiles per variant, each on its
own server, with the background load's throughput where a variant has one.

A benchmark chooses its chart with CHART: "rate" (requests per second, as the
load kind draws it) or "p99" (the measured path's 99th-percentile latency per
variant, the figure a background load moves most).
"""

from __future__ import annotations

from typing import Any

from tools.bench.kinds.load import WrkRun
from tools.bench.kinds.served import Samples
from tools.bench.results import Record
from tools.bench.stats import Spread, spread
from tools.render import load
from tools.render.common import (
    COLOURS,
    TEXT_GREY,
    markdown_table,
    seconds,
    style_axes,
    times,
)

levels = load.levels
rate = load.rate
latency = load.latency
times_baseline = load.times_baseline
failures = load.failures


def samples(record: Record) -> Samples:
    return record.samples


def background_runs(record: Record, variant: str, connections: str) -> list[WrkRun]:
    """The background wrk's runs (none where the variant has no background)."""
    behind = samples(record).background or {}
    # The results reader builds dataclasses inside a plain dict field, not
    # inside an optional one: these arrive as JSON objects.
    return [
        WrkRun(**run) if isinstance(run, dict) else run
        for run in behind.get(variant, {}).get(connections, [])
    ]


def background_rate(record: Record, variant: str, connections: str) -> Spread | None:
    runs = background_runs(record, variant, connections)
    if not runs:
        return None
    return spread([r.requests_per_second for r in runs])


def background_failures(record: Record, variant: str, connections: str) -> int:
    return sum(
        r.timeouts + r.errors + r.non_2xx
        for r in background_runs(record, variant, connections)
    )


def p99_times_baseline(record: Record, variant: str, connections: str) -> float:
    base = latency(record, samples(record).baseline, connections, 99).median
    return latency(record, variant, connections, 99).median / base


def latency_text(record: Record, variant: str, connections: str, pct: int) -> str:
    """A percentile, or a dash when wrk saw no answer to take one from."""
    if rate(record, variant, connections).median == 0:
        return "–"
    return seconds(latency(record, variant, connections, pct).median)


def method(record: Record) -> str:
    text = load.method(record).replace(
        " against a fresh server", " against a fresh server per variant"
    )
    connections = record.config.get("BACKGROUND_CONNECTIONS")
    if samples(record).background and connections:
        text += (
            f" Where a variant has a background load, a second wrk kept "
            f"{connections} requests to its background path in flight during "
            "the whole run."
        )
    return text


def key_figures(record: Record) -> list[str]:
    data = samples(record)
    top = levels(record)[-1]
    lines = []
    for name in data.variants:
        line = (
            f"**{name}** served {rate(record, name, top).median:,.0f} requests per "
            f"second with {top} connections (p99 latency "
            f"{latency_text(record, name, top, 99)}"
        )
        if name != data.baseline and rate(record, name, top).median > 0:
            line += (
                f"; {times(times_baseline(record, name, top).median)} the requests "
                f"and {times(p99_times_baseline(record, name, top))} the p99 of "
                f"{data.baseline}"
            )
        behind = background_rate(record, name, top)
        if behind is not None:
            line += f"; background {behind.median:,.0f} requests per second"
        lines.append(line + ").")
    return lines


def table(record: Record) -> list[str]:
    data = samples(record)
    rows = []
    for name in data.variants:
        for connections in levels(record):
            stat = rate(record, name, connections)
            behind = background_rate(record, name, connections)
            rows.append(
                [
                    f"`{name}`",
                    connections,
                    f"{stat.median:,.1f} ({stat.low:,.1f}–{stat.high:,.1f})",
                    *[latency_text(record, name, connections, p) for p in (50, 90, 99)],
                    "–" if behind is None else f"{behind.median:,.1f}",
                    str(
                        failures(record, name, connections)
                        + background_failures(record, name, connections)
                    ),
                ]
            )
    header = [
        "Variant",
        "Connections",
        "Requests/s (range)",
        "p50",
        "p90",
        "p99",
        "Background requests/s",
        "Timeouts and errors",
    ]
    if data.background is None:
        header.pop(6)
        for row in rows:
            row.pop(6)
    return markdown_table(header, rows)


def draw_p99(axes: Any, record: Record) -> None:
    data = samples(record)
    names = list(data.variants)
    top = levels(record)[-1]
    stats = [latency(record, name, top, 99) for name in names]
    values = [s.median * 1000 for s in stats]
    axes.bar(
        range(len(names)),
        values,
        0.6,
        yerr=[
            [(s.median - s.low) * 1000 for s in stats],
            [(s.high - s.median) * 1000 for s in stats],
        ],
        color=[COLOURS[i % len(COLOURS)] for i in range(len(names))],
        ecolor=TEXT_GREY,
        capsize=2,
    )
    for x, s in enumerate(stats):
        axes.annotate(
            seconds(s.median),
            (x, s.high * 1000),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            fontsize=8,
        )
    axes.set_xticks(range(len(names)), names)
    axes.set_ylabel(f"p99 latency, ms, {top} connections (median, range)")
    axes.set_ylim(0, max(s.high for s in stats) * 1000 * 1.2)
    style_axes(axes, "y")


def draw(axes: Any, record: Record) -> None:
    if record.config.get("CHART") == "p99":
        draw_p99(axes, record)
    else:
        load.draw(axes, record)
