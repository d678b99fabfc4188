"""Render benchmark results into the Markdown tables and SVG charts pages include.

    python -m tools.render              # every docs/results/*.json
    python -m tools.render cpu_bound    # one
    python -m tools.render --check      # change nothing; list what is out of date

For docs/results/NAME.json it writes docs/results/NAME.md (key figures, a table
and a provenance caption, included into pages with --8<--) and
docs/results/NAME.svg (a chart with the same caption drawn in). Both carry the
SHA-256 of the results file they came from, so the tests can tell when either
has drifted from the data. Nothing here measures anything: it only reads JSON.

The SVG is byte-stable for one matplotlib version (fixed svg.hashsalt, no date);
it records that version, and the re-render check is skipped on another.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import re
import sys
import textwrap
from pathlib import Path
from typing import Any

from tools.bench import RESULTS_DIR, ROOT, missing_provenance, read_results

GENERATOR = "tools/render.py"
HASH_LABEL = "results-sha256"
MATPLOTLIB_LABEL = "matplotlib"
SVG_HASH_SALT = "python-concurrency-measured"
# Readable on Material's light and dark schemes alike: a transparent
# background, mid-grey text and lines, colours of middle lightness.
TEXT_GREY = "#8a8a8a"
GRID_GREY = "#8a8a8a40"
KIND_COLOURS = ["#3d8fd6", "#e69f00", "#2ba37c", "#cc79a7", "#8f7fd6"]
CEILING_COLOUR = "#e0533a"
CHART_SIZE_INCHES = (7.2, 4.6)
LOW_CAPACITY = 1.3  # below this for 2 processes, the fragment says so
LOG_TICKS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
CAPTION_WIDTH = 130  # characters per caption line drawn under a chart
CHART_RC = {
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
FRAGMENT_HEADER = re.compile(rf"{HASH_LABEL}: ([0-9a-f]{{64}})")
SVG_VERSION = re.compile(rf"rendered with {MATPLOTLIB_LABEL} (\d[\w.+]*)")


def results_sha256(path: Path) -> str:
    """SHA-256 of a results file, line endings normalised (as tools.bench hashes)."""
    return hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()


def outputs_for(results_path: Path) -> tuple[Path, Path]:
    """(Markdown fragment, SVG chart) rendered from one results file."""
    return results_path.with_suffix(".md"), results_path.with_suffix(".svg")


# --- Words and numbers -----------------------------------------------------------


def times(value: float) -> str:
    return f"{value:.2f}x"


def seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def gib(size_bytes: int) -> str:
    return f"{size_bytes / 2**30:.1f} GiB"


def kind_of(variant: str) -> str:
    kind, _, count = variant.rpartition("-")
    return kind if count.isdigit() else variant


def capacity_text(record: dict[str, Any]) -> str:
    medians = record["capacity"]["median"]
    parts = [f"{times(value)} with {n} processes" for n, value in medians.items()]
    return "measured capacity " + ", ".join(parts)


def provenance(record: dict[str, Any]) -> str:
    """One line naming the machine, its capacity, the Python, date and commit."""
    machine, python, git = record["machine"], record["python"], record["git"]
    physical = machine["physical_cores"] or "?"
    gil = "GIL enabled" if python["gil_enabled"] else "GIL disabled"
    build = "free-threaded build, " if python["gil_disabled_build"] else ""
    dirty = " with uncommitted changes" if git["dirty"] else ""
    cores = f"{machine['logical_cores']} logical / {physical} physical cores"
    return (
        f"Measured on {machine['cpu_model']} ({cores}, "
        f"{gib(machine['memory_bytes'])}), {machine['os']}, kernel "
        f"{machine['kernel']}; {capacity_text(record)}; "
        f"{python['implementation']} {python['version']} ({build}{gil}, "
        f"start method {python['start_method']}); {record['date'][:10]}; "
        f"commit {git['commit'][:10]}{dirty}."
    )


def method_text(record: dict[str, Any]) -> str:
    rounds = record["schedule"]["rounds"]
    return (
        f"Median of {rounds} rounds at size {record['size']['value']:,}; speedups "
        f"are medians of per-round ratios against {record['baseline']} "
        "(lowest and highest in brackets)."
    )


def spread(stat: dict[str, float]) -> str:
    return f"{times(stat['median'])} ({times(stat['min'])}–{times(stat['max'])})"


# --- The Markdown fragment -----------------------------------------------------------


def key_figures(record: dict[str, Any]) -> list[str]:
    """One generated sentence per comparison the guides talk about."""
    summary, baseline = record["summary"], record["baseline"]
    lines = []
    if record["ideal_seconds"]:
        ideal = seconds(record["ideal_seconds"])
        for name, entry in summary.items():
            if name == baseline:
                continue
            lines.append(
                f"**{name}** took {times(entry['times_ideal']['median'])} the ideal "
                f"of one wait ({ideal}), {times(entry['speedup']['median'])} as "
                f"fast as {baseline}."
            )
        return lines
    by_workers: dict[int, list[str]] = {}
    for name, entry in summary.items():
        if entry["workers"] and entry["workers"] > 1:
            by_workers.setdefault(entry["workers"], []).append(name)
    two = record["capacity"]["median"].get("2", 2.0)
    if two < LOW_CAPACITY:
        lines.append(
            f"**Little parallel capacity in this run:** 2 busy processes got only "
            f"{times(two)} the throughput of one, so no variant could show much "
            "of a parallel speedup. Compare each bar with its ceiling, not with "
            "the number of cores."
        )
    for workers, names in sorted(by_workers.items()):
        ceiling = times(record["capacity"]["median"][str(workers)])
        parts = [
            f"{kind_of(name)} {times(summary[name]['speedup']['median'])}"
            for name in names
        ]
        lines.append(
            f"**{workers} workers** ran " + ", ".join(parts) + f" as fast as "
            f"{baseline}, against a measured ceiling of {ceiling} for {workers} "
            "busy processes."
        )
    return lines


def table(record: dict[str, Any]) -> list[str]:
    ideal = record["ideal_seconds"]
    header = ["Variant", "Workers", "Median time", f"Speedup vs {record['baseline']}"]
    header += ["Times the ideal"] if ideal else ["Ceiling (capacity)", "Of ceiling"]
    rows = [
        "| " + " | ".join(header) + " |",
        "|:--|" + "--:|" * (len(header) - 1),
    ]
    for name, entry in record["summary"].items():
        is_baseline = name == record["baseline"]
        workers = entry["workers"] or (1 if is_baseline and not ideal else "—")
        cells = [
            f"`{name}`",
            str(workers),
            seconds(entry["seconds"]["median"]),
            "baseline" if is_baseline else spread(entry["speedup"]),
        ]
        if ideal:
            cells.append(spread(entry["times_ideal"]))
        elif "capacity" in entry:
            share = entry["share_of_capacity"]["median"]
            cells += [times(entry["capacity"]["median"]), f"{share:.0%}"]
        else:
            cells += ["—", "—"]
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def render_fragment(record: dict[str, Any], results_path: Path, digest: str) -> str:
    name = record["benchmark"]
    shown = results_path.relative_to(ROOT).as_posix()
    lines = [
        f"<!-- Generated by {GENERATOR} from {shown} ({HASH_LABEL}: {digest}).",
        f"     Do not edit: rerun `make bench BENCH={name}`. -->",
        "",
        *[f"- {line}" for line in key_figures(record)],
        "",
        *table(record),
        "",
        f"*{method_text(record)} {provenance(record)} Raw samples: `{shown}`.*",
    ]
    return "\n".join(lines) + "\n"


# --- The SVG chart ---------------------------------------------------------------


def _speedup_chart(axes: Any, record: dict[str, Any]) -> None:
    """Grouped bars: speedup per executor and worker count, capacity as ceiling."""
    summary = record["summary"]
    workers = sorted({e["workers"] for e in summary.values() if e["workers"]})
    kinds = list(dict.fromkeys(kind_of(n) for n in summary if summary[n]["workers"]))
    kinds = [k for k in kinds if k != record["baseline"]]
    width = 0.8 / max(len(kinds), 1)
    for index, kind in enumerate(kinds):
        xs, medians, low, high = [], [], [], []
        for position, count in enumerate(workers):
            entry = summary.get(f"{kind}-{count}")
            if entry is None:
                continue
            speedup = entry["speedup"]
            xs.append(position - 0.4 + width * (index + 0.5))
            medians.append(speedup["median"])
            low.append(speedup["median"] - speedup["min"])
            high.append(speedup["max"] - speedup["median"])
        axes.bar(
            xs,
            medians,
            width * 0.9,
            yerr=[low, high],
            color=KIND_COLOURS[index % len(KIND_COLOURS)],
            ecolor=TEXT_GREY,
            capsize=3,
            label=kind,
        )
        tops = [m + h for m, h in zip(medians, high, strict=True)]
        for x, value, top in zip(xs, medians, tops, strict=True):
            axes.annotate(
                times(value),
                (x, top),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=8,
            )
    medians = record["capacity"]["median"]
    for position, count in enumerate(workers):
        ceiling = 1.0 if count == 1 else medians.get(str(count))
        if ceiling is None:
            continue
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
    axes.set_ylabel(f"speedup vs {record['baseline']} (median, min–max)")
    axes.set_ylim(0, max(2.2, *(e["speedup"]["max"] for e in summary.values())) * 1.1)
    axes.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=3)


def _ideal_chart(axes: Any, record: dict[str, Any]) -> None:
    """Horizontal bars: each variant's time in multiples of the ideal, log scale."""
    summary = record["summary"]
    names = list(summary)
    for row, name in enumerate(names):
        stat = summary[name]["times_ideal"]
        axes.barh(
            row,
            stat["median"],
            0.6,
            xerr=[[stat["median"] - stat["min"]], [stat["max"] - stat["median"]]],
            color=KIND_COLOURS[row % len(KIND_COLOURS)],
            ecolor=TEXT_GREY,
            capsize=3,
        )
        axes.annotate(
            times(stat["median"]),
            (stat["max"], row),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=9,
        )
    axes.axvline(1.0, color=CEILING_COLOUR, linestyle="dashed", linewidth=1.6)
    axes.annotate(
        f"ideal: one wait ({seconds(record['ideal_seconds'])})",
        (1.0, 1.0),
        xycoords=axes.get_xaxis_transform(),
        xytext=(0, 4),
        textcoords="offset points",
        ha="center",
        va="bottom",
        color=CEILING_COLOUR,
        fontsize=9,
    )
    longest = max(s["times_ideal"]["max"] for s in summary.values())
    axes.set_xscale("log")
    axes.set_xlim(0.7, longest * 2.5)
    ticks = [t for t in LOG_TICKS if t <= longest * 2.5]
    axes.set_xticks(ticks, [f"{t:g}x" for t in ticks])
    axes.minorticks_off()
    axes.set_yticks(range(len(names)), names)
    axes.invert_yaxis()
    axes.set_xlabel("time of one run, in multiples of the ideal (log scale)")


