# output: script
# platform: linux
"""An asyncio echo server holding CONNECTIONS connections at once, on one thread.

The client is a second process (this same file, run with --client): it opens
every connection, sends one line on each, reads every echo, and only then
closes them all, so the server holds them all at the same moment. Linux only
as written: it reads and raises the file-descriptor limit with `resource`.
"""

import asyncio
import resource
import subprocess
import sys
import threading

HOST = "127.0.0.1"
CONNECTIONS = 1_000
CONNECTING_AT_ONCE = 200  # the client's connects in flight at a time
MESSAGE = b"hello\n"
TIME_LIMIT = 30.0  # seconds; either side gives up after this


def raise_open_file_limit(needed: int) -> None:
    """Raise this process's soft descriptor limit to `needed`, within the hard one."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft >= needed:
        return
    if hard != resource.RLIM_INFINITY and hard < needed:
        sys.exit(
            f"{needed} file descriptors needed, but the hard limit is {hard}: "
            f"ask for more (ulimit -Hn) or lower CONNECTIONS"
        )
    resource.setrlimit(resource.RLIMIT_NOFILE, (needed, hard))


class EchoServer:
    """Echo one line per connection; note how many were open at once."""

    def __init__(self, expected: int) -> None:
        self.expected = expected
        self.open_now = 0
        self.most_open = 0
        self.echoed = 0
        self.threads_when_all_open = 0
        self.all_closed = asyncio.Event()
        self.handlers: set[asyncio.Task[None]] = set()

    async def handle(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        task = asyncio.current_task()
        assert task is not None
        self.handlers.add(task)
        self.open_now += 1
        self.most_open = max(self.most_open, self.open_now)
        if self.open_now == self.expected:
            self.threads_when_all_open = threading.active_count()
        try:
            writer.write(await reader.readline())
            await writer.drain()
            self.echoed += 1
            await reader.read()  # until the client closes its end
        finally:
            self.open_now -= 1
            writer.close()
            self.handlers.discard(task)
            if not self.handlers:
                self.all_closed.set()


async def stop(server: asyncio.Server, handlers: set[asyncio.Task[None]]) -> None:
    """Stop listening, then end every handler still running, and wait for them."""
    server.close()
    if sys.version_info >= (3, 13):
        server.close_clients()  # closes every connection; handlers see EOF
    for task in list(handlers):
        task.cancel()
    await asyncio.gather(*handlers, return_exceptions=True)
    await server.wait_closed()


async def serve() -> None:
    echo = EchoServer(CONNECTIONS)
    server = await asyncio.start_server(echo.handle, HOST, 0, backlog=CONNECTIONS)
    port = server.sockets[0].getsockname()[1]
    client = subprocess.Popen(
        [sys.executable, __file__, "--client", str(port), str(CONNECTIONS)]
    )
    try:
        async with asyncio.timeout(TIME_LIMIT):
            await echo.all_closed.wait()
    finally:
        await stop(server, echo.handlers)
        client.wait(timeout=TIME_LIMIT)
    print(
        f"all {CONNECTIONS} connections open at once: {echo.most_open == CONNECTIONS}"
    )
    print(f"every connection echoed its message: {echo.echoed == CONNECTIONS}")
    print(f"threads in the server: {echo.threads_when_all_open}")
    print(f"client exit status: {client.returncode}")
    print(f"handlers left running: {len(echo.handlers)}")


async def connect_and_echo(
    port: int, gate: asyncio.Semaphore, everyone_echoed: asyncio.Barrier
) -> bool:
    async with gate:
        reader, writer = await asyncio.open_connection(HOST, port)
    try:
        writer.write(MESSAGE)
        await writer.drain()
        echoed = await reader.readline() == MESSAGE
        await everyone_echoed.wait()  # hold the connection until all have echoed
        return echoed
    finally:
        writer.close()
        await writer.wait_closed()


async def run_client(port: int, count: int) -> None:
    gate = asyncio.Semaphore(CONNECTING_AT_ONCE)
    everyone_echoed = asyncio.Barrier(count)
    async with asyncio.timeout(TIME_LIMIT):
        results = await asyncio.gather(
            *(connect_and_echo(port, gate, everyone_echoed) for _ in range(count))
        )
    if not all(results):
        sys.exit("some echoes differed from what was sent")


def main() -> None:
    raise_open_file_limit(CONNECTIONS + 100)  # sockets, plus what Python opens
    if sys.argv[1:2] == ["--client"]:
        asyncio.run(run_client(int(sys.argv[2]), int(sys.argv[3])))
    else:
        asyncio.run(serve())


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> all 1000 connections open at once: True
#> every connection echoed its message: True
#> threads in the server: 1
#> client exit status: 0
#> handlers left running: 0
