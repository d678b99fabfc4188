"""Load: requests per second and latency percentiles per variant and
concurrency level, from wrk."""

from __future__ import annotations

from typing import Any

from tools.bench.kinds.load import Samples, WrkRun
from tools.bench.results import Record
from tools.bench.stats import Spread, paired_ratios, spread
from tools.render.common import (
    COLOURS,
    TEXT_GREY,
    markdown_table,
    seconds,
    style_axes,
    times,
)


def samples(record: Record) -> Samples:
    return record.samples


def levels(record: Record) -> list[str]:
    first = next(iter(samples(record).variants.values()))
    return sorted(first, key=int)


def runs(record: Record, variant: str, connections: str) -> list[WrkRun]:
    return samples(record).variants[variant][connections]


def rate(record: Record, variant: str, connections: str) -> Spread:
    return spread([r.requests_per_second for r in runs(record, variant, connections)])


def latency(record: Record, variant: str, connections: str, pct: int) -> Spread:
    field = f"latency_p{pct}"
    return spread([getattr(r, field) for r in runs(record, variant, connections)])


def times_baseline(record: Record, variant: str, connections: str) -> Spread:
    """Per round: this variant's requests per second / the baseline's."""
    data = samples(record)
    mine = [r.requests_per_second for r in runs(record, variant, connections)]
    base = [r.requests_per_second for r in runs(record, data.baseline, connections)]
    return spread(paired_ratios(mine, base))


def failures(record: Record, variant: str, connections: str) -> int:
    """Timeouts, socket errors and non-2xx answers, over every round."""
    return sum(
        r.timeouts + r.errors + r.non_2xx for r in runs(record, variant, connections)
    )


def method(record: Record) -> str:
    data = samples(record)
    duration = record.config.get(
        "DURATION_SECONDS" if record.size == "full" else "SMALL_DURATION_SECONDS"
    )
    return (
        f"wrk -t{data.wrk_threads} --timeout {data.timeout} --latency for "
        f"{duration} s per run against a fresh server, median of "
        f"{record.schedule.rounds} rounds; wrk is a closed loop (each connection "
        "waits for its answer before sending again), so its latencies leave out "
        "the queueing an open stream of users would meet."
    )


def key_figures(record: Record) -> list[str]:
    data = samples(record)
    top = levels(record)[-1]
    base = rate(record, data.baseline, top).median
    lines = [
        f"**{data.baseline}** served {base:,.0f} requests per second with {top} "
        f"connections (p99 latency "
        f"{seconds(latency(record, data.baseline, top, 99).median)})."
    ]
    for name in data.variants:
        if name == data.baseline:
            continue
        lines.append(
            f"**{name}** served {rate(record, name, top).median:,.0f} "
            f"({times(times_baseline(record, name, top).median)} of "
            f"{data.baseline}; p99 {seconds(latency(record, name, top, 99).median)})."
        )
    return lines


def table(record: Record) -> list[str]:
    rows = []
    for name in samples(record).variants:
        for connections in levels(record):
            stat = rate(record, name, connections)
            rows.append(
                [
                    f"`{name}`",
                    connections,
                    f"{stat.median:,.1f} ({stat.low:,.1f}–{stat.high:,.1f})",
                    *[
                        seconds(latency(record, name, connections, p).median)
                        for p in (50, 90, 99)
                    ],
                    str(failures(record, name, connections)),
                ]
            )
    header = [
        "Variant",
        "Connections",
        "Requests/s (range)",
        "p50",
        "p90",
        "p99",
        "Timeouts and errors",
    ]
    return markdown_table(header, rows)


def draw(axes: Any, record: Record) -> None:
    data = samples(record)
    names = list(data.variants)
    conns = levels(record)
    width = 0.8 / len(conns)
    top = 0.0
    for index, connections in enumerate(conns):
        offsets = [i - 0.4 + width * (index + 0.5) for i in range(len(names))]
        stats = [rate(record, name, connections) for name in names]
        top = max(top, *(s.high for s in stats))
        axes.bar(
            offsets,
            [s.median for s in stats],
            width * 0.9,
            yerr=[
                [s.median - s.low for s in stats],
                [s.high - s.median for s in stats],
            ],
            color=COLOURS[index % len(COLOURS)],
            ecolor=TEXT_GREY,
            capsize=2,
            label=f"{connections} connections",
        )
        for x, s in zip(offsets, stats, strict=True):
            axes.annotate(
                f"{s.median:,.0f}",
                (x, s.high),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                fontsize=8,
            )
    axes.set_xticks(range(len(names)), names)
    axes.set_ylabel("requests per second (median, range)")
    axes.set_ylim(0, top * 1.2)
    axes.legend(loc="upper right", fontsize=8)
    style_axes(axes, "y")
