"""asyncio.Semaphore bounds how many tasks are inside a block at once."""

import asyncio

JOBS = 20
LIMIT = 3  # at most this many requests in flight, say to spare a server
REQUEST_SECONDS = 0.01


class Counter:
    def __init__(self) -> None:
        self.in_flight = 0
        self.most = 0


async def fetch(limit: asyncio.Semaphore, counter: Counter) -> None:
    async with limit:  # waits while LIMIT tasks are inside
        counter.in_flight += 1  # no await between read and write: no race
        counter.most = max(counter.most, counter.in_flight)
        await asyncio.sleep(REQUEST_SECONDS)  # as if waiting for the reply
        counter.in_flight -= 1


async def main() -> None:
    counter = Counter()
    unbounded = asyncio.Semaphore(JOBS)
    await asyncio.gather(*(fetch(unbounded, counter) for _ in range(JOBS)))
    print(f"{JOBS} jobs, no real limit: at most {counter.most} in flight")
    #> 20 jobs, no real limit: at most 20 in flight
    counter = Counter()
    limit = asyncio.Semaphore(LIMIT)
    await asyncio.gather(*(fetch(limit, counter) for _ in range(JOBS)))
    print(f"{JOBS} jobs, Semaphore({LIMIT}): at most {counter.most} in flight")
    #> 20 jobs, Semaphore(3): at most 3 in flight


if __name__ == "__main__":
    asyncio.run(main())
