"""Run the site's benchmarks and record their results with provenance.

    python -m tools.bench               # every benchmark at full size, then render
    python -m tools.bench cpu_bound     # one (what `make bench BENCH=cpu_bound` runs)
    python -m tools.bench --size small  # a quick try-out; writes nothing
    python -m tools.bench --list        # names, files, declared durations

A benchmark is an example file `examples/NN_topic/bench_<name>.py` (so the
tests run it and a page shows it) that declares, at the top:

    FULL_SIZE         the argument each variant gets in `make bench`
    SMALL_SIZE        the argument the claims tests use
    EXPECTED_SECONDS  how long a full-size run takes on 2 cores (for the budget)
    VARIANTS          {name: function(size) -> answer}; the first is the baseline
    IDEAL_SECONDS     optional: the best time any variant could reach

A variant named `<kind>-<N>` (`processes-2`) runs N workers: its speedup is
compared with the machine's measured capacity for N busy processes.

The schedule, made for a noisy machine: one warm-up call of every variant
(each answer must equal the baseline's), then rounds; a round runs the capacity
probe and every variant once, and each round reverses the previous one's order
(A B C, C B A, ...) so slow drift hits all variants alike. Speedups are medians
of per-round paired ratios against the baseline. A pool is started and stopped
inside the timed call, so process start-up counts.

The capacity probe: a pool of warm worker processes; one of them spins a fixed
pure-Python loop alone, then N of them spin it at once, then one alone again.
N x (time alone) / (time of N at once) is how many cores the machine really
gave, right then.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import importlib
import importlib.metadata
import json
import multiprocessing
import os
import platform
import statistics
import subprocess
import sys
import sysconfig
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
RESULTS_DIR = ROOT / "docs" / "results"
BENCH_PATTERN = "*/bench_*.py"  # examples/NN_topic/bench_<name>.py
SCHEMA_VERSION = 1
SIZES = ("full", "small")
ROUNDS = {"full": 10, "small": 5}
MIN_ROUNDS = 3  # a budget may cut rounds short, never below this
CAPACITY_PROBE_SECONDS = {"full": 0.5, "small": 0.2}  # one probe spin, alone
CALIBRATION_LOOPS = 200_000
DEFAULT_BUDGET_SECONDS = 15 * 60  # all benchmarks of one `make bench`
OVERRUN_FACTOR = 1.5  # a benchmark may run this much longer than it declares
SAMPLE_DIGITS = 6  # seconds are recorded to the microsecond
SERVE_COMMAND = "make serve"
PAGE_URL = "http://127.0.0.1:8000/benchmarks/"
RUNNER_PACKAGES = ("psutil", "rich")

# Fields every results file must hold (dotted paths). A null is allowed only
# where the platform cannot tell (os.process_cpu_count() before Python 3.13).
PROVENANCE_FIELDS = (
    "benchmark",
    "source",
    "sources",
    "source_sha256",
    "size.name",
    "size.value",
    "schedule.rounds",
    "variants",
    "summary",
    "capacity.median",
    "capacity.samples",
    "machine.cpu_model",
    "machine.logical_cores",
    "machine.physical_cores",
    "machine.process_cpu_count",
    "machine.memory_bytes",
    "machine.os",
    "machine.kernel",
    "python.version",
    "python.implementation",
    "python.gil_disabled_build",
    "python.gil_enabled",
    "python.start_method",
    "packages",
    "date",
    "git.commit",
    "git.dirty",
    "record_sha256",
)
NULLABLE_FIELDS = {"machine.process_cpu_count", "machine.physical_cores"}


class BudgetExceeded(RuntimeError):
    """The run would not fit in the time it was given."""


# --- Benchmarks: discovery, loading, source hashes -----------------------------


@dataclass(frozen=True)
class Benchmark:
    name: str
    path: Path

    @property
    def rel(self) -> str:
        return self.path.relative_to(ROOT).as_posix()

    @property
    def results_path(self) -> Path:
        return RESULTS_DIR / f"{self.name}.json"

    @property
    def command(self) -> str:
        """The command that reruns this benchmark and re-renders its outputs."""
        return f"make bench BENCH={self.name}"

    def load(self) -> ModuleType:
        """Import the file as a top-level module, so process pools can pickle it."""
        folder = str(self.path.parent)
        if folder not in sys.path:
            sys.path.insert(0, folder)
        module = importlib.import_module(self.path.stem)
        if Path(module.__file__ or "").resolve() != self.path:
            raise RuntimeError(f"{self.path.stem} imported from {module.__file__}")
        return module


def discover() -> dict[str, Benchmark]:
    """Every benchmark under examples/, by name (bench_cpu_bound.py -> cpu_bound)."""
    found = {}
    for path in sorted(EXAMPLES.glob(BENCH_PATTERN)):
        name = path.stem.removeprefix("bench_")
        if name in found:
            raise RuntimeError(f"two benchmarks named {name}: {path}")
        found[name] = Benchmark(name, path.resolve())
    return found


def text_sha256(path: Path) -> str:
    """SHA-256 of a text file with line endings normalised (a Windows checkout
    converts them, and must not look stale)."""
    text = path.read_bytes().replace(b"\r\n", b"\n")
    return hashlib.sha256(text).hexdigest()


def imported_modules(path: Path) -> set[str]:
    """Names of the modules a Python file imports (absolute imports only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def project_module(name: str, importer: Path, root: Path = ROOT) -> Path | None:
    """The file inside the project that `import name` would load, if any.

    Looked up beside the importer, in examples/ and at the root: the places
    on sys.path when an example or the runner imports it.
    """
    parts = name.split(".")
    root = root.resolve()
    for base in (importer.parent, root / "examples", root):
        candidate = base.joinpath(*parts)
        for option in (candidate.with_suffix(".py"), candidate / "__init__.py"):
            inside = root in option.resolve().parents and ".venv" not in option.parts
            if option.is_file() and inside:
                return option.resolve()
    return None


def source_files(path: Path, root: Path = ROOT) -> list[Path]:
    """The benchmark file plus every project module it imports, recursively."""
    seen: list[Path] = []
    todo = [path.resolve()]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.append(current)
        for name in imported_modules(current):
            found = project_module(name, current, root)
            if found is not None:
                todo.append(found)
    return sorted(seen)


def source_hashes(path: Path, root: Path = ROOT) -> tuple[str, dict[str, str]]:
    """(combined SHA-256, {file: SHA-256}) of a benchmark and what it imports."""
    root = root.resolve()
    per_file = {
        f.relative_to(root).as_posix(): text_sha256(f) for f in source_files(path, root)
    }
    listing = "".join(f"{name} {digest}\n" for name, digest in sorted(per_file.items()))
    return hashlib.sha256(listing.encode()).hexdigest(), per_file


# --- Provenance: machine, Python, packages, git --------------------------------


def _run(*command: str) -> str | None:
    try:
        result = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def cpu_model() -> str:
    if sys.platform.startswith("linux"):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.split(":")[0].strip() in ("model name", "Model", "cpu model"):
                return line.split(":", 1)[1].strip()
    elif sys.platform == "darwin":
        brand = _run("sysctl", "-n", "machdep.cpu.brand_string")
        if brand:
            return brand.strip()
    return platform.processor() or platform.machine() or "unknown"


def os_name() -> str:
    if sys.platform.startswith("linux"):
        try:
            return platform.freedesktop_os_release()["PRETTY_NAME"]
        except (OSError, KeyError):
            return "Linux"
    if sys.platform == "darwin":
        return f"macOS {platform.mac_ver()[0]}"
    if sys.platform == "win32":
        return f"Windows {platform.release()} ({platform.version()})"
    return platform.system()


def machine_info() -> dict[str, Any]:
    import psutil

    affinity = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    process_cpu_count = getattr(os, "process_cpu_count", None)
    return {
        "cpu_model": cpu_model(),
        "architecture": platform.machine(),
        "logical_cores": os.cpu_count(),
        "physical_cores": psutil.cpu_count(logical=False),
        "process_cpu_count": process_cpu_count() if process_cpu_count else None,
        "affinity_cores": len(affinity) if affinity is not None else None,
        "memory_bytes": psutil.virtual_memory().total,
        "os": os_name(),
        "system": platform.system(),
        "kernel": platform.release(),
        "load_average": _load_average(),
    }


def _load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):
        return None


