"""One benchmark, measured by its kind, recorded with its provenance.

A benchmark is an example file `examples/NN_topic/bench_<name>.py` (so the
tests run it and a page shows it) that declares, at the top:

    KIND              comparison, sweep, cost, load, served, footprint,
                      connections or timeline (tools/bench/kinds/ says what
                      each kind needs)
    EXPECTED_SECONDS  its budget: how long a full-size run takes on 2 cores

and never imports the runner, so a reader can copy it and run it alone.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

from tools.bench import kinds, provenance
from tools.bench.measure import (
    CAPACITY_METHOD,
    ROUND_ORDER,
    Step,
    import_benchmark,
    load_average,
)
from tools.bench.results import (
    SCHEMA_VERSION,
    Capacity,
    Record,
    Schedule,
    dependencies,
    sealed,
)
from tools.bench.sources import source_files, source_hashes
from tools.project import RESULTS_DIR, ROOT, bench_command, example_files

SIZES = ("full", "small")
OVERRUN_FACTOR = 1.5  # a benchmark may run this much longer than it declares
BENCH_PREFIX = "bench_"


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
        return bench_command(self.name)

    def load(self) -> ModuleType:
        module = import_benchmark(self.path)
        kind = getattr(module, "KIND", None)
        if kind not in kinds.KINDS:
            raise ValueError(
                f"{self.rel} declares KIND = {kind!r}; choose one of "
                f"{sorted(kinds.KINDS)}"
            )
        return module


def discover() -> dict[str, Benchmark]:
    """Every benchmark under examples/, by name (bench_cpu_bound.py -> cpu_bound)."""
    found: dict[str, Benchmark] = {}
    for path in example_files():
        if not path.stem.startswith(BENCH_PREFIX):
            continue
        name = path.stem.removeprefix(BENCH_PREFIX)
        if name in found:
            raise RuntimeError(f"two benchmarks named {name}: {path}")
        found[name] = Benchmark(name, path.resolve())
    return found


def run_benchmark(
    benchmark: Benchmark,
    size: str = "full",
    rounds: int | None = None,
    only: list[str] | None = None,
    deadline: float | None = None,
    step: Step | None = None,
) -> Record:
    """Measure one benchmark; return its sealed record (nothing is written).

    `only` limits the variants, series or units (a baseline always runs);
    `deadline` is a time.monotonic() value the run must finish by; `step` is
    called with a short description before each measurement.
    """
    if size not in SIZES:
        raise ValueError(f"size must be one of {SIZES}, not {size!r}")
    started, started_at = time.monotonic(), datetime.now(UTC)
    load_before = load_average()
    module = benchmark.load()
    kind = kinds.KINDS[module.KIND]
    if size == "full":
        own_deadline = started + module.EXPECTED_SECONDS * OVERRUN_FACTOR
        deadline = min(deadline or own_deadline, own_deadline)
    measured = kind.measure(
        module, size, rounds, deadline, step or (lambda _: None), only=only
    )
    paths = dependencies(benchmark.path, module.KIND)
    digest, per_file = source_hashes(paths)
    capacity = None
    if measured.capacity is not None and measured.probe_loops is not None:
        capacity = Capacity(
            method=CAPACITY_METHOD,
            probe_loops=measured.probe_loops,
            samples={str(n): values for n, values in measured.capacity.items()},
        )
    record = Record(
        schema=SCHEMA_VERSION,
        benchmark=benchmark.name,
        kind=module.KIND,
        title=(module.__doc__ or benchmark.name).strip().splitlines()[0],
        source=benchmark.rel,
        sources=per_file,
        source_sha256=digest,
        size=size,
        config=measured.config,
        schedule=Schedule(measured.rounds, measured.rounds_planned, ROUND_ORDER),
        capacity=capacity,
        samples=measured.samples,
        machine=provenance.machine(load_before, load_average()),
        python=provenance.python_build(),
        packages=provenance.package_versions(source_files(paths)),
        tools=measured.tools,
        date=started_at.isoformat(timespec="seconds"),
        duration_seconds=round(time.monotonic() - started, 1),
        git=provenance.git(sorted(per_file)),
    )
    return sealed(record)
