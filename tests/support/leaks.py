"""The leak check every test gets: no thread, child process or listening socket
may outlive the test that started it.

Registered from tests/conftest.py (`pytest_plugins`), as an autouse fixture.
"""

from __future__ import annotations

import threading
import time

import psutil
import pytest

from tests.support.harness import ALLOWED_HELPERS

SETTLE_SECONDS = 2.0  # what a thread or child gets to finish after the test


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


def _wait_for(condition, timeout: float = SETTLE_SECONDS) -> None:
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