def render_chart(record: dict[str, Any], digest: str) -> str:
    """The SVG text of a results file's chart."""
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(CHART_RC):
        figure = Figure(figsize=CHART_SIZE_INCHES)
        axes = figure.add_axes((0.09, 0.25, 0.88, 0.6))
        if record["ideal_seconds"]:
            axes.set_position((0.13, 0.25, 0.84, 0.6))
            _ideal_chart(axes, record)
        else:
            _speedup_chart(axes, record)
        axes.grid(axis="y" if not record["ideal_seconds"] else "x", color=GRID_GREY)
        axes.set_axisbelow(True)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        figure.suptitle(record["title"], x=0.02, ha="left", fontsize=11)
        caption = f"{method_text(record)} {provenance(record)}"
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
                "Title": record["title"],
                "Date": None,
                "Creator": f"{GENERATOR}, rendered with {MATPLOTLIB_LABEL} {version}",
                "Description": f"{HASH_LABEL}: {digest}. {provenance(record)}",
            },
        )
    return buffer.getvalue()


# --- Files ---------------------------------------------------------------------


def rendered(results_path: Path) -> dict[Path, str]:
    """{output path: the text it should hold} for one results file."""
    record = read_results(results_path)
    missing = missing_provenance(record)
    if missing:
        raise ValueError(
            f"{results_path.name} lacks {', '.join(missing)}: a table without "
            f"provenance is not rendered. Run `make bench BENCH={results_path.stem}`."
        )
    digest = results_sha256(results_path)
    fragment, chart = outputs_for(results_path)
    return {
        fragment: render_fragment(record, results_path, digest),
        chart: render_chart(record, digest),
    }


def results_files(names: list[str] | None = None) -> list[Path]:
    if names:
        return [RESULTS_DIR / f"{name}.json" for name in names]
    return sorted(RESULTS_DIR.glob("*.json"))


def render_all(names: list[str] | None = None, check: bool = False) -> list[Path]:
    """Render (or, with check, only compare); return the files that changed."""
    changed = []
    for results_path in results_files(names):
        for path, text in rendered(results_path).items():
            current = path.read_text(encoding="utf-8") if path.exists() else None
            if current is not None and current.replace("\r\n", "\n") == text:
                continue
            changed.append(path)
            if not check:
                path.write_text(text, encoding="utf-8", newline="\n")
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.render",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("names", nargs="*", metavar="NAME", help="default: all")
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if out of date"
    )
    args = parser.parse_args(argv)
    missing = [p for p in results_files(args.names) if not p.exists()]
    if missing:
        parser.error(f"no results file {missing[0]}: run `make bench` first")
    try:
        changed = render_all(args.names, check=args.check)
    except ValueError as exc:
        parser.exit(1, f"{exc}\n")
    verb = "out of date:" if args.check else "rendered"
    for path in changed:
        print(f"{verb} {path.relative_to(ROOT).as_posix()}")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
