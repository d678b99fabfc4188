# output: script
"""A fire-and-forget task that nothing references can be garbage-collected
while it still waits: "Task was destroyed but it is pending!"."""

import asyncio
import gc


async def wait_for_reply() -> None:
    reply = asyncio.get_running_loop().create_future()  # nothing else holds it
    await reply  # waits; only this task's own frame refers to `reply`
    print("reply received")  # never printed


async def main() -> None:
    asyncio.create_task(wait_for_reply())  # noqa: RUF006  # the mistake: no reference
    await asyncio.sleep(0)  # the task starts and waits on its future
    gc.collect()  # a collection comes sooner or later; here, now
    print("main: done")


if __name__ == "__main__":
    asyncio.run(main())

# Output (recorded by `make update`):
#> main: done

# Stderr (recorded by `make update`):
#! Task was destroyed but it is pending!
#! task: <Task pending name='Task-2' coro=<wait_for_reply() done, defined at .../pitfall_task_destroyed.py:9> wait_for=<Future pending cb=[Task.task_wakeup()]>>
