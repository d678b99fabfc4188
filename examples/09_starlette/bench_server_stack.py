# output: script
# platform: linux
"""A hello endpoint on three uvicorn set-ups: what the server stack is worth.

- `plain`: uvicorn's pure-Python defaults, forced: the asyncio event loop and
  the h11 HTTP parser (what `pip install uvicorn` gives).
- `standard`: what `pip install 'uvicorn[standard]'` picks by itself: uvloop
  (an event loop written on libuv) and httptools (a parser written in C).
- `standard-2-workers`: the same, in 2 worker processes sharing one listening
  socket (what `uvicorn --workers 2` starts, with spawn, from an import string).

Each server is started the way a reader would start it, as `python -m uvicorn
bench_server_stack:app ...` with `--port 0` (a free port, read back from
uvicorn's log). `make bench BENCH=server_stack` loads each with wrk, a fresh
server each time. uvloop does not run on Windows, hence the platform header.
Run as a script, it starts each set-up once and asks which processes answer.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Route

KIND = "served"
CHART = "rate"
HOST = "127.0.0.1"
HERE = Path(__file__).parent
APP_IMPORT_STRING = "bench_server_stack:app"  # what worker processes import
RUNNING_ON = re.compile(r"Uvicorn running on http://[\d.]+:(\d+)")
# Variant -> the path wrk loads: the same tiny endpoint on every set-up.
VARIANTS: dict[str, str] = {
    "plain": "/hello",
    "standard": "/hello",
    "standard-2-workers": "/hello",
}
# Variant -> (event loop, HTTP parser, worker processes)
STACKS: dict[str, tuple[str, str, int]] = {
    "plain": ("asyncio", "h11", 1),
    "standard": ("uvloop", "httptools", 1),
    "standard-2-workers": ("uvloop", "httptools", 2),
}
CONCURRENCY = [50]  # open connections (`make bench`)
SMALL_CONCURRENCY = [50]  # the claims tests
DURATION_SECONDS = 2  # of each wrk run (`make bench`)
SMALL_DURATION_SECONDS = 1  # the claims tests
EXPECTED_SECONDS = 40  # a full run: 3 rounds x 3 fresh servers
START_TIMEOUT = 30  # seconds for a fresh server to answer
STOP_TIMEOUT = 10  # seconds for it to exit after SIGTERM, before it is killed


async def hello(request: Request) -> PlainTextResponse:
    return PlainTextResponse("Hello, world!")


async def which_process(request: Request) -> JSONResponse:
    return JSONResponse({"pid": os.getpid()})


app = Starlette(routes=[Route("/hello", hello), Route("/pid", which_process)])


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def uvicorn_command(variant: str) -> list[str]:
    """The command line a reader would type, with --port 0: a free port."""
    event_loop, parser, workers = STACKS[variant]
    return [
        sys.executable,
        "-m",
        "uvicorn",
        APP_IMPORT_STRING,
        f"--host={HOST}",
        "--port=0",
        f"--loop={event_loop}",
        f"--http={parser}",
        f"--workers={workers}",
        "--no-access-log",
    ]


def reported_port(log: IO[str], server: subprocess.Popen[str]) -> int:
    """The port in uvicorn's "Uvicorn running on http://HOST:PORT" line."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline and server.poll() is None:
        log.seek(0)
        found = RUNNING_ON.search(log.read())
        if found:
            return int(found[1])
        time.sleep(0.05)
    log.seek(0)
    raise RuntimeError(f"uvicorn did not report its port:\n{log.read()}")


def answering_processes(base_url: str, wanted: int) -> int:
    """Ask until `wanted` different processes answered: how many did."""
    seen: set[int] = set()
    deadline = time.monotonic() + START_TIMEOUT
    while len(seen) < wanted and time.monotonic() < deadline:
        try:
            # A new connection each time, so the kernel may pick another worker.
            response = httpx.get(base_url + "/pid", timeout=START_TIMEOUT)
            seen.add(response.json()["pid"])
        except httpx.TransportError:
            time.sleep(0.05)
    return len(seen)


def stop(server: subprocess.Popen[str], port: int | None) -> None:
    """SIGTERM (uvicorn stops its workers too), SIGKILL if need be; then the
    port is free."""
    server.terminate()
    try:
        server.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)  # the workers too
        server.wait()
    deadline = time.monotonic() + STOP_TIMEOUT
    while port is not None and not port_is_free(port):
        if time.monotonic() > deadline:
            raise RuntimeError(f"port {port} is still in use")
        time.sleep(0.05)


@contextmanager
def serve(variant: str) -> Iterator[str]:
    """A fresh `uvicorn` for the variant: yields its base URL once every
    worker answers, then stops it."""
    with tempfile.TemporaryFile("w+") as log:  # a file: no pipe to keep drained
        server = subprocess.Popen(
            uvicorn_command(variant),
            cwd=HERE,  # uvicorn imports APP_IMPORT_STRING from here
            stderr=log,
            text=True,
            start_new_session=True,  # its own process group, workers included
        )
        port = None
        try:
            port = reported_port(log, server)
            base_url = f"http://{HOST}:{port}"
            workers = STACKS[variant][2]
            if answering_processes(base_url, workers) < workers:
                raise RuntimeError(f"not all {workers} workers of {variant} answered")
            yield base_url
        finally:
            stop(server, port)


def main() -> None:
    variant = "standard-2-workers"
    print("$ python", " ".join(uvicorn_command(variant)[1:]).replace("=", " "))
    with serve(variant) as base_url:
        text = httpx.get(base_url + "/hello").text
        answering = answering_processes(base_url, STACKS[variant][2])
    print(f"GET /hello -> {text!r}; processes answering: {answering}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> $ python -m uvicorn bench_server_stack:app --host 127.0.0.1 --port 0 --loop uvloop --http httptools --workers 2 --no-access-log
#> GET /hello -> 'Hello, world!'; processes answering: 2
