# output: script
# platform: linux
"""asyncio's debug mode logs a task step that held the event loop too long."""

import asyncio
import time

BLOCK_SECONDS = 0.2  # longer than loop.slow_callback_duration (0.1 s by default)


async def handle_request() -> None:
    time.sleep(BLOCK_SECONDS)  # the mistake: blocks the event loop, raises nothing
    await asyncio.sleep(0)  # the task suspends here: the log names this line


def main() -> None:
    asyncio.run(handle_request(), debug=True)


if __name__ == "__main__":
    main()

# Stderr (recorded by `make update` on Python 3.11, 3.12, 3.13):
#! Executing <Task pending name='Task-1' coro=<handle_request() running at .../pitfall_blocking_debug.py:13> cb=[_run_until_complete_cb() at .../asyncio/base_events.py:...] created at .../asyncio/runners.py:...> took ... seconds
