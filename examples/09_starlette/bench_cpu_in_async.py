# output: script
# start-method: spawn
"""CPU work in an async service: what it does to a cheap endpoint's p99.

One Starlette app with a cheap endpoint and a CPU-bound one, served three
ways: `inline` (computed inside `async def`, on the event loop's thread),
`to_thread` (asyncio.to_thread: another thread, but the same GIL) and
`process_pool` (a ProcessPoolExecutor created in lifespan, reached with
loop.run_in_executor: other processes, other GILs).

`make bench BENCH=cpu_in_async` loads the cheap endpoint with wrk, while a
second wrk keeps BACKGROUND_CONNECTIONS requests for CPU work in flight the
whole time, a fresh server each time. The plain stack is forced (asyncio, h11).
Run as a script, it calls each endpoint once.
"""

import asyncio
import multiprocessing
import os
import socket
import time
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import asynccontextmanager, contextmanager, suppress
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

KIND = "served"
CHART = "p99"
CPU_LOOPS = 500_000  # one CPU-bound request: tens of ms of pure Python
POOL_WORKERS = 2  # processes in the pool: one per core on this machine
HOST = "127.0.0.1"
CHEAP_PATH = "/cheap"
# Variant -> the path wrk measures: always the cheap endpoint. The first,
# inline, is the baseline the others are compared with.
VARIANTS: dict[str, str] = {
    "inline": CHEAP_PATH,
    "to_thread": CHEAP_PATH,
    "process_pool": CHEAP_PATH,
}
# Variant -> the CPU-bound path a second wrk loads at the same time.
BACKGROUND: dict[str, str] = {
    "inline": "/cpu/inline",
    "to_thread": "/cpu/to_thread",
    "process_pool": "/cpu/process_pool",
}
BACKGROUND_CONNECTIONS = 2  # CPU-bound requests in flight at any moment
CONCURRENCY = [10]  # connections on the cheap endpoint (`make bench`)
SMALL_CONCURRENCY = [10]  # the claims tests
DURATION_SECONDS = 2  # of each wrk run (`make bench`)
SMALL_DURATION_SECONDS = 1  # the claims tests
EXPECTED_SECONDS = 55  # a full run: 3 rounds x 3 fresh servers
START_TIMEOUT = 30  # seconds for a fresh server to answer
STOP_TIMEOUT = 10  # seconds for it to exit after SIGTERM, before it is killed


def count_squares(loops: int) -> int:
    """The CPU-bound work: pure Python, holding the GIL throughout."""
    total = 0
    for number in range(loops):
        total += number * number
    return total


def warm_up() -> int:
    return os.getpid()


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    # One pool for the server's whole life, started before the first request.
    with ProcessPoolExecutor(max_workers=POOL_WORKERS) as pool:
        loop = asyncio.get_running_loop()
        await asyncio.gather(
            *(loop.run_in_executor(pool, warm_up) for _ in range(POOL_WORKERS))
        )
        app.state.pool = pool
        yield


async def cheap(request: Request) -> JSONResponse:
    return JSONResponse({"cheap": True})


async def cpu_inline(request: Request) -> JSONResponse:
    result = count_squares(CPU_LOOPS)  # on the event loop: nothing else runs
    return JSONResponse({"way": "inline", "result": result})


async def cpu_to_thread(request: Request) -> JSONResponse:
    result = await asyncio.to_thread(count_squares, CPU_LOOPS)
    return JSONResponse({"way": "to_thread", "result": result})


async def cpu_process_pool(request: Request) -> JSONResponse:
    loop = asyncio.get_running_loop()
    pool = request.app.state.pool
    result = await loop.run_in_executor(pool, count_squares, CPU_LOOPS)
    return JSONResponse({"way": "process_pool", "result": result})


app = Starlette(
    routes=[
        Route(CHEAP_PATH, cheap),
        Route(BACKGROUND["inline"], cpu_inline),
        Route(BACKGROUND["to_thread"], cpu_to_thread),
        Route(BACKGROUND["process_pool"], cpu_process_pool),
    ],
    lifespan=lifespan,
)


def run_server(connection: Connection) -> None:
    """The server process: bind a free port, report it, serve until SIGTERM."""
    # IPPROTO_TCP: asyncio turns Nagle's algorithm off only on such sockets.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.bind((HOST, 0))  # port 0: the OS picks a free one, no race
    listener.listen(2048)
    connection.send(listener.getsockname()[1])
    connection.close()
    # A spawned child starts its own processes with spawn too; give the pool
    # the platform's default, as a server started from the command line has.
    multiprocessing.set_start_method(None, force=True)
    config = uvicorn.Config(
        app, loop="asyncio", http="h11", log_level="warning", access_log=False
    )
    uvicorn.Server(config).run(sockets=[listener])


def port_is_free(port: int) -> bool:
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


def stop(server: BaseProcess, port: int | None) -> None:
    """SIGTERM, a graceful wait, SIGKILL if need be; then the port is free."""
    server.terminate()
    server.join(STOP_TIMEOUT)
    if server.is_alive():
        server.kill()
        server.join()
    server.close()
    deadline = time.monotonic() + STOP_TIMEOUT
    while port is not None and not port_is_free(port):
        if time.monotonic() > deadline:
            raise RuntimeError(f"port {port} is still in use")
        time.sleep(0.05)


@contextmanager
def serve(variant: str = "inline") -> Iterator[str]:
    """A fresh server in a child process: yields its base URL, then stops it.
    Every variant runs the same app; only the load differs."""
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
        wait_until_answering(base_url + CHEAP_PATH, server)
        yield base_url
    finally:
        ours.close()
        stop(server, port)


def main() -> None:
    with serve() as base_url:
        for path in [CHEAP_PATH, *BACKGROUND.values()]:
            response = httpx.get(base_url + path, timeout=START_TIMEOUT)
            print(f"GET {path:<18} -> {response.status_code} {response.json()}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> GET /cheap             -> 200 {'cheap': True}
#> GET /cpu/inline        -> 200 {'way': 'inline', 'result': 41666541666750000}
#> GET /cpu/to_thread     -> 200 {'way': 'to_thread', 'result': 41666541666750000}
#> GET /cpu/process_pool  -> 200 {'way': 'process_pool', 'result': 41666541666750000}
