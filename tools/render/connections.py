"""Connections: memory per connection for each server design, the threads it
ran, and the system limits recorded with the run."""

from __future__ import annotations

from typing import Any

from tools.bench.kinds.connections import Samples
from tools.bench.results import Record
from tools.render import footprint
from tools.render.common import markdown_table, size_in_bytes

MEASURES = ("rss", "uss")


def samples(record: Record) -> Samples:
    return record.samples


def counts(record: Record, unit: str) -> list[int]:
    return footprint.counts(record, unit)


def most_threads(record: Record, unit: str, count: int) -> int:
    return max(s.threads for s in samples(record).units[unit][str(count)])


def all_open_at_once(record: Record, unit: str, count: int) -> bool:
    """Did every round hold all `count` connections at the same moment?"""
    return all(s.open_at_once == count for s in samples(record).units[unit][str(count)])


def per_connection(record: Record, unit: str, measure: str = "rss") -> float | None:
    """Bytes per connection: the slope of the growth over the counts."""
    return footprint.per_unit(record, unit, measure)


def limit_text(name: str, value: int | None) -> str:
    if value is None:
        return f"{name}: no limit set"
    if "stack" in name:
        return f"{name}: {size_in_bytes(value)}"
    return f"{name}: {value:,}"


def method(record: Record) -> str:
    return (
        f"{samples(record).method}; per connection is the slope of the growth "
        f"over the counts, median of {record.schedule.rounds} rounds. RSS counts "
        "every resident page, shared ones too; USS only the pages no other "
        "process shares."
    )


def key_figures(record: Record) -> list[str]:
    lines = []
    for unit in samples(record).units:
        largest = max(counts(record, unit))
        held = "held" if all_open_at_once(record, unit, largest) else "did not hold"
        threads = most_threads(record, unit, largest)
        value = per_connection(record, unit)
        each = "n/a" if value is None else size_in_bytes(value)
        lines.append(
            f"**{unit}**: {held} {largest:,} connections at once with "
            f"{threads:,} thread{'s' if threads != 1 else ''} in the server; "
            f"**{each}** RSS per connection."
        )
    limits = samples(record).limits
    if limits:
        lines.append(
            "Limits read from the system in the same run: "
            + "; ".join(limit_text(k, v) for k, v in limits.items())
            + "."
        )
    return lines


def table(record: Record) -> list[str]:
    rows = []
    for unit in samples(record).units:
        for count in counts(record, unit):
            cells = [
                unit,
                f"{count:,}",
                "yes" if all_open_at_once(record, unit, count) else "no",
                f"{most_threads(record, unit, count):,}",
            ]
            for measure in MEASURES:
                value = footprint.median_growth(record, unit, count, measure)
                cells.append("n/a" if value is None else size_in_bytes(value))
            rows.append(cells)
        slope = [per_connection(record, unit, m) for m in MEASURES]
        rows.append(
            [f"**{unit}, per connection**", "slope", "", ""]
            + ["n/a" if v is None else f"**{size_in_bytes(v)}**" for v in slope]
        )
    return markdown_table(
        [
            "Server",
            "Connections",
            "All open at once",
            "Threads",
            "RSS growth",
            "USS growth",
        ],
        rows,
    )


def draw(axes: Any, record: Record) -> None:
    footprint.draw(axes, record)
    axes.set_xlabel("connections held open at once")
    axes.legend(loc="upper left", fontsize=8)
