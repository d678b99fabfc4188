"""Run the tests N times in a row and report every test that failed even once.

    python -m tools.soak                       # the whole suite, 5 times
    python -m tools.soak -n 10 -- -m claims    # the claims, 10 times
    make soak SOAK_ARGS="-m claims" N=10       # the same, through make

A flaky test passes most of the time; one run proves little. This runs pytest
N times (serially: the claims time things), then lists each test that failed
or errored in any run with how often, and the range of every figure the tests
recorded with `record_property` (the claims record what they measured).
Exit status 1 if anything failed even once.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from pathlib import Path

from tools.project import ROOT

DEFAULT_RUNS = 5


def run_once(pytest_args: list[str], report: Path) -> tuple[int, float]:
    started = time.monotonic()
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:randomly",
        # record_property needs the xunit1 flavour of the junit report.
        "-o",
        "junit_family=xunit1",
        f"--junitxml={report}",
        *pytest_args,
    ]
    result = subprocess.run(command, cwd=ROOT)
    return result.returncode, time.monotonic() - started


def read_report(report: Path) -> tuple[list[str], list[str], dict[str, float]]:
    """(test ids, failed test ids, {property: value}) from one junit report."""
    tests: list[str] = []
    failed: list[str] = []
    figures: dict[str, float] = {}
    if not report.exists():
        return tests, ["(pytest wrote no report: it did not start)"], figures
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        test_id = f"{case.get('classname')}::{case.get('name')}"
        tests.append(test_id)
        if case.find("failure") is not None or case.find("error") is not None:
            failed.append(test_id)
        for prop in case.iter("property"):
            try:
                figures[prop.get("name", "")] = float(prop.get("value", ""))
            except ValueError:
                continue
    return tests, failed, figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.soak",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-n", "--runs", type=int, default=DEFAULT_RUNS)
    parser.add_argument("pytest_args", nargs="*", help="passed to pytest (after --)")
    args = parser.parse_args(argv)

    failures: dict[str, int] = defaultdict(int)
    figures: dict[str, list[float]] = defaultdict(list)
    exit_codes, durations = [], []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(1, args.runs + 1):
            print(f"--- soak run {run} of {args.runs}", flush=True)
            report = Path(folder) / f"run-{run}.xml"
            code, seconds = run_once(args.pytest_args, report)
            exit_codes.append(code)
            durations.append(seconds)
            _tests, failed, found = read_report(report)
            for test_id in failed:
                failures[test_id] += 1
            for name, value in found.items():
                figures[name].append(value)

    print(f"\n=== soak: {args.runs} runs of pytest {' '.join(args.pytest_args)}")
    print(f"exit codes: {exit_codes}")
    print(f"seconds per run: {min(durations):.0f} to {max(durations):.0f}")
    for name, values in sorted(figures.items()):
        print(f"{name}: {min(values):g} to {max(values):g} over {len(values)} runs")
    if not failures and all(code in (0, 5) for code in exit_codes):
        print(f"no test failed in {args.runs} runs")
        return 0
    print("failed at least once:")
    for test_id, count in sorted(failures.items(), key=lambda kv: -kv[1]):
        print(f"  {count}/{args.runs}  {test_id}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
