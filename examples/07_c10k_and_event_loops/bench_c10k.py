# output: script
# platform: linux
"""Memory per connection: one asyncio thread against a thread per connection.

Both servers echo one line per connection to a client in a second process,
which opens every connection, sends a line on each, reads every echo, and
keeps them all open until the server has measured itself and lets go. The
asyncio server runs every connection as a task on one thread; the threaded
server gives each connection its own thread blocked in `recv`.
`make bench BENCH=c10k` holds COUNTS in a fresh server process each and reads
its memory; the claims tests rerun SMALL_COUNTS. Threads stop at 5,000: the
limits that would stop them further are read from the system by limits(),
not found by exhausting the machine. Run as a script, it holds CHECK_COUNT
connections each way. Linux only as written (`resource`, /proc, /sys).
"""

import asyncio
import resource
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

KIND = "connections"
UNITS = ["asyncio", "threads"]
COUNTS = {"asyncio": [1_000, 5_000, 10_000], "threads": [100, 1_000, 5_000]}
SMALL_COUNTS = {"asyncio": [250, 1_000], "threads": [250, 1_000]}  # the claims
CHECK_COUNT = 500  # main()
EXPECTED_SECONDS = 110  # 3 rounds x 6 fresh server processes: 58-140 s seen
HOST = "127.0.0.1"
MESSAGE = b"hello\n"
CONNECTING_AT_ONCE = 200  # the client's connects in flight at a time
TIME_LIMIT = 60.0  # seconds; server and client give up after this
EXTRA_DESCRIPTORS = 100  # beyond one per connection: what Python itself opens


