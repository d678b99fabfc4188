"""What every kind's table and chart share: number formats, the provenance
caption, the chart style and the byte-stable SVG writer."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable
from typing import Any

from tools.bench.results import Record
from tools.bench.stats import Spread, spread

GENERATOR = "tools/render"
HASH_LABEL = "results-sha256"
MATPLOTLIB_LABEL = "matplotlib"
SVG_HASH_SALT = "python-concurrency-measured"
# Readable on Material's light and dark schemes alike: a transparent
# background, mid-grey text and lines, colours of middle lightness.
TEXT_GREY = "#8a8a8a"
GRID_GREY = "#8a8a8a40"
COLOURS = ["#3d8fd6", "#e69f00", "#2ba37c", "#cc79a7", "#8f7fd6"]
CEILING_COLOUR = "#e0533a"
CHART_SIZE_INCHES = (7.2, 4.6)
CAPTION_WIDTH = 130  # characters per caption line drawn under a chart
CHART_RC: dict[str, Any] = {
    "svg.hashsalt": SVG_HASH_SALT,
    "svg.fonttype": "none",  # text stays text: small files, the page's own font
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "text.color": TEXT_GREY,
    "axes.labelcolor": TEXT_GREY,
    "axes.edgecolor": TEXT_GREY,
    "xtick.color": TEXT_GREY,
    "ytick.color": TEXT_GREY,
    "axes.facecolor": "none",
    "figure.facecolor": "none",
    "savefig.facecolor": "none",
    "savefig.transparent": True,
    "legend.frameon": False,
}


# --- Words and numbers -----------------------------------------------------------


def times(value: float) -> str:
    return f"{value:.2f}x"


def seconds(value: float) -> str:
    if value < 1e-6:
        return f"{value * 1e9:.1f} ns"
    if value < 1e-3:
        return f"{value * 1e6:.1f} µs"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def size_in_bytes(value: float) -> str:
    for unit, factor in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if abs(value) >= factor:
            return f"{value / factor:.1f} {unit}"
    return f"{value:.0f} B"


def middle(stat: Spread, fmt: Callable[[float], str] = times) -> str:
    """The median, with the middle half of the rounds in brackets."""
    if stat.count < 2:
        return fmt(stat.median)
    return f"{fmt(stat.median)} ({fmt(stat.low)}–{fmt(stat.high)})"


MIDDLE_NOTE = "the middle half of the rounds (25th to 75th percentile) in brackets"


def capacity_text(record: Record) -> str:
    if record.capacity is None:
        return ""
    parts = [
        f"{times(spread(values).median)} with {n} processes"
        for n, values in record.capacity.samples.items()
    ]
    return "; measured capacity " + ", ".join(parts)


def provenance(record: Record) -> str:
    """One line naming the machine, its capacity, the Python, date and commit."""
    machine, python, git = record.machine, record.python, record.git
    physical = machine.physical_cores or "?"
    gil = "GIL enabled" if python.gil_enabled else "GIL disabled"
    build = "free-threaded build, " if python.gil_disabled_build else ""
    dirty = ""
    if git.dirty:
        dirty = " with uncommitted changes to " + ", ".join(git.changed_files)
    cpus = f"{machine.logical_cpus} logical CPUs / {physical} physical cores"
    tools = "".join(f"; {version}" for version in record.tools.values())
    return (
        f"Measured on {machine.cpu_model} ({cpus}, "
        f"{size_in_bytes(machine.memory_bytes)}), {machine.os}, kernel "
        f"{machine.kernel}{capacity_text(record)}; {python.implementation} "
        f"{python.version} ({build}{gil}, start method {python.start_method})"
        f"{tools}; {record.date[:10]}; commit {git.commit[:10]}{dirty}."
    )


# --- Charts ----------------------------------------------------------------------


def style_axes(axes: Any, grid: str = "y") -> None:
    axes.grid(axis=grid, color=GRID_GREY)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)


def svg_chart(
    record: Record,
    digest: str,
    method: str,
    draw: Callable[[Any, Record], None],
    axes_box: tuple[float, float, float, float] = (0.09, 0.25, 0.88, 0.6),
) -> str:
    """The SVG text of a chart: `draw(axes, record)` fills the axes, this adds
    the title, the provenance caption and the metadata."""
    import matplotlib
    from matplotlib.figure import Figure

    # matplotlib types rc keys as Literals; CHART_RC holds only valid ones.
    with matplotlib.rc_context(CHART_RC):  # type: ignore[arg-type]
        figure = Figure(figsize=CHART_SIZE_INCHES)
        axes = figure.add_axes(axes_box)
        draw(axes, record)
        figure.suptitle(record.title, x=0.02, ha="left", fontsize=11)
        caption = f"{method} {provenance(record)}"
        figure.text(
            0.02,
            0.02,
            "\n".join(textwrap.wrap(caption, CAPTION_WIDTH)),
            fontsize=7,
            va="bottom",
        )
        version = matplotlib.__version__
        buffer = io.StringIO()
        figure.savefig(
            buffer,
            format="svg",
            metadata={
                "Title": record.title,
                "Date": None,
                "Creator": f"{GENERATOR}, rendered with {MATPLOTLIB_LABEL} {version}",
                "Description": f"{HASH_LABEL}: {digest}. {provenance(record)}",
            },
        )
    return buffer.getvalue()


def markdown_table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|:--|" + "--:|" * (len(header) - 1)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]
