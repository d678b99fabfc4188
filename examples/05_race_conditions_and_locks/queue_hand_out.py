"""Threads share out jobs through a queue.Queue: taking a job is one step."""

import queue
import threading

THREADS = 4
JOBS = 10_000


def work(jobs: queue.Queue[int], done: list[int]) -> None:
    while True:
        try:
            job = jobs.get_nowait()  # checks and takes in one step
        except queue.Empty:  # nothing left: no other thread can have a job for us
            return
        done.append(job)


def main() -> None:
    jobs: queue.Queue[int] = queue.Queue()
    for job in range(JOBS):
        jobs.put(job)
    done: list[int] = []
    threads = [threading.Thread(target=work, args=(jobs, done)) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"every job done exactly once: {sorted(done) == list(range(JOBS))}")
    #> every job done exactly once: True


if __name__ == "__main__":
    main()