def python_info() -> dict[str, Any]:
    is_gil_enabled = getattr(sys, "_is_gil_enabled", None)
    return {
        "version": platform.python_version(),
        "implementation": platform.python_implementation(),
        "full_version": sys.version,
        "compiler": platform.python_compiler(),
        # Py_GIL_DISABLED: built free-threaded. _is_gil_enabled(): GIL on right now.
        "gil_disabled_build": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
        "gil_enabled": is_gil_enabled() if is_gil_enabled else True,
        "start_method": multiprocessing.get_start_method(),
    }


def package_versions(files: list[Path]) -> dict[str, str]:
    """Versions of the installed distributions the benchmark and runner import."""
    wanted = set(RUNNER_PACKAGES)
    distributions = importlib.metadata.packages_distributions()
    for path in files:
        for name in imported_modules(path):
            top = name.split(".")[0]
            if top in sys.stdlib_module_names or project_module(top, path):
                continue
            wanted.update(distributions.get(top, [top]))
    versions = {}
    for name in sorted(wanted):
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def git_info() -> dict[str, Any]:
    commit = _run("git", "rev-parse", "HEAD")
    status = _run("git", "status", "--porcelain", "--untracked-files=no")
    changed = [line[3:] for line in (status or "").splitlines()]
    return {
        "commit": commit.strip() if commit else "unknown (not a git checkout)",
        "dirty": bool(changed) if status is not None else None,
        "changed_files": changed[:20],
    }


