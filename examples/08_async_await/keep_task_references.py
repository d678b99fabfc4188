"""The fix: keep a reference to every background task until it is done."""

import asyncio
import gc
from collections.abc import Coroutine
from typing import Any

background_tasks: set[asyncio.Task[None]] = set()


def start_background(coro: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
    task = asyncio.create_task(coro)
    background_tasks.add(task)  # a strong reference: the loop keeps only weak ones
    task.add_done_callback(background_tasks.discard)  # dropped once done
    return task


async def wait_for_reply() -> None:
    reply = asyncio.get_running_loop().create_future()  # nothing else holds it
    await reply


async def main() -> None:
    start_background(wait_for_reply())
    await asyncio.sleep(0)  # the task starts and waits on its future
    gc.collect()
    pending = [task for task in background_tasks if not task.done()]
    print(f"still pending after a garbage collection: {len(pending)}")
    #> still pending after a garbage collection: 1
    for task in background_tasks:
        task.cancel()  # shutting down: cancel what still waits, and wait for it
    await asyncio.gather(*background_tasks, return_exceptions=True)
    print(f"tasks left after shutdown: {len(background_tasks)}")
    #> tasks left after shutdown: 0


if __name__ == "__main__":
    asyncio.run(main())
