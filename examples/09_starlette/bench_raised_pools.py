# output: script
# start-method: spawn
"""The 50 ms endpoint again: to_thread with a raised executor, and WSGI.

- `await`: `async def` awaiting `asyncio.sleep`, as in bench_starlette.py.
- `to_thread_raised`: `asyncio.to_thread(time.sleep, ...)` after lifespan
  raised the loop's default executor to EXECUTOR_THREADS threads.
- `wsgi_threads`: the same wait in a WSGI app, served by the standard
  library's wsgiref with socketserver.ThreadingMixIn: a thread per request.

The ASGI variants run on uvicorn's plain stack (asyncio, h11), as in
bench_starlette.py. `make bench BENCH=raised_pools` loads each with wrk, a
fresh server each time; the claims tests rerun it at SMALL_CONCURRENCY. Run as
a script, it checks which endpoints overlap requests.
"""

import asyncio
import json
import multiprocessing
import os
import socket
import socketserver
import time
from collections.abc import AsyncIterator, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager, contextmanager, suppress
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

KIND = "served"
CHART = "rate"
WAIT_SECONDS = 0.05  # what every endpoint waits: a stand-in for a slow backend
EXECUTOR_THREADS = 64  # the raised default executor, for asyncio.to_thread
HOST = "127.0.0.1"
VARIANTS: dict[str, str] = {
    "await": "/await",
    "to_thread_raised": "/to_thread",
    "wsgi_threads": "/wsgi",
}
CONCURRENCY = [50]  # open connections (`make bench`)
SMALL_CONCURRENCY = [50]  # the claims tests
DURATION_SECONDS = 2  # of each wrk run (`make bench`)
SMALL_DURATION_SECONDS = 1  # the claims tests
EXPECTED_SECONDS = 35  # a full run: 3 rounds x 3 fresh servers
CHECK_REQUESTS = 10  # main(): requests sent at once to each endpoint
CHECK_TRIES = 3  # main(): the quickest of this many tries counts
START_TIMEOUT = 30  # seconds for a fresh server to answer
STOP_TIMEOUT = 10  # seconds for it to exit after SIGTERM, before it is killed


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    # The default executor belongs to the running loop: set it from inside.
    loop = asyncio.get_running_loop()
    loop.set_default_executor(ThreadPoolExecutor(max_workers=EXECUTOR_THREADS))
    yield  # asyncio.run() shuts the default executor down at the end


async def wait_await(request: Request) -> JSONResponse:
    await asyncio.sleep(WAIT_SECONDS)
    return JSONResponse({"variant": "await"})


async def wait_to_thread(request: Request) -> JSONResponse:
    await asyncio.to_thread(time.sleep, WAIT_SECONDS)
    return JSONResponse({"variant": "to_thread_raised"})


app = Starlette(
    routes=[
        Route(VARIANTS["await"], wait_await),
        Route(VARIANTS["to_thread_raised"], wait_to_thread),
    ],
    lifespan=lifespan,
)


def wsgi_app(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
    """The same endpoint for WSGI: one blocking call per request, per thread."""
    time.sleep(WAIT_SECONDS)
    body = json.dumps({"variant": "wsgi_threads"}).encode()
    headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    start_response("200 OK", headers)
    return [body]


class ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    """wsgiref's server with a new thread for every request."""

    daemon_threads = True
    request_queue_size = 2048  # the listen backlog (5 by default), as for uvicorn


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass  # no line on stderr per request


def run_server(variant: str, connection: Connection) -> None:
    """The server process: bind a free port, report it, serve until SIGTERM."""
    if variant == "wsgi_threads":
        server = make_server(
            HOST, 0, wsgi_app, ThreadingWSGIServer, handler_class=QuietHandler
        )
        connection.send(server.server_port)
        connection.close()
        server.serve_forever()
        return
    # IPPROTO_TCP: asyncio turns Nagle's algorithm off only on such sockets.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.bind((HOST, 0))  # port 0: the OS picks a free one, no race
    listener.listen(2048)
    connection.send(listener.getsockname()[1])
    connection.close()
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
def serve(variant: str) -> Iterator[str]:
    """A fresh server for the variant in a child process: yields its base URL,
    then stops it."""
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe(duplex=False)
    server = context.Process(target=run_server, args=(variant, theirs))
    server.start()
    theirs.close()
    port = None
    try:
        with suppress(EOFError):  # EOFError: it exited before reporting
            port = ours.recv() if ours.poll(START_TIMEOUT) else None
        if port is None:
            raise RuntimeError("the server process did not report its port")
        base_url = f"http://{HOST}:{port}"
        wait_until_answering(base_url + VARIANTS[variant], server)
        yield base_url
    finally:
        ours.close()
        stop(server, port)


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
    # One ASGI server answers both ASGI paths; the WSGI app has its own.
    for server_variant in ("await", "wsgi_threads"):
        with serve(server_variant) as base_url:
            for variant, path in VARIANTS.items():
                if (variant == "wsgi_threads") != (server_variant == "wsgi_threads"):
                    continue
                answer = httpx.get(base_url + path).json()
                # The best of a few tries: a busy machine can delay any one.
                elapsed = min(
                    asyncio.run(send_at_once(base_url + path, CHECK_REQUESTS))
                    for _ in range(CHECK_TRIES)
                )
                overlapped = elapsed < one_by_one / 2  # a wide margin either way
                print(
                    f"GET {path:<10} -> {answer}, "
                    f"{CHECK_REQUESTS} at once overlap: {overlapped}"
                )


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> GET /await     -> {'variant': 'await'}, 10 at once overlap: True
#> GET /to_thread -> {'variant': 'to_thread_raised'}, 10 at once overlap: True
#> GET /wsgi      -> {'variant': 'wsgi_threads'}, 10 at once overlap: True
