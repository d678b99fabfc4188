"""Run the site's benchmarks and record their results with provenance.

    python -m tools.bench               # every benchmark at full size, then render
    python -m tools.bench cpu_bound     # one (what `make bench BENCH=cpu_bound` runs)
    python -m tools.bench --size small  # a quick try-out; writes nothing
    python -m tools.bench --list        # names, kinds, files, declared budgets

Each benchmark declares its budget (EXPECTED_SECONDS, for a full-size run on
2 cores); the runner refuses a selection whose budgets exceed --budget, and
stops adding rounds to a benchmark that overruns its own budget by half.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tools.bench import kinds
from tools.bench.measure import BudgetExceeded
from tools.bench.results import Record, write
from tools.bench.run import SIZES, Benchmark, discover, run_benchmark
from tools.project import RESULTS_DIR, shown

DEFAULT_BUDGET_SECONDS = 20 * 60  # every benchmark of one `make bench`
SERVE_COMMAND = "make serve"
PAGE_URL = "http://127.0.0.1:8000/benchmarks/"


@contextmanager
def progress_display(enabled: bool) -> Iterator[Any]:
    if not enabled:
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (
        SpinnerColumn(),
        TextColumn("[bold]{task.fields[bench]:<14}"),
        TextColumn("~{task.fields[budget]:>4} s"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
    )
    with Progress(*columns, transient=False) as progress:
        yield progress


def budget_of(bench: Benchmark) -> int:
    return int(bench.load().EXPECTED_SECONDS)


def print_list(benchmarks: dict[str, Benchmark]) -> None:
    total = 0
    for bench in benchmarks.values():
        module = bench.load()
        total += module.EXPECTED_SECONDS
        print(
            f"{bench.name:<14} {module.KIND:<11} ~{module.EXPECTED_SECONDS:>4} s  "
            f"{bench.rel}"
        )
    print(f"{'all':<14} {'':<11} ~{total:>4} s")


def main(argv: list[str] | None = None) -> int:
    benchmarks = discover()
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "names",
        nargs="*",
        metavar="NAME",
        help=f"benchmarks to run (default: all): {', '.join(benchmarks)}",
    )
    parser.add_argument("--size", choices=SIZES, default="full")
    parser.add_argument("--rounds", type=int, help="rounds (default: the kind's)")
    parser.add_argument(
        "--budget",
        type=float,
        default=DEFAULT_BUDGET_SECONDS,
        help="seconds all the chosen benchmarks may take (default: %(default)s)",
    )
    parser.add_argument(
        "--out",
        type=lambda p: __import__("pathlib").Path(p),
        help=f"folder for results files (default: {shown(RESULTS_DIR)} for full "
        "size; a small run writes only with --out)",
    )
    parser.add_argument("--no-render", action="store_true", help="skip tools.render")
    parser.add_argument("--list", action="store_true", help="list benchmarks and exit")
    args = parser.parse_args(argv)

    if args.list:
        print_list(benchmarks)
        return 0
    unknown = [n for n in args.names if n not in benchmarks]
    if unknown:
        parser.error(f"no benchmark named {unknown}; choose from {sorted(benchmarks)}")
    chosen = [benchmarks[n] for n in args.names or benchmarks]
    expected = sum(budget_of(b) for b in chosen)
    if args.size == "full" and expected > args.budget:
        parser.error(
            f"the chosen benchmarks declare {expected} s, over the {args.budget:.0f} s "
            "budget: run fewer, or raise --budget"
        )
    out = args.out or (RESULTS_DIR if args.size == "full" else None)

    started = time.monotonic()
    deadline = started + args.budget
    written = []
    with progress_display(sys.stderr.isatty() or sys.stdout.isatty()) as progress:
        for bench in chosen:
            module = bench.load()
            kind = kinds.KINDS[module.KIND]
            steps = kind.planned_steps(module, args.size, args.rounds)
            task = None
            if progress is not None:
                task = progress.add_task(
                    "", total=steps, bench=bench.name, budget=module.EXPECTED_SECONDS
                )

            def step(description: str, task: Any = task, name: str = bench.name):
                if progress is not None:
                    progress.update(task, description=description, advance=1)
                else:
                    print(f"{name}: {description}", flush=True)

            bench_started = time.monotonic()
            try:
                record = run_benchmark(
                    bench, args.size, args.rounds, deadline=deadline, step=step
                )
            except BudgetExceeded as exc:
                print(f"stopped: {exc}", file=sys.stderr)
                return 1
            took = time.monotonic() - bench_started
            if progress is not None:
                progress.update(
                    task, description=f"done in {took:.0f} s", completed=steps
                )
            else:
                print(
                    f"{bench.name}: done in {took:.0f} s "
                    f"(budget {module.EXPECTED_SECONDS} s)"
                )
            if out is not None:
                path = out / f"{bench.name}.json"
                write(record, path)
                written.append(path)
            print_summary(record, progress)

    minutes, seconds = divmod(round(time.monotonic() - started), 60)
    print(f"\nAll benchmarks took {minutes} min {seconds:02d} s.")
    if not written:
        print("Nothing written (a small run is a try-out; pass --out to keep it).")
        return 0
    for path in written:
        print(f"wrote {shown(path)}")
    if not args.no_render and out == RESULTS_DIR:
        from tools import render

        for path in render.render_all([b.name for b in chosen]):
            print(f"rendered {shown(path)}")
        print(
            f"\nSee your numbers on the site: run `{SERVE_COMMAND}` and open "
            f"{PAGE_URL}\nEach table and chart names this machine and run. "
            "`git diff docs/results` shows what changed; "
            "`git checkout -- docs/results` restores the recorded run."
        )
    return 0


def print_summary(record: Record, progress: Any = None) -> None:
    """The run's key figures, as the page will show them."""
    from rich.console import Console

    from tools.render import summary_lines

    console = progress.console if progress is not None else Console()
    console.print(f"[bold]{record.benchmark}[/bold] ({record.size} size)")
    for line in summary_lines(record):
        console.print(f"  {line}", markup=False)


if __name__ == "__main__":
    sys.exit(main())