def raise_open_file_limit(needed: int) -> None:
    """Raise this process's soft descriptor limit to `needed`, within the hard one."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft >= needed:
        return
    if hard != resource.RLIM_INFINITY and hard < needed:
        sys.exit(
            f"{needed} file descriptors needed, but the hard limit is {hard}: "
            "ask for more (ulimit -Hn) or hold fewer connections"
        )
    resource.setrlimit(resource.RLIMIT_NOFILE, (needed, hard))


def start_client(port: int, count: int) -> subprocess.Popen[bytes]:
    """This file, run with --client, in a second process."""
    return subprocess.Popen(
        [sys.executable, __file__, "--client", str(port), str(count)]
    )


async def serve_asyncio(count: int, measure: Callable[[], Any]) -> dict[str, Any]:
    """One thread, a task per connection: asyncio streams."""
    open_now = most_open = echoed = 0
    all_echoed, release = asyncio.Event(), asyncio.Event()
    handlers: set[asyncio.Task[None]] = set()

    async def handle(
        reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        nonlocal open_now, most_open, echoed
        handlers.add(cast(asyncio.Task[None], asyncio.current_task()))
        open_now += 1
        most_open = max(most_open, open_now)
        try:
            writer.write(await reader.readline())
            await writer.drain()
            echoed += 1
            if echoed == count:
                all_echoed.set()
            await release.wait()
        finally:
            open_now -= 1
            writer.close()

    server = await asyncio.start_server(handle, HOST, 0, backlog=count)
    client = start_client(server.sockets[0].getsockname()[1], count)
    try:
        async with asyncio.timeout(TIME_LIMIT):
            await all_echoed.wait()
        held = {"memory": measure(), "threads": threading.active_count()}
        release.set()  # the handlers close their ends; the client sees EOF
        await asyncio.gather(*handlers)
    finally:
        server.close()
        for task in handlers:  # only after a failure: end the rest
            task.cancel()
        await asyncio.gather(*handlers, return_exceptions=True)
        await server.wait_closed()
        client.wait(timeout=TIME_LIMIT)
    return held | {"open_at_once": most_open}


def serve_threads(count: int, measure: Callable[[], Any]) -> dict[str, Any]:
    """A thread per connection, each blocked in recv() until its line arrives."""
    lock = threading.Lock()
    open_now = most_open = 0
    echoed, release = threading.Semaphore(0), threading.Event()

    def handle(connection: socket.socket) -> None:
        nonlocal open_now, most_open
        with lock:
            open_now += 1
            most_open = max(most_open, open_now)
        try:
            line = b""
            while not line.endswith(b"\n"):
                line += connection.recv(1024) or b"\n"  # EOF ends the line too
            connection.sendall(line)
            echoed.release()
            release.wait(TIME_LIMIT)
        finally:
            with lock:
                open_now -= 1
            connection.close()

    threads: list[threading.Thread] = []
    with socket.create_server((HOST, 0), backlog=count) as listener:
        listener.settimeout(TIME_LIMIT)
        client = start_client(listener.getsockname()[1], count)
        try:
            for _ in range(count):
                connection, _ = listener.accept()
                connection.settimeout(TIME_LIMIT)
                threads.append(threading.Thread(target=handle, args=(connection,)))
            for thread in threads:  # after the accepts: the main thread then
                thread.start()  # never waits for the GIL behind echoing threads
            for _ in range(count):
                if not echoed.acquire(timeout=TIME_LIMIT):
                    raise TimeoutError("the echoes did not all arrive in time")
            held = {"memory": measure(), "threads": threading.active_count()}
        finally:
            release.set()
            for thread in threads:
                if thread.ident is not None:  # started
                    thread.join()
            client.wait(timeout=TIME_LIMIT)
    return held | {"open_at_once": most_open}


def hold(unit: str, count: int, measure: Callable[[], Any]) -> dict[str, Any]:
    """Serve `count` connections; measure() once while all are open. What the
    benchmark runner calls, in a fresh process each time."""
    raise_open_file_limit(count + EXTRA_DESCRIPTORS)
    if unit == "asyncio":
        return asyncio.run(serve_asyncio(count, measure))
    if unit == "threads":
        return serve_threads(count, measure)
    raise ValueError(f"unknown unit: {unit!r}")


def read_number(path: str) -> int | None:
    """An integer from a /proc or /sys file; None if it says "max" or is absent."""
    try:
        text = Path(path).read_text().strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def cgroup_pids_max() -> int | None:
    """pids.max of this process's cgroup (v2, or v1's pids controller)."""
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        _number, controllers, path = line.split(":", 2)
        if not controllers:  # cgroup v2
            folder = f"/sys/fs/cgroup{path.rstrip('/')}"
        elif "pids" in controllers.split(","):  # cgroup v1
            folder = f"/sys/fs/cgroup/pids{path.rstrip('/')}"
        else:
            continue
        value = read_number(f"{folder}/pids.max")  # absent in a root cgroup
        if value is not None:
            return value
    return None


def soft_limit(which: int) -> int | None:
    soft, _hard = resource.getrlimit(which)
    return None if soft == resource.RLIM_INFINITY else soft


def limits() -> dict[str, int | None]:
    """What would stop a thread per connection, read rather than reached."""
    return {
        "threads per user (ulimit -u)": soft_limit(resource.RLIMIT_NPROC),
        "tasks in this cgroup (pids.max)": cgroup_pids_max(),
        "threads in the system (threads-max)": read_number(
            "/proc/sys/kernel/threads-max"
        ),
        "stack reserved per thread (ulimit -s)": threading.stack_size()
        or soft_limit(resource.RLIMIT_STACK),
        "open files per process (ulimit -n)": soft_limit(resource.RLIMIT_NOFILE),
    }


class EchoClient(asyncio.Protocol):
    """One connection: send MESSAGE, keep what comes back, wait for the close."""

    def __init__(self) -> None:
        self.received = b""
        self.closed = asyncio.get_running_loop().create_future()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        cast(asyncio.Transport, transport).write(MESSAGE)

    def data_received(self, data: bytes) -> None:
        self.received += data

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed.set_result(None)


async def run_client(port: int, count: int) -> None:
    """Open `count` connections, CONNECTING_AT_ONCE at a time, and keep them all
    open until the server closes them."""
    loop = asyncio.get_running_loop()
    connections: list[tuple[asyncio.BaseTransport, EchoClient]] = []
    try:
        async with asyncio.timeout(TIME_LIMIT):
            while len(connections) < count:
                batch = min(CONNECTING_AT_ONCE, count - len(connections))
                connections += await asyncio.gather(
                    *(
                        loop.create_connection(EchoClient, HOST, port)
                        for _ in range(batch)
                    )
                )
            await asyncio.gather(*(client.closed for _, client in connections))
    finally:
        for transport, _ in connections:
            transport.close()
    if any(client.received != MESSAGE for _, client in connections):
        sys.exit("some echoes differed from what was sent")


def main() -> None:
    if sys.argv[1:2] == ["--client"]:
        count = int(sys.argv[3])
        raise_open_file_limit(count + EXTRA_DESCRIPTORS)
        asyncio.run(run_client(int(sys.argv[2]), count))
        return
    for unit in UNITS:
        held = hold(unit, CHECK_COUNT, lambda: None)
        print(
            f"{unit:<7}: all {CHECK_COUNT} open at once: "
            f"{held['open_at_once'] == CHECK_COUNT}, "
            f"threads in the server: {held['threads']:,}"
        )
    print(f"threads left running: {threading.active_count()}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> asyncio: all 500 open at once: True, threads in the server: 1
#> threads: all 500 open at once: True, threads in the server: 501
#> threads left running: 1
