"""Fixtures every test gets: a leak check, a per-tier timer, the 3.11 fix."""

from __future__ import annotations

import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import psutil
import pytest

from tests.support.harness import ALLOWED_HELPERS

# Which tier a test belongs to, by its module; the summary prints time per tier.
TIERS = {
    "test_examples": "examples",
    "test_docs": "docs",
    "test_lint": "docs",
    "test_workflows": "docs",
    "test_build": "build",
    "test_copy_paste": "copy-paste",
    "test_browser": "browser",
    "test_links": "build",
    "test_results": "benchmarks",
    "test_claims": "claims",
}
_tier_seconds: dict[str, float] = defaultdict(float)
_tier_counts: dict[str, int] = defaultdict(int)
_build_seconds: list[float] = []  # the strict build, timed by `built_site`

if sys.version_info[:2] == (3, 11):
    # pytest-examples rewrites the traceback of an exception raised inside an
    # example; on CPython 3.11 that raises StopIteration and pytest stops with
    # INTERNALERROR. Keep the plain traceback instead.
    import pytest_examples.run_code

    pytest_examples.run_code.create_example_traceback = lambda *args: None


def _listening_ports() -> set[tuple[str, int]]:
    try:
        connections = psutil.Process().net_connections(kind="inet")
    except psutil.Error:
        return set()
    return {
        (c.laddr.ip, c.laddr.port)
        for c in connections
        if c.status == psutil.CONN_LISTEN
    }


def _children() -> dict[int, str]:
    found = {}
    for child in psutil.Process().children(recursive=True):
        try:
            cmdline = " ".join(child.cmdline())
        except psutil.Error:
            continue
        if not any(allowed in cmdline for allowed in ALLOWED_HELPERS):
            found[child.pid] = cmdline
    return found


def _wait_for(condition, timeout: float = 2.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)


@pytest.fixture(autouse=True)
def no_leaks(request: pytest.FixtureRequest):
    """Fail a test that leaves a child process, thread or listening socket."""
    threads_before = set(threading.enumerate())
    children_before = set(_children())
    ports_before = _listening_ports()
    yield

    def new_threads():
        return [
            t
            for t in threading.enumerate()
            if t not in threads_before and t.is_alive() and not t.daemon
        ]

    _wait_for(lambda: not new_threads() and set(_children()) <= children_before)
    problems = [f"thread {t.name!r} still running" for t in new_threads()]
    for pid, cmdline in _children().items():
        if pid not in children_before:
            problems.append(f"child process {pid} still running: {cmdline}")
            psutil.Process(pid).kill()
    problems += [
        f"socket still listening on {ip}:{port}"
        for ip, port in sorted(_listening_ports() - ports_before)
    ]
    if problems:
        pytest.fail(
            f"{request.node.nodeid} left resources behind:\n  - "
            + "\n  - ".join(problems)
            + "\nJoin threads, close pools and servers (use `with`), and stop "
            "everything you start before returning.",
            pytrace=False,
        )


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    module = Path(report.fspath).stem
    tier = TIERS.get(module, "other")
    _tier_seconds[tier] += report.duration
    if report.when == "call":
        _tier_counts[tier] += 1


def pytest_terminal_summary(terminalreporter) -> None:
    if not _tier_seconds:
        return
    terminalreporter.section("time per tier")
    for tier, seconds in sorted(_tier_seconds.items(), key=lambda kv: -kv[1]):
        terminalreporter.write_line(
            f"{tier:<12} {_tier_counts[tier]:>4} tests {seconds:8.1f} s"
        )
    for seconds in _build_seconds:
        terminalreporter.write_line(
            f"(the strict site build took {seconds:.1f} s, counted in the tier of "
            "the first test that needed the site)"
        )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once per run with `mkdocs build --strict`."""
    import os
    import subprocess

    from tools.project import ROOT

    site = tmp_path_factory.mktemp("site")
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=600,
    )
    if result.returncode != 0:
        pytest.fail(
            "`mkdocs build --strict` failed; fix each WARNING/ERROR below (a "
            "missing snippet names the page and the path it looked for):\n"
            + result.stderr[-6000:],
            pytrace=False,
        )
    _build_seconds.append(time.monotonic() - started)
    return site
