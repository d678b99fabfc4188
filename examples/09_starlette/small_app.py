# output: script
"""A small Starlette app, served by uvicorn in a thread, queried with httpx.

Routes, JSON responses, a path parameter and a lifespan that opens and closes
what the app needs (here a dict standing in for a database pool). The server
binds 127.0.0.1 on a port the OS picks, and stops cleanly at the end.
"""

import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

HOST = "127.0.0.1"
START_TIMEOUT = 10  # seconds for the server to start
events: list[str] = []  # what the lifespan did, printed at the end


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    # Before the first request: open what every request shares.
    app.state.books = {1: "Fluent Python", 2: "Python Concurrency with asyncio"}
    events.append("startup: 2 books loaded")
    yield
    # After the last response: close it.
    app.state.books.clear()
    events.append("shutdown: books closed")


async def homepage(request: Request) -> JSONResponse:
    return JSONResponse({"hello": "world"})


async def book(request: Request) -> JSONResponse:
    book_id = request.path_params["book_id"]  # already an int: {book_id:int}
    title = request.app.state.books.get(book_id)
    if title is None:
        return JSONResponse({"error": f"no book {book_id}"}, status_code=404)
    return JSONResponse({"id": book_id, "title": title})


app = Starlette(
    routes=[Route("/", homepage), Route("/books/{book_id:int}", book)],
    lifespan=lifespan,
)


def main() -> None:
    config = uvicorn.Config(app, host=HOST, port=0, log_level="warning")  # 0: free
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run)  # the server's own event loop
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT
    while not server.started:  # set once the lifespan ran and it listens
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.01)
    try:
        port = server.servers[0].sockets[0].getsockname()[1]  # the one it got
        with httpx.Client(base_url=f"http://{HOST}:{port}") as client:
            for path in ["/", "/books/1", "/books/3", "/books/one"]:
                response = client.get(path)
                print(f"GET {path:<10} -> {response.status_code} {response.text}")
    finally:
        server.should_exit = True  # uvicorn's way to stop: it finishes open
        thread.join()  # responses, runs the lifespan's shutdown, closes the port
    for event in events:
        print(event)


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> GET /          -> 200 {"hello":"world"}
#> GET /books/1   -> 200 {"id":1,"title":"Fluent Python"}
#> GET /books/3   -> 404 {"error":"no book 3"}
#> GET /books/one -> 404 Not Found
#> startup: 2 books loaded
#> shutdown: books closed
