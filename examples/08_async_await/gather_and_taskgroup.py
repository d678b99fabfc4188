"""gather() and TaskGroup run awaitables concurrently; they differ when one fails."""

import asyncio

SLOW_SECONDS = 0.2  # a job still waiting when its sibling fails


async def job(name: str, seconds: float, fail: bool = False) -> str:
    await asyncio.sleep(seconds)
    if fail:
        raise ValueError(f"{name} failed")
    return name


async def main() -> None:
    results = await asyncio.gather(job("a", 0.02), job("b", 0.01), job("c", 0))
    print(f"gather, results in the order given: {results}")
    #> gather, results in the order given: ['a', 'b', 'c']

    slow = asyncio.create_task(job("slow", SLOW_SECONDS))
    try:
        await asyncio.gather(slow, job("bad", 0, fail=True))
    except ValueError as exc:
        print(f"gather raised: {exc!r}; slow still running: {not slow.done()}")
        #> gather raised: ValueError('bad failed'); slow still running: True
    await slow  # nobody cancelled it: gather leaves the others running

    try:
        async with asyncio.TaskGroup() as group:  # Python 3.11+
            slow = group.create_task(job("slow", SLOW_SECONDS))
            group.create_task(job("bad", 0, fail=True))
    except* ValueError as group_error:  # an ExceptionGroup of what failed
        failures = group_error.exceptions
    print(f"TaskGroup raised: {failures!r}")
    #> TaskGroup raised: (ValueError('bad failed'),)
    print(f"the group cancelled slow: {slow.cancelled()}")
    #> the group cancelled slow: True


if __name__ == "__main__":
    asyncio.run(main())