# --- Measuring -----------------------------------------------------------------


def spin(loops: int) -> int:
    """The capacity probe's work: a pure-Python loop that never waits."""
    total = 0
    for number in range(loops):
        total += number
    return total


def timed(function: Callable[[int], Any], size: int) -> tuple[float, Any]:
    started = time.perf_counter()
    answer = function(size)
    return time.perf_counter() - started, answer


def _probe_worker(connection: Any) -> None:
    """Spin each loop count the parent sends and reply; stop on None."""
    while (loops := connection.recv()) is not None:
        connection.send(spin(loops))


class CapacityProbe:
    """Warm worker processes that measure how many cores the machine gives now.

    Plain processes and pipes, not a pool: a pool keeps a thread running in
    this process, and forking the variants' pools from a process with threads
    risks deadlocks (Python 3.12+ warns about it).
    """

    def __init__(self, worker_counts: list[int], probe_seconds: float) -> None:
        self.worker_counts = worker_counts
        self.connections = []
        self.workers = []
        for _ in range(max(worker_counts)):
            ours, theirs = multiprocessing.Pipe()
            worker = multiprocessing.Process(
                target=_probe_worker, args=(theirs,), daemon=True
            )
            worker.start()
            theirs.close()
            self.connections.append(ours)
            self.workers.append(worker)
        # Every worker answers once now, so no measurement pays for a start-up.
        self._time(len(self.workers), 1)
        self.loops = self._calibrate(probe_seconds)

    def _calibrate(self, probe_seconds: float) -> int:
        best = min(self._time(1, CALIBRATION_LOOPS) for _ in range(3))
        return max(CALIBRATION_LOOPS, int(CALIBRATION_LOOPS * probe_seconds / best))

    def _time(self, processes: int, loops: int) -> float:
        started = time.perf_counter()
        for connection in self.connections[:processes]:
            connection.send(loops)
        for connection in self.connections[:processes]:
            connection.recv()
        return time.perf_counter() - started

    def measure(self) -> dict[int, float]:
        """{N: N x (one process alone) / (N processes at once)} for each N.

        One process alone is timed before and after the others (A B A), and
        the two averaged, so a machine getting busier or quieter meanwhile
        does not tilt the ratio.
        """
        before = self._time(1, self.loops)
        together = {n: self._time(n, self.loops) for n in self.worker_counts}
        alone = (before + self._time(1, self.loops)) / 2
        return {n: n * alone / seconds for n, seconds in together.items()}

    def close(self) -> None:
        for connection in self.connections:
            connection.send(None)
            connection.close()
        for worker in self.workers:
            worker.join()


