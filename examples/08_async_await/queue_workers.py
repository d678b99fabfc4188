"""Producers put jobs on an asyncio.Queue; a fixed set of workers takes them."""

import asyncio

PRODUCERS = 2
JOBS_EACH = 5
WORKERS = 3
QUEUE_SIZE = 4  # put() waits when the queue is full: back-pressure


async def produce(name: str, queue: asyncio.Queue[str]) -> int:
    """Put JOBS_EACH jobs; how many times the queue was full (put() waited)."""
    waited = 0
    for number in range(JOBS_EACH):
        waited += queue.full()
        await queue.put(f"{name}-{number}")
    return waited


async def work(queue: asyncio.Queue[str], done: list[str]) -> None:
    while True:
        job = await queue.get()
        try:
            await asyncio.sleep(0)  # as if handling the job
            done.append(job)
        finally:
            queue.task_done()  # one call per get(): join() counts them


async def main() -> None:
    queue: asyncio.Queue[str] = asyncio.Queue(maxsize=QUEUE_SIZE)
    done: list[str] = []
    workers = [asyncio.create_task(work(queue, done)) for _ in range(WORKERS)]
    waits = await asyncio.gather(*(produce(f"p{n}", queue) for n in range(PRODUCERS)))
    await queue.join()  # every job taken and marked done
    for worker in workers:
        worker.cancel()  # they wait forever on get(): stop them
    await asyncio.gather(*workers, return_exceptions=True)
    print(f"jobs done: {len(done)} of {PRODUCERS * JOBS_EACH}")
    #> jobs done: 10 of 10
    print(f"producers waited for room in the queue: {sum(waits) > 0}")
    #> producers waited for room in the queue: True
    print(f"workers cancelled: {all(w.cancelled() for w in workers)}")
    #> workers cancelled: True


if __name__ == "__main__":
    asyncio.run(main())
