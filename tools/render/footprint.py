"""Footprint: memory per unit, from the growth of the process's memory over
the unit counts."""

from __future__ import annotations

from typing import Any

from tools.bench.kinds.footprint import Sample, Samples
from tools.bench.results import Record
from tools.bench.stats import growth_per_unit, spread
from tools.render.common import COLOURS, markdown_table, size_in_bytes, style_axes

MEASURES = ("rss", "uss", "pss")


def samples(record: Record) -> Samples:
    return record.samples


def counts(record: Record, unit: str) -> list[int]:
    return sorted(int(c) for c in samples(record).units[unit])


def growth(sample: Sample, measure: str) -> float | None:
    before, during = getattr(sample.before, measure), getattr(sample.during, measure)
    if before is None or during is None:
        return None
    return float(during - before)


def median_growth(record: Record, unit: str, count: int, measure: str) -> float | None:
    """Bytes the process grew by while `count` units existed (median of rounds)."""
    values = [growth(s, measure) for s in samples(record).units[unit][str(count)]]
    known = [v for v in values if v is not None]
    return spread(known).median if known else None


def per_unit(record: Record, unit: str, measure: str = "rss") -> float | None:
    """Bytes per unit: the slope of the growth over the counts (what a
    constant start-up cost, such as a thread pool or a module, leaves out)."""
    points = [
        (c, median_growth(record, unit, c, measure)) for c in counts(record, unit)
    ]
    known = [(c, g) for c, g in points if g is not None]
    if len(known) < 2:
        return None
    return growth_per_unit([c for c, _ in known], [g for _, g in known])


def method(record: Record) -> str:
    return (
        f"{samples(record).method}; per unit is the slope of the growth over the "
        f"counts, median of {record.schedule.rounds} rounds. RSS counts every "
        "resident page, shared ones too; USS only the pages no other process "
        "shares; PSS (Linux) splits each shared page among its sharers."
    )


def key_figures(record: Record) -> list[str]:
    lines = []
    for unit in samples(record).units:
        parts = []
        for measure in MEASURES:
            value = per_unit(record, unit, measure)
            if value is not None:
                parts.append(f"{size_in_bytes(value)} {measure.upper()}")
        lines.append(f"**One idle {unit.rstrip('s')}** took " + ", ".join(parts) + ".")
    return lines


def table(record: Record) -> list[str]:
    rows = []
    for unit in samples(record).units:
        for count in counts(record, unit):
            cells = [f"{unit}", f"{count:,}"]
            for measure in MEASURES:
                value = median_growth(record, unit, count, measure)
                cells.append("n/a" if value is None else size_in_bytes(value))
            rows.append(cells)
        slope = [per_unit(record, unit, m) for m in MEASURES]
        rows.append(
            [f"**{unit}, per unit**", "slope"]
            + ["n/a" if v is None else f"**{size_in_bytes(v)}**" for v in slope]
        )
    return markdown_table(
        ["Unit", "Count", "RSS growth", "USS growth", "PSS growth"], rows
    )


def draw(axes: Any, record: Record) -> None:
    for index, unit in enumerate(samples(record).units):
        xs = counts(record, unit)
        ys = [(median_growth(record, unit, c, "rss") or 0) / 2**20 for c in xs]
        colour = COLOURS[index % len(COLOURS)]
        slope = per_unit(record, unit, "rss") or 0.0
        label = f"{unit}: {size_in_bytes(slope)} each (slope)"
        axes.plot(xs, ys, "o-", color=colour, label=label)
    axes.set_xlabel("units alive at once")
    axes.set_ylabel("RSS growth (MiB, median)")
    axes.set_ylim(bottom=0)
    axes.legend(loc="upper left", fontsize=8)
    style_axes(axes, "y")