def workers_of(variant: str) -> int | None:
    """processes-2 -> 2; a name without a -N suffix has no fixed worker count."""
    _kind, _, count = variant.rpartition("-")
    return int(count) if count.isdigit() else None


def stats(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), SAMPLE_DIGITS),
        "min": round(min(values), SAMPLE_DIGITS),
        "max": round(max(values), SAMPLE_DIGITS),
    }


def summarize(
    samples: dict[str, list[float]],
    capacity: dict[int, list[float]],
    baseline: str,
    ideal_seconds: float | None,
) -> dict[str, Any]:
    """Per variant: its times, and medians of paired ratios against the baseline."""
    summary = {}
    for name, times in samples.items():
        ratios = [base / t for base, t in zip(samples[baseline], times, strict=True)]
        entry: dict[str, Any] = {
            "workers": workers_of(name),
            "seconds": stats(times),
            "speedup": stats(ratios),
        }
        workers = workers_of(name)
        if workers and workers in capacity:
            shares = [r / c for r, c in zip(ratios, capacity[workers], strict=True)]
            entry["capacity"] = stats(capacity[workers])
            entry["share_of_capacity"] = stats(shares)
        if ideal_seconds:
            entry["times_ideal"] = stats([t / ideal_seconds for t in times])
        summary[name] = entry
    return summary


def capacity_counts(variants: list[str]) -> list[int]:
    """Worker counts to probe: every N > 1 the variants use, and always 2."""
    counts = {2} | {n for v in variants if (n := workers_of(v)) and n > 1}
    return sorted(counts)


Step = Callable[[str], None]


