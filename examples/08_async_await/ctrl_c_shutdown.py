# output: script
# platform: linux
"""Ctrl-C under asyncio.run(): the main task is cancelled, cleanup runs, then
asyncio.run() raises KeyboardInterrupt (Python 3.11+).

signal.raise_signal(SIGINT) stands in for the reader pressing Ctrl-C, so the
example ends by itself.
"""

import asyncio
import signal

WORKERS = 3
PRESS_AFTER_SECONDS = 0.1  # when "Ctrl-C" arrives


async def serve(name: str, closed: list[str]) -> None:
    try:
        await asyncio.sleep(3600)  # as if waiting for the next request
    finally:
        closed.append(name)  # runs when the group cancels the task


async def main() -> None:
    loop = asyncio.get_running_loop()
    loop.call_later(PRESS_AFTER_SECONDS, signal.raise_signal, signal.SIGINT)
    closed: list[str] = []
    try:
        async with asyncio.TaskGroup() as group:
            for number in range(WORKERS):
                group.create_task(serve(f"worker {number}", closed))
    except asyncio.CancelledError:
        print("main: cancelled; the group cancelled and awaited its workers")
        print(f"connections closed: {sorted(closed)}")
        raise  # let asyncio.run() see the cancellation


def run() -> None:
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        print("asyncio.run() raised KeyboardInterrupt: shut down cleanly")


if __name__ == "__main__":
    run()

# Output (recorded by `make update`):
#> main: cancelled; the group cancelled and awaited its workers
#> connections closed: ['worker 0', 'worker 1', 'worker 2']
#> asyncio.run() raised KeyboardInterrupt: shut down cleanly
