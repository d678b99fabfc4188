"""Comparison: variants against a baseline and the measured capacity."""

from __future__ import annotations

from typing import Any

from tools.bench.kinds.comparison import Samples, split_variant
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
    style_axes,
    times,
)

LOW_CAPACITY = 1.3  # below this for 2 processes, the fragment says so
LOG_TICKS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)


def samples(record: Record) -> Samples:
    return record.samples


def speedup(record: Record, variant: str) -> Spread:
    """Per-round baseline time / variant time, summarised."""
    data = samples(record)
    base = data.variants[data.baseline].seconds
    return spread(paired_ratios(base, data.variants[variant].seconds))


def times_ideal(record: Record, variant: str) -> Spread:
    ideal = samples(record).ideal_seconds or 1.0
    return spread([t / ideal for t in samples(record).variants[variant].seconds])


def capacity(record: Record, workers: int) -> Spread | None:
    values = record.capacity_samples(workers)
    return spread(values) if values else None


def share(record: Record, variant: str, startup: float = 0.0) -> Spread | None:
    """Per-round speedup / capacity measured in the same round."""
    data = samples(record)
    workers = data.variants[variant].workers
    ceiling = record.capacity_samples(workers) if workers else None
    if not ceiling:
        return None
    base = data.variants[data.baseline].seconds
    times_ = data.variants[variant].seconds
    return spread(share_of_capacity(base, times_, ceiling, startup))


def method(record: Record) -> str:
    size = record.config.get("size_value")
    return (
        f"Median of {record.schedule.rounds} rounds at size {size:,}; speedups "
        f"are per-round ratios against {samples(record).baseline}, with "
        f"{MIDDLE_NOTE}."
    )


def one_worker_each(record: Record) -> bool:
    """No ideal and no worker counts: variants doing the same work in one thread
    (a Python loop against a C library), compared only with the baseline."""
    data = samples(record)
    return not data.ideal_seconds and not any(v.workers for v in data.variants.values())


def key_figures(record: Record) -> list[str]:
    data = samples(record)
    if one_worker_each(record):
        return [
            f"**{name}** ran {times(speedup(record, name).median)} as fast as "
            f"{data.baseline}."
            for name in data.variants
            if name != data.baseline
        ]
    if data.ideal_seconds:
        ideal = seconds(data.ideal_seconds)
        return [
            f"**{name}** took {times(times_ideal(record, name).median)} the ideal "
            f"of one wait ({ideal}), {times(speedup(record, name).median)} as fast "
            f"as {data.baseline}."
            for name in data.variants
            if name != data.baseline
        ]
    lines = []
    two = capacity(record, 2)
    if two is not None and two.median < LOW_CAPACITY:
        lines.append(
            f"**Little parallel capacity in this run:** 2 busy processes got only "
            f"{times(two.median)} the throughput of one, so no variant could show "
            "much of a parallel speedup. Compare each bar with its ceiling."
        )
    by_workers: dict[int, list[str]] = {}
    for name, variant in data.variants.items():
        if variant.workers and variant.workers > 1:
            by_workers.setdefault(variant.workers, []).append(name)
    for workers, names in sorted(by_workers.items()):
        ceiling = capacity(record, workers)
        parts = [
            f"{split_variant(n)[0]} {times(speedup(record, n).median)}" for n in names
        ]
        lines.append(
            f"**{workers} workers** ran " + ", ".join(parts) + f" as fast as "
            f"{data.baseline}, against a measured ceiling of "
            f"{times(ceiling.median) if ceiling else '?'} for {workers} busy processes."
        )
    return lines


def table(record: Record) -> list[str]:
    data = samples(record)
    ideal = data.ideal_seconds
    if one_worker_each(record):
        return markdown_table(
            ["Variant", "Median time", f"Speedup vs {data.baseline}"],
            [
                [
                    f"`{name}`",
                    middle(spread(variant.seconds), seconds),
                    "baseline"
                    if name == data.baseline
                    else middle(speedup(record, name)),
                ]
                for name, variant in data.variants.items()
            ],
        )
    header = ["Variant", "Workers", "Median time", f"Speedup vs {data.baseline}"]
    header += ["Times the ideal"] if ideal else ["Ceiling (capacity)", "Of ceiling"]
    rows = []
    for name, variant in data.variants.items():
        is_baseline = name == data.baseline
        workers = variant.workers or (1 if is_baseline and not ideal else "—")
        cells = [
            f"`{name}`",
            str(workers),
            seconds(spread(variant.seconds).median),
            "baseline" if is_baseline else middle(speedup(record, name)),
        ]
        of_ceiling = share(record, name)
        if ideal:
            cells.append(middle(times_ideal(record, name)))
        elif of_ceiling is not None and variant.workers:
            ceiling = capacity(record, variant.workers)
            cells += [
                times(ceiling.median) if ceiling else "—",
                f"{of_ceiling.median:.0%}",
            ]
        else:
            cells += ["—", "—"]
        rows.append(cells)
    return markdown_table(header, rows)


