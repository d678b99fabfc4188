"""Served: like load (wrk against a fresh server per measurement), but each
variant names its own server, and a variant may load a second path at the
same time.

The benchmark declares VARIANTS ({name: URL path}, the first the baseline),
CONCURRENCY and SMALL_CONCURRENCY (connections), DURATION_SECONDS and
SMALL_DURATION_SECONDS (whole seconds), and serve(variant): a context manager
that starts a fresh server for that variant on 127.0.0.1 and yields its base
URL. It may declare BACKGROUND ({variant: URL path}) and
BACKGROUND_CONNECTIONS: for those variants a second wrk loads that path with
that many connections during the whole measured run, and the measured wrk
reports what the load does to the variant's own path (its latency
percentiles above all). Both runs are recorded.

wrk itself is driven as in tools/bench/kinds/load.py (its docstring says what
a closed loop hides, and why the timeout is long).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from typing import Any

from tools.bench.kinds.load import (
    TIMEOUT,
    WRK_THREADS,
    WrkRun,
    parse_wrk,
    run_wrk,
    settings,
    wrk_path,
    wrk_version,
)
from tools.bench.measure import (
    Measured,
    Step,
    declared_config,
    in_round_order,
    rounds_for,
    run_rounds,
)

KIND = "served"
ROUNDS = {"full": 3, "small": 1}
BACKGROUND_THREADS = 1


@dataclass
class Samples:
    baseline: str
    wrk_threads: int
    timeout: str
    variants: dict[str, dict[str, list[WrkRun]]]  # {variant: {connections: runs}}
    # {variant: {connections: the background wrk's runs}}; None: no background
    background: dict[str, dict[str, list[WrkRun]]] | None


def planned_steps(module: Any, size: str, rounds: int | None) -> int:
    levels = len(settings(module, size)[0])
    return (rounds or rounds_for(module, size, ROUNDS)) * len(module.VARIANTS) * levels


def start_background(wrk: str, url: str, connections: int, seconds: int) -> Any:
    """A second wrk, started now, loading `url` for `seconds`."""
    command = [
        wrk,
        f"-t{BACKGROUND_THREADS}",
        f"-c{connections}",
        f"-d{seconds}s",
        f"--timeout={TIMEOUT}",
        "--latency",
        url,
    ]
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def finish_background(process: Any, seconds: int) -> WrkRun:
    try:
        stdout, stderr = process.communicate(timeout=seconds + 60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise
    if process.returncode != 0:
        raise RuntimeError(f"the background wrk failed:\n{stderr}")
    return parse_wrk(stdout)


def measure(
    module: Any,
    size: str,
    rounds: int | None,
    deadline: float | None,
    step: Step,
    only: list[str] | None = None,
) -> Measured:
    wrk = wrk_path()
    variants = dict(module.VARIANTS)
    baseline = next(iter(variants))
    if only:
        variants = {k: v for k, v in variants.items() if k in only or k == baseline}
    background_paths = {
        k: v for k, v in getattr(module, "BACKGROUND", {}).items() if k in variants
    }
    background_connections = int(getattr(module, "BACKGROUND_CONNECTIONS", 1))
    levels, seconds = settings(module, size)
    planned = rounds or rounds_for(module, size, ROUNDS)
    runs: dict[str, dict[str, list[WrkRun]]] = {
        name: {str(c): [] for c in levels} for name in variants
    }
    background: dict[str, dict[str, list[WrkRun]]] = {
        name: {str(c): [] for c in levels} for name in background_paths
    }
    keys = [(name, c) for name in variants for c in levels]

    def one_round(number: int) -> None:
        for name, connections in in_round_order(keys, number):
            step(f"round {number + 1}/{planned}: {name}, {connections} connections")
            with module.serve(name) as base_url:
                behind = None
                if name in background_paths:
                    behind = start_background(
                        wrk,
                        base_url + background_paths[name],
                        background_connections,
                        seconds,
                    )
                try:
                    run = run_wrk(wrk, base_url + variants[name], connections, seconds)
                finally:
                    if behind is not None:
                        background_run = finish_background(behind, seconds)
                if behind is not None:
                    background[name][str(connections)].append(background_run)
            runs[name][str(connections)].append(run)

    ran = run_rounds(planned, deadline, one_round, module.__name__)
    return Measured(
        config=declared_config(module),
        samples=Samples(
            baseline, WRK_THREADS, TIMEOUT, runs, background if background else None
        ),
        rounds=ran,
        rounds_planned=planned,
        tools={"wrk": wrk_version(wrk)},
    )
