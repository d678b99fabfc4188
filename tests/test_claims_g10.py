"""Guide 10's claims (Q&A: is Python slow, how many threads?), re-measured.

The hot-loop benchmark runs once at its small size with the schedule `make
bench` uses (alternating rounds); speedups are per-round ratios, so a slow
minute on the machine hits the loop and the library alike. The worker-count
sweep is examples/10_q_and_a/how_many_workers.py run the way a reader runs it,
on its demo function, whose knee (L + c) / c is known; the same script's
messages for a reader's mistakes, and its timeout, are checked by running it
(those two tests time nothing but the timeout, with a wide margin). The rules of
tests/test_claims.py hold here: timing claims run alone, never under xdist.
"""

from __future__ import annotations

import importlib
import os
import re
import statistics
import subprocess
import sys
import time

import pytest

from tools.bench.results import Record
from tools.bench.run import discover, run_benchmark
from tools.project import ROOT
from tools.render import comparison

pytestmark = pytest.mark.claims

# NumPy squares and adds in C: 24x to 31x the Python loop at full size here
# (medians of two runs), 25x to 101x at the claims' small size; a large ratio
# is anything past this.
MIN_NUMPY_SPEEDUP = 8.0
# sum() over a generator still runs the generator's bytecode for every number:
# 0.91x to 1.14x the loop measured. "About the same" is this range.
BUILTIN_SUM_SPEEDUP = (0.6, 2.0)
SWEEP_RUNS = 3  # the knee is the median of this many sweeps
SECONDS = "0.1"  # each count's window, per round: the demo's calls are short
EXAMPLES = ROOT / "examples" / "10_q_and_a"
BEST = re.compile(r"best worker count: (\d+) \(")


def require_serial_run() -> None:
    if os.environ.get("PYTEST_XDIST_WORKER"):
        pytest.skip("claims time things: run them serially, never under xdist")


@pytest.fixture(scope="module")
def hot_loop_run() -> Record:
    require_serial_run()
    return run_benchmark(discover()["hot_loop"], "small", None)


@pytest.mark.versions
def test_numpy_beats_the_python_loop_by_a_large_ratio(hot_loop_run, record_property):
    """The same sum of squares, the loop moved into NumPy's C code."""
    speedup = comparison.speedup(hot_loop_run, "numpy")
    record_property("numpy_speedup", round(speedup.median, 1))
    assert speedup.median >= MIN_NUMPY_SPEEDUP, (
        f"NumPy ran a median {speedup.median:.1f}x as fast as the Python loop "
        f"(middle half {speedup.low:.1f}x-{speedup.high:.1f}x); the claim is a "
        f"large ratio, at least {MIN_NUMPY_SPEEDUP}x"
    )


@pytest.mark.versions
def test_sum_over_a_generator_is_about_the_loop(hot_loop_run, record_property):
    """sum() is C, but the generator feeding it runs bytecode per number."""
    speedup = comparison.speedup(hot_loop_run, "builtin-sum")
    record_property("builtin_sum_speedup", round(speedup.median, 2))
    low, high = BUILTIN_SUM_SPEEDUP
    assert low <= speedup.median <= high, (
        f"sum() over a generator ran a median {speedup.median:.2f}x as fast as "
        f"the Python loop; the claim is about the same ({low}x to {high}x)"
    )


@pytest.mark.versions
def test_how_many_workers_finds_the_knee_in_its_bucket(
    monkeypatch, capsys, record_property
):
    """The reader's sweep, run on a function whose knee is (L + c) / c."""
    require_serial_run()
    # The reader's way: `python how_many_workers.py module:function` in its folder.
    monkeypatch.chdir(EXAMPLES)
    monkeypatch.syspath_prepend(str(EXAMPLES))
    how_many_workers = importlib.import_module("how_many_workers")

    knees = []
    for _ in range(SWEEP_RUNS):
        how_many_workers.main(["how_many_workers:demo_call", "--seconds", SECONDS])
        printed = capsys.readouterr().out
        found = BEST.search(printed)
        assert found, f"no best worker count in the output:\n{printed}"
        knees.append(int(found[1]))
    measured = statistics.median(knees)
    wait, cpu = how_many_workers.DEMO_WAIT_SECONDS, how_many_workers.DEMO_CPU_SECONDS
    predicted = (wait + cpu) / cpu
    record_property("knees", knees)
    assert predicted / 2 <= measured <= predicted * 2, (
        f"the sweep's best worker count was {knees} over {SWEEP_RUNS} runs "
        f"(median {measured}); the demo's knee (L + c) / c is {predicted:.0f}, "
        "and the claim is within a factor of two"
    )


MISTAKES = {  # arguments: the line the script prints, and its exit status
    "json": ("'json' is not module:function, such as mymodule:handle_request", 1),
    "no_such_module:handle": (
        "cannot import no_such_module: No module named 'no_such_module'",
        1,
    ),
    "json:no_such_function": ("module json has no function no_such_function", 1),
    "json:loads": (
        "json:loads raised TypeError: loads() missing 1 required positional "
        "argument: 's' (called with no arguments)",
        1,
    ),
    "json:dumps --threads 0,4": (
        "argument --threads: '0,4' is not a list such as 1,2,4,8",
        2,
    ),
    "json:dumps --seconds -1": (
        "argument --seconds: '-1' is not a positive number of seconds",
        2,
    ),
}


@pytest.mark.parametrize("arguments", list(MISTAKES))
def test_how_many_workers_says_what_is_wrong(arguments):
    """A mistake gets one line on stderr and an exit status, not a traceback."""
    message, status = MISTAKES[arguments]
    run = subprocess.run(
        [sys.executable, "how_many_workers.py", *arguments.split()],
        cwd=EXAMPLES,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Traceback" not in run.stderr, run.stderr
    assert run.stderr.splitlines()[-1] == f"how_many_workers.py: error: {message}"
    assert run.returncode == status, run.stderr


STUCK = ["--threads", "1,2", "--seconds", "0.1", "--timeout", "0.5"]


def test_how_many_workers_stops_a_call_that_never_returns(tmp_path):
    """A stuck call ends the run after the timeout, with a message, not a hang."""
    (tmp_path / "stuck.py").write_text(
        "import threading\n\ndef call():\n    threading.Event().wait()\n"
    )
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, str(EXAMPLES / "how_many_workers.py"), "stuck:call", *STUCK],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    took = time.perf_counter() - started
    assert run.returncode == 1, run.stderr
    assert run.stderr.splitlines()[-1] == (
        "how_many_workers.py: error: stuck:call took longer than the timeout "
        "(0.5 s) in one call"
    )
    assert took < 10, f"the run took {took:.1f} s for a 0.5 s timeout"