def draw(axes: Any, record: Record) -> None:
    if one_worker_each(record):
        axes.set_position((0.17, 0.25, 0.8, 0.6))
        _times_faster_chart(axes, record)
    elif samples(record).ideal_seconds:
        axes.set_position((0.13, 0.25, 0.84, 0.6))
        _ideal_chart(axes, record)
    else:
        _speedup_chart(axes, record)


def _speedup_chart(axes: Any, record: Record) -> None:
    """Grouped bars: speedup per executor and worker count, capacity as ceiling."""
    data = samples(record)
    named = {n: v for n, v in data.variants.items() if v.workers}
    workers = sorted({v.workers for v in named.values() if v.workers})
    groups = list(dict.fromkeys(split_variant(n)[0] for n in named))
    width = 0.8 / max(len(groups), 1)
    top = 2.2
    for index, group in enumerate(groups):
        xs, medians, low, high = [], [], [], []
        for position, count in enumerate(workers):
            name = f"{group}-{count}"
            if name not in named:
                continue
            stat = speedup(record, name)
            xs.append(position - 0.4 + width * (index + 0.5))
            medians.append(stat.median)
            low.append(stat.median - stat.low)
            high.append(stat.high - stat.median)
            top = max(top, stat.high)
        axes.bar(
            xs,
            medians,
            width * 0.9,
            yerr=[low, high],
            color=COLOURS[index % len(COLOURS)],
            ecolor=TEXT_GREY,
            capsize=3,
            label=group,
        )
        for x, value, up in zip(xs, medians, high, strict=True):
            axes.annotate(
                times(value),
                (x, value + up),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=8,
            )
    for position, count in enumerate(workers):
        ceiling = (
            1.0 if count == 1 else getattr(capacity(record, count), "median", None)
        )
        if ceiling is None:
            continue
        top = max(top, ceiling)
        axes.hlines(
            ceiling,
            position - 0.45,
            position + 0.45,
            colors=CEILING_COLOUR,
            linestyles="dashed",
            linewidth=1.6,
            label="measured capacity (ceiling)" if position == 0 else None,
        )
    axes.axhline(1.0, color=TEXT_GREY, linewidth=0.8)
    labels = [f"{n} worker{'s' if n > 1 else ''}" for n in workers]
    axes.set_xticks(range(len(workers)), labels)
    axes.set_ylabel(f"speedup vs {data.baseline} (median, middle half)")
    axes.set_ylim(0, top * 1.15)
    axes.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=3)
    style_axes(axes, "y")


def _log_bars(axes: Any, names: list[str], stats: list[Spread]) -> float:
    """One horizontal bar per variant, its middle half as error bars and its
    median written beside it; returns the highest value drawn (at least 1)."""
    longest = 1.0
    for row, stat in enumerate(stats):
        longest = max(longest, stat.high)
        axes.barh(
            row,
            stat.median,
            0.6,
            xerr=[[stat.median - stat.low], [stat.high - stat.median]],
            color=COLOURS[row % len(COLOURS)],
            ecolor=TEXT_GREY,
            capsize=3,
        )
        axes.annotate(
            times(stat.median),
            (stat.high, row),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=9,
        )
    return longest


def _ideal_chart(axes: Any, record: Record) -> None:
    """Horizontal bars: each variant's time in multiples of the ideal, log scale."""
    data = samples(record)
    names = list(data.variants)
    longest = _log_bars(axes, names, [times_ideal(record, name) for name in names])
    axes.axvline(1.0, color=CEILING_COLOUR, linestyle="dashed", linewidth=1.6)
    axes.annotate(
        f"ideal: one wait ({seconds(data.ideal_seconds or 0)})",
        (1.0, 1.0),
        xycoords=axes.get_xaxis_transform(),
        xytext=(0, 4),
        textcoords="offset points",
        ha="center",
        va="bottom",
        color=CEILING_COLOUR,
        fontsize=9,
    )
    axes.set_xscale("log")
    axes.set_xlim(0.7, longest * 2.5)
    ticks = [t for t in LOG_TICKS if t <= longest * 2.5]
    axes.set_xticks(ticks, [f"{t:g}x" for t in ticks])
    axes.minorticks_off()
    axes.set_yticks(range(len(names)), names)
    axes.invert_yaxis()
    axes.set_xlabel("time of one run, in multiples of the ideal (log scale)")
    style_axes(axes, "x")


def _times_faster_chart(axes: Any, record: Record) -> None:
    """Horizontal bars: each variant's speedup over the baseline, log scale."""
    data = samples(record)
    names = list(data.variants)
    longest = _log_bars(axes, names, [speedup(record, name) for name in names])
    axes.axvline(1.0, color=TEXT_GREY, linewidth=0.8)
    axes.set_xscale("log")
    axes.set_xlim(0.7, longest * 2.5)
    ticks = [t for t in LOG_TICKS if t <= longest * 2.5]
    axes.set_xticks(ticks, [f"{t:g}x" for t in ticks])
    axes.minorticks_off()
    axes.set_yticks(range(len(names)), names)
    axes.invert_yaxis()
    axes.set_xlabel(f"speedup vs {data.baseline} (median, middle half; log scale)")
    style_axes(axes, "x")
