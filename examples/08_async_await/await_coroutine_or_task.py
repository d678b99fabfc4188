"""Awaiting a coroutine runs it inline; awaiting a pending task suspends the
caller; awaiting a task that is already done returns at once."""

import asyncio

order: list[str] = []


async def helper() -> None:
    order.append("helper runs (inside main's step)")


async def background(name: str) -> None:
    order.append(f"task {name} runs")


async def main() -> None:
    first = asyncio.create_task(background("first"))  # ready, not running yet
    order.append("main: await helper()")
    await helper()  # a plain call: no suspension, the task still waits
    order.append("main: await first (pending)")
    await first  # main suspends; the event loop runs the task
    order.append("main: resumed, first is done")

    second = asyncio.create_task(background("second"))
    order.append("main: await first again (done)")
    await first  # already done: returns its result at once, no suspension
    order.append(f"main: second has run: {second.done()}")
    await second
    for number, event in enumerate(order, start=1):
        print(f"{number}. {event}")
        #> 1. main: await helper()
        #> 2. helper runs (inside main's step)
        #> 3. main: await first (pending)
        #> 4. task first runs
        #> 5. main: resumed, first is done
        #> 6. main: await first again (done)
        #> 7. main: second has run: False
        #> 8. task second runs


if __name__ == "__main__":
    asyncio.run(main())
