# output: script
"""Starlette runs a plain `def` endpoint in AnyIO's thread pool, which lets
40 run at once by default: the 41st request waits for a token, it does not
fail. Raising the limit in lifespan lets it run at once too.
"""

import asyncio
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
import anyio.to_thread
import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

HOST = "127.0.0.1"
REQUESTS = 41  # sent at once: one more than AnyIO's default 40 tokens
RAISED_TOKENS = 100  # the raised limit
HOLD_SECONDS = 0.5  # each request holds its thread this long: a blocking call
START_TIMEOUT = 10  # seconds for the server to start


class Gauge:
    """How many endpoint calls run at once, and the most there ever were."""

    def __init__(self) -> None:
        self.lock = threading.Lock()  # the calls run in several threads
        self.now = 0
        self.most = 0

    def enter(self) -> None:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)

    def leave(self) -> None:
        with self.lock:
            self.now -= 1


def make_app(tokens: int | None, gauge: Gauge, notes: list[str]) -> Starlette:
    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Inside the running event loop: the only place the limiter exists.
        limiter = anyio.to_thread.current_default_thread_limiter()
        notes.append(f"lifespan: total_tokens is {limiter.total_tokens}")
        if tokens is not None:
            limiter.total_tokens = tokens
            notes.append(f"lifespan: total_tokens set to {limiter.total_tokens}")
        yield

    def blocking_endpoint(request: Request) -> JSONResponse:
        gauge.enter()  # `def`: this runs in one of AnyIO's worker threads
        try:
            time.sleep(HOLD_SECONDS)
        finally:
            gauge.leave()
        return JSONResponse({"ok": True})

    return Starlette(routes=[Route("/", blocking_endpoint)], lifespan=lifespan)


async def send_at_once(url: str, requests: int) -> list[int]:
    limits = httpx.Limits(max_connections=requests)  # one connection each
    async with httpx.AsyncClient(limits=limits, timeout=START_TIMEOUT) as client:
        responses = await asyncio.gather(*(client.get(url) for _ in range(requests)))
    return [response.status_code for response in responses]


def serve_and_load(tokens: int | None) -> None:
    gauge, notes = Gauge(), list[str]()
    config = uvicorn.Config(
        make_app(tokens, gauge, notes), host=HOST, port=0, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.01)
    try:
        port = server.servers[0].sockets[0].getsockname()[1]
        statuses = asyncio.run(send_at_once(f"http://{HOST}:{port}/", REQUESTS))
    finally:
        server.should_exit = True
        thread.join()
    for note in notes:
        print(note)
    print(f"{REQUESTS} requests at once: all answered 200: {set(statuses) == {200}}")
    print(f"most `def` calls running at once: {gauge.most}")


def main() -> None:
    try:
        anyio.to_thread.current_default_thread_limiter()
    except anyio.NoEventLoopError as exc:  # no event loop runs here yet
        print(f"outside an event loop: {type(exc).__name__}")
    print("-- default limiter")
    serve_and_load(tokens=None)
    print("-- raised in lifespan")
    serve_and_load(tokens=RAISED_TOKENS)


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> outside an event loop: NoEventLoopError
#> -- default limiter
#> lifespan: total_tokens is 40
#> 41 requests at once: all answered 200: True
#> most `def` calls running at once: 40
#> -- raised in lifespan
#> lifespan: total_tokens is 40
#> lifespan: total_tokens set to 100
#> 41 requests at once: all answered 200: True
#> most `def` calls running at once: 41
