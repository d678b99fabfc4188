"""A coroutine runs only when awaited or wrapped in a task; a task is a future."""

import asyncio
import inspect

events: list[str] = []


async def fetch(name: str) -> str:
    events.append(f"{name} started")
    await asyncio.sleep(0)  # a suspension point: the event loop may run others
    events.append(f"{name} finished")
    return f"{name} data"


async def main() -> None:
    coro = fetch("a")  # calling an async def function runs none of its body
    print(f"a coroutine object: {inspect.iscoroutine(coro)}, events: {events}")
    #> a coroutine object: True, events: []
    print(await coro)  # await runs it, here and now
    #> a data

    task = asyncio.create_task(fetch("b"))  # scheduled: the loop will start it
    print(f"b is a future: {isinstance(task, asyncio.Future)}, done: {task.done()}")
    #> b is a future: True, done: False
    print(f"b started before main() awaited it: {'b started' in events}")
    #> b started before main() awaited it: False
    print(await task)  # suspends main() until the task has finished
    #> b data
    print(f"done: {task.done()}, result: {task.result()!r}")
    #> done: True, result: 'b data'


if __name__ == "__main__":
    asyncio.run(main())
