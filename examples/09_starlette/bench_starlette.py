# output: script
"""One Starlette app, four endpoints that each wait 50 ms, four ways.

- `await`: `async def` awaiting `asyncio.sleep`: the event loop serves others.
- `def`: a plain function calling `time.sleep`: Starlette runs it in AnyIO's
  thread pool (40 tokens by default), so up to 40 waits overlap.
- `blocking`: `async def` calling `time.sleep`: the outage. The wait runs on
  the event loop's only thread, and every other request waits behind it.
- `to_thread`: `async def` awaiting `asyncio.to_thread(time.sleep, ...)`: the
  loop is free, but the default executor has only min(32, cores + 4) threads.

uvicorn serves it with the plain stack forced (`loop="asyncio"`, `http="h11"`;
with `uvicorn[standard]` installed it would pick uvloop and httptools itself).
`make bench BENCH=starlette` loads each endpoint with wrk at CONCURRENCY
connections, a fresh server each time; the claims tests rerun it at
SMALL_CONCURRENCY. Run as a script, it checks which endpoints overlap requests.
"""

import asyncio
import multiprocessing
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

KIND = "load"
WAIT_SECONDS = 0.05  # what every endpoint waits: a stand-in for a slow backend
HOST = "127.0.0.1"
# What the benchmark runner loads, variant name -> path: the first is the baseline.
VARIANTS: dict[str, str] = {
    "await": "/await",
    "def": "/def",
    "blocking": "/blocking",
    "to_thread": "/to_thread",
}
CONCURRENCY = [10, 50]  # open connections (`make bench`)
SMALL_CONCURRENCY = [50]  # the claims tests
DURATION_SECONDS = 2  # of each wrk run (`make bench`)
SMALL_DURATION_SECONDS = 2  # the claims tests
EXPECTED_SECONDS = 100  # a full run: 3 rounds x 8 fresh servers
CHECK_REQUESTS = 10  # main(): requests sent at once to each endpoint
CHECK_TRIES = 3  # main(): the quickest of this many tries counts
START_TIMEOUT = 30  # seconds for a fresh server to answer
STOP_TIMEOUT = 10  # seconds for it to exit after SIGTERM, before it is killed


async def wait_await(request: Request) -> JSONResponse:
    await asyncio.sleep(WAIT_SECONDS)
    return JSONResponse({"variant": "await"})


def wait_def(request: Request) -> JSONResponse:
    time.sleep(WAIT_SECONDS)  # in a worker thread: Starlette runs `def` there
    return JSONResponse({"variant": "def"})


async def wait_blocking(request: Request) -> JSONResponse:
    time.sleep(WAIT_SECONDS)  # blocks the event loop: nothing else runs
    return JSONResponse({"variant": "blocking"})


async def wait_to_thread(request: Request) -> JSONResponse:
    await asyncio.to_thread(time.sleep, WAIT_SECONDS)
    return JSONResponse({"variant": "to_thread"})


app = Starlette(
    routes=[
        Route(VARIANTS["await"], wait_await),
        Route(VARIANTS["def"], wait_def),
        Route(VARIANTS["blocking"], wait_blocking),
        Route(VARIANTS["to_thread"], wait_to_thread),
    ]
)


def run_server(connection: Connection) -> None:
    """The server process: bind a free port, report it, serve until SIGTERM."""
    # Name the protocol: asyncio turns Nagle's algorithm off (TCP_NODELAY) only
    # on sockets whose proto is IPPROTO_TCP, and with the default proto 0 every
    # keep-alive response after the first waited ~40 ms for a delayed ACK.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.bind((HOST, 0))  # port 0: the OS picks a free one, no race
    listener.listen(2048)  # connections queue from here on, until uvicorn serves
    connection.send(listener.getsockname()[1])
    connection.close()
    config = uvicorn.Config(
        app,
        loop="asyncio",  # not uvloop
        http="h11",  # not httptools
        log_level="warning",
        access_log=False,
    )
    uvicorn.Server(config).run(sockets=[listener])


def port_is_free(port: int) -> bool:
    """True when nothing listens on the port: a new server could bind it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        if os.name != "nt":  # as servers do; on Windows it would allow a clash
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def wait_until_answering(url: str, server: BaseProcess) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            httpx.get(url, timeout=START_TIMEOUT).raise_for_status()
            return
        except httpx.TransportError:
            if not server.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the server at {url} never answered") from None
            time.sleep(0.05)


def stop(server: BaseProcess) -> None:
    """SIGTERM, a graceful wait (uvicorn can take seconds), then SIGKILL."""
    server.terminate()
    server.join(STOP_TIMEOUT)
    if server.is_alive():
        server.kill()
        server.join()
    server.close()


def wait_until_free(port: int) -> None:
    deadline = time.monotonic() + STOP_TIMEOUT
    while not port_is_free(port):  # the OS closes a dead process's sockets
        if time.monotonic() > deadline:
            raise RuntimeError(f"port {port} is still in use")
        time.sleep(0.05)


@contextmanager
def serve() -> Iterator[str]:
    """A fresh server in a child process: yields its base URL, then stops it."""
    # Spawn on every platform: a fresh interpreter that imports this file, the
    # same on Linux, macOS and Windows, and safe when the caller runs threads.
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe(duplex=False)
    server = context.Process(target=run_server, args=(theirs,))
    server.start()
    theirs.close()
    port = None
    try:
        with suppress(EOFError):  # EOFError: it exited before reporting
            port = ours.recv() if ours.poll(START_TIMEOUT) else None
        if port is None:
            raise RuntimeError("the server process did not report its port")
        base_url = f"http://{HOST}:{port}"
        wait_until_answering(base_url + VARIANTS["await"], server)
        yield base_url
    finally:
        ours.close()
        stop(server)
        if port is not None:
            wait_until_free(port)


async def send_at_once(url: str, requests: int) -> float:
    """Send `requests` requests together, one connection each: seconds taken."""
    limits = httpx.Limits(max_connections=requests)
    async with httpx.AsyncClient(limits=limits, timeout=START_TIMEOUT) as client:
        started = time.perf_counter()
        responses = await asyncio.gather(*(client.get(url) for _ in range(requests)))
        elapsed = time.perf_counter() - started
    for response in responses:
        response.raise_for_status()
    return elapsed


def main() -> None:
    one_by_one = CHECK_REQUESTS * WAIT_SECONDS
    print(f"each endpoint waits {WAIT_SECONDS * 1000:.0f} ms")
    with serve() as base_url:
        for path in VARIANTS.values():
            response = httpx.get(base_url + path)
            print(f"GET {path:<10} -> {response.status_code} {response.json()}")
        for name, path in VARIANTS.items():
            # The best of a few tries: a busy machine can delay any one of them.
            elapsed = min(
                asyncio.run(send_at_once(base_url + path, CHECK_REQUESTS))
                for _ in range(CHECK_TRIES)
            )
            # Timings vary: half the one-by-one time is a wide margin either way.
            overlapped = elapsed < one_by_one / 2
            print(f"{name:<9} {CHECK_REQUESTS} requests at once overlap: {overlapped}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> each endpoint waits 50 ms
#> GET /await     -> 200 {'variant': 'await'}
#> GET /def       -> 200 {'variant': 'def'}
#> GET /blocking  -> 200 {'variant': 'blocking'}
#> GET /to_thread -> 200 {'variant': 'to_thread'}
#> await     10 requests at once overlap: True
#> def       10 requests at once overlap: True
#> blocking  10 requests at once overlap: False
#> to_thread 10 requests at once overlap: True
