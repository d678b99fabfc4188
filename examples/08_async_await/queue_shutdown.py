# requires-python: >=3.13
"""Queue.shutdown() (Python 3.13+) ends the workers without cancelling them."""

import asyncio
import sys

assert sys.version_info >= (3, 13), "Queue.shutdown() needs Python 3.13+"

JOBS = 10
WORKERS = 3


async def work(name: str, queue: asyncio.Queue[int], done: list[int]) -> str:
    while True:
        try:
            job = await queue.get()
        except asyncio.QueueShutDown:  # shut down, and nothing left to take
            return f"{name} stopped"
        done.append(job)
        queue.task_done()


async def main() -> None:
    queue: asyncio.Queue[int] = asyncio.Queue()
    done: list[int] = []
    async with asyncio.TaskGroup() as group:
        workers = [
            group.create_task(work(f"worker {n}", queue, done)) for n in range(WORKERS)
        ]
        for job in range(JOBS):
            await queue.put(job)
        queue.shutdown()  # no more puts; get() raises once the queue is empty
    print(f"jobs done: {len(done)} of {JOBS}")
    #> jobs done: 10 of 10
    print([worker.result() for worker in workers])
    #> ['worker 0 stopped', 'worker 1 stopped', 'worker 2 stopped']


if __name__ == "__main__":
    asyncio.run(main())