def run_benchmark(
    benchmark: Benchmark,
    size: str = "full",
    rounds: int | None = None,
    only: list[str] | None = None,
    deadline: float | None = None,
    step: Step | None = None,
) -> dict[str, Any]:
    """Measure one benchmark; return its results record (nothing is written).

    `only` limits the variants (the baseline always runs); `deadline` is a
    time.monotonic() value the run must finish by; `step` is called with a
    short description before each measurement (for a progress display).
    """
    if size not in SIZES:
        raise ValueError(f"size must be one of {SIZES}, not {size!r}")
    started, started_at = time.monotonic(), datetime.now(timezone.utc)
    load_before = _load_average()
    module = benchmark.load()
    all_variants: dict[str, Callable[[int], Any]] = dict(module.VARIANTS)
    baseline = next(iter(all_variants))
    wanted = [baseline, *[v for v in (only or all_variants) if v != baseline]]
    unknown = set(wanted) - set(all_variants)
    if unknown:
        raise ValueError(f"{benchmark.name} has no variant {sorted(unknown)}")
    variants = {name: all_variants[name] for name in wanted}
    size_value = module.FULL_SIZE if size == "full" else module.SMALL_SIZE
    ideal_seconds = getattr(module, "IDEAL_SECONDS", None)
    rounds = rounds or ROUNDS[size]
    if size == "full":
        own_deadline = started + module.EXPECTED_SECONDS * OVERRUN_FACTOR
        deadline = min(deadline or own_deadline, own_deadline)
    step = step or (lambda _description: None)

    counts = capacity_counts(list(variants))
    step("starting the capacity probe")
    probe = CapacityProbe(counts, CAPACITY_PROBE_SECONDS[size])
    warmup: dict[str, float] = {}
    samples: dict[str, list[float]] = {name: [] for name in variants}
    capacity: dict[int, list[float]] = {n: [] for n in counts}
    round_times: list[float] = []
    try:
        expected_answer = None
        for name, variant in variants.items():
            step(f"warm-up: {name}")
            warmup[name], answer = timed(variant, size_value)
            if name == baseline:
                expected_answer = answer
            elif answer != expected_answer:
                raise AssertionError(
                    f"{benchmark.rel}: variant {name} answered differently from "
                    f"{baseline}; a benchmark must compare equal work"
                )
        order = ["capacity probe", *variants]
        for number in range(rounds):
            round_started = time.monotonic()
            for item in order if number % 2 == 0 else reversed(order):
                step(f"round {number + 1}/{rounds}: {item}")
                if item == "capacity probe":
                    for n, value in probe.measure().items():
                        capacity[n].append(value)
                else:
                    samples[item].append(timed(variants[item], size_value)[0])
            round_times.append(time.monotonic() - round_started)
            if deadline is not None and number + 1 < rounds:
                next_end = time.monotonic() + max(round_times)
                if next_end > deadline and number + 1 >= MIN_ROUNDS:
                    break  # keep what fits; the record says how many rounds ran
                if next_end > deadline:
                    raise BudgetExceeded(
                        f"{benchmark.name}: {number + 1} rounds took "
                        f"{sum(round_times):.0f} s; {MIN_ROUNDS} will not fit in "
                        "the budget. Raise --budget or EXPECTED_SECONDS."
                    )
    finally:
        probe.close()

    digest, per_file = source_hashes(benchmark.path)
    files = [ROOT / f for f in per_file]
    machine = machine_info()
    machine["load_average"] = {"before": load_before, "after": machine["load_average"]}

    def r(x: float) -> float:
        return round(x, SAMPLE_DIGITS)

    record: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "benchmark": benchmark.name,
        "title": (module.__doc__ or benchmark.name).strip().splitlines()[0],
        "source": benchmark.rel,
        "sources": per_file,
        "source_sha256": digest,
        "size": {"name": size, "value": size_value},
        "expected_seconds": module.EXPECTED_SECONDS,
        "schedule": {
            "warmup_calls": 1,
            "rounds": len(round_times),
            "rounds_planned": rounds,
            "order": "each round reverses the previous round's order",
            "timer": "time.perf_counter, around one call of the variant",
        },
        "baseline": baseline,
        "ideal_seconds": ideal_seconds,
        "variants": {
            name: {
                "workers": workers_of(name),
                "warmup_seconds": r(warmup[name]),
                "samples_seconds": [r(t) for t in samples[name]],
            }
            for name in variants
        },
        "capacity": {
            "method": "N warm processes spinning at once vs one alone",
            "probe_loops": probe.loops,
            "samples": {str(n): [r(c) for c in cs] for n, cs in capacity.items()},
            "median": {
                str(n): r(statistics.median(values)) for n, values in capacity.items()
            },
        },
        "summary": summarize(samples, capacity, baseline, ideal_seconds),
        "machine": machine,
        "python": python_info(),
        "packages": package_versions(files),
        "date": started_at.isoformat(timespec="seconds"),
        "duration_seconds": round(time.monotonic() - started, 1),
        "git": git_info(),
        "runner": {
            "path": "tools/bench.py",
            "sha256": text_sha256(Path(__file__)),
        },
    }
    record["record_sha256"] = record_sha256(record)
    return record


# --- Results files -------------------------------------------------------------


