"""One pool of threads, three ways to hand it work: map, submit, as_completed."""

import time
from concurrent.futures import ThreadPoolExecutor, as_completed

# How long each job waits, as if for a server's reply: they finish out of order.
WAIT_SECONDS = {"a": 0.06, "b": 0.02, "c": 0.04}


def fetch(name: str) -> str:
    time.sleep(WAIT_SECONDS[name])
    return name.upper()


def main() -> None:
    with ThreadPoolExecutor(max_workers=3) as pool:
        # map: the results come back in the order of the inputs.
        print(list(pool.map(fetch, WAIT_SECONDS)))
        #> ['A', 'B', 'C']

        # submit: one Future per call, a handle on a result that may not exist yet.
        future = pool.submit(fetch, "b")
        print(f"a Future: {type(future).__name__}, result: {future.result()}")
        #> a Future: Future, result: B

        # as_completed: each future as soon as it is done, whatever its position.
        futures = {pool.submit(fetch, name): name for name in WAIT_SECONDS}
        finished = [future.result() for future in as_completed(futures)]
        print(f"results, sorted: {sorted(finished)}")  # their order varies
        #> results, sorted: ['A', 'B', 'C']
        print(f"all done after the loop: {all(f.done() for f in futures)}")
        #> all done after the loop: True


if __name__ == "__main__":
    main()
