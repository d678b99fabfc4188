"""Synchronous code hands coroutines to an event loop running in another
thread, with asyncio.run_coroutine_threadsafe()."""

import asyncio
import threading
from concurrent.futures import Future
from types import TracebackType
from typing import Any

RESULT_TIMEOUT = 5  # seconds a caller waits for a result before giving up


class BackgroundLoop:
    """An event loop running forever in a thread of its own, until closed."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="loop")

    def __enter__(self) -> "BackgroundLoop":
        self.thread.start()
        return self

    def submit(self, coro: Any) -> "Future[Any]":
        """Schedule `coro` on the loop; a concurrent.futures.Future for its result."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)  # the only safe way in
        self.thread.join()
        self.loop.close()


async def fetch(name: str) -> tuple[str, str]:
    await asyncio.sleep(0.01)  # as if waiting for the network
    return name, threading.current_thread().name


def main() -> None:  # plain synchronous code: a CLI, a Flask view, a test
    with BackgroundLoop() as background:
        futures = [background.submit(fetch(name)) for name in ("a", "b", "c")]
        results = [future.result(timeout=RESULT_TIMEOUT) for future in futures]
    print(f"results: {[name for name, _ in results]}")
    #> results: ['a', 'b', 'c']
    print(f"ran on the loop's thread: {all(t == 'loop' for _, t in results)}")
    #> ran on the loop's thread: True
    print(f"loop thread still running: {background.thread.is_alive()}")
    #> loop thread still running: False


if __name__ == "__main__":
    main()
