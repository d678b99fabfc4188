# output: script
# platform: linux
"""Debug mode logs every task step that held the event loop too long."""

import asyncio
import time

BLOCK_SECONDS = 0.2  # longer than loop.slow_callback_duration (0.1 s by default)


async def handle_request() -> None:
    time.sleep(BLOCK_SECONDS)  # the mistake: blocks the loop, raises nothing
    await asyncio.sleep(0)  # the step ends here: the log names this line


async def main() -> None:
    async with asyncio.TaskGroup() as group:
        group.create_task(handle_request(), name="request")
    print("main: done, no error raised")


if __name__ == "__main__":
    asyncio.run(main(), debug=True)  # or PYTHONASYNCIODEBUG=1, or python -X dev

# Output (recorded by `make update`):
#> main: done, no error raised

# Stderr (recorded by `make update`):
#! Executing <Task pending name='request' coro=<handle_request() running at .../pitfall_blocking_in_debug_mode.py:13> cb=[TaskGroup._on_task_done()] created at .../asyncio/taskgroups.py:...> took ... seconds