def record_sha256(record: dict[str, Any]) -> str:
    """SHA-256 of a record's content, without this field: an edit by hand shows."""
    content = {key: value for key, value in record.items() if key != "record_sha256"}
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def write_results(record: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


def read_results(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def missing_provenance(record: dict[str, Any]) -> list[str]:
    """The PROVENANCE_FIELDS a record lacks or holds empty."""
    missing = []
    for field in PROVENANCE_FIELDS:
        *parents, last = field.split(".")
        holder: Any = record
        for key in parents:
            holder = holder.get(key) if isinstance(holder, dict) else None
        if not isinstance(holder, dict) or last not in holder:
            missing.append(field)
            continue
        value = holder[last]
        if value is None and field in NULLABLE_FIELDS:
            continue
        if value is None or (isinstance(value, (str, list, dict)) and not value):
            missing.append(field)
    return missing


# --- Command line --------------------------------------------------------------


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
        TextColumn("[bold]{task.fields[bench]:<10}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
    )
    with Progress(*columns, transient=False) as progress:
        yield progress


def print_summary(record: dict[str, Any], progress: Any = None) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{record['benchmark']} ({record['size']['name']} size)")
    for column in ("variant", "median s", "speedup", "capacity", "x ideal"):
        table.add_column(column, justify="left" if column == "variant" else "right")
    for name, entry in record["summary"].items():
        table.add_row(
            name,
            f"{entry['seconds']['median']:.3f}",
            f"{entry['speedup']['median']:.2f}x",
            f"{entry['capacity']['median']:.2f}x" if "capacity" in entry else "",
            f"{entry['times_ideal']['median']:.2f}" if "times_ideal" in entry else "",
        )
    # Inside a live progress display, print through it so the bars stay intact.
    (progress.console if progress is not None else Console()).print(table)


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
    parser.add_argument("--rounds", type=int, help="rounds (default: full 10, small 5)")
    parser.add_argument(
        "--budget",
        type=float,
        default=DEFAULT_BUDGET_SECONDS,
        help="seconds all the chosen benchmarks may take (default: %(default)s)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        help=f"folder for results files (default: {RESULTS_DIR.relative_to(ROOT)} "
        "for full size; a small run writes only with --out)",
    )
    parser.add_argument("--no-render", action="store_true", help="skip tools.render")
    parser.add_argument("--list", action="store_true", help="list benchmarks and exit")
    args = parser.parse_args(argv)

    if args.list:
        for bench in benchmarks.values():
            module = bench.load()
            print(f"{bench.name:<12} {bench.rel}  (~{module.EXPECTED_SECONDS} s)")
        return 0
    unknown = [n for n in args.names if n not in benchmarks]
    if unknown:
        parser.error(f"no benchmark named {unknown}; choose from {sorted(benchmarks)}")
    chosen = [benchmarks[n] for n in args.names or benchmarks]
    expected = sum(b.load().EXPECTED_SECONDS for b in chosen)
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
            task = None
            if progress is not None:
                variants = len(bench.load().VARIANTS)
                rounds = args.rounds or ROUNDS[args.size]
                steps = 1 + variants + rounds * (variants + 1)
                task = progress.add_task("", total=steps, bench=bench.name)

            def step(description: str, task: Any = task, name: str = bench.name):
                if progress is not None:
                    progress.update(task, description=description, advance=1)
                else:
                    print(f"{name}: {description}", flush=True)

            try:
                record = run_benchmark(
                    bench, args.size, args.rounds, deadline=deadline, step=step
                )
            except BudgetExceeded as exc:
                print(f"stopped: {exc}", file=sys.stderr)
                return 1
            if progress is not None:
                progress.update(task, description="done", completed=steps)
            print_summary(record, progress)
            if out is not None:
                path = out / f"{bench.name}.json"
                write_results(record, path)
                written.append(path)

    minutes, seconds = divmod(round(time.monotonic() - started), 60)
    print(f"\nAll benchmarks took {minutes} min {seconds:02d} s.")
    if not written:
        print("Nothing written (a small run is a try-out; pass --out to keep it).")
        return 0
    for path in written:
        print(f"wrote {_shown(path)}")
    if not args.no_render and out == RESULTS_DIR:
        from tools import render

        for path in render.render_all([b.name for b in chosen]):
            print(f"rendered {_shown(path)}")
        print(
            f"\nSee your numbers on the site: run `{SERVE_COMMAND}` and open "
            f"{PAGE_URL}\nEach table and chart names this machine and run. "
            "`git diff docs/results` shows what changed; "
            "`git checkout -- docs/results` restores the recorded run."
        )
    return 0


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())
