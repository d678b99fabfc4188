"""One job after another: no concurrency at all."""

import time

JOBS = ["a", "b", "c"]
WAIT_SECONDS = 0.1  # each job waits, as if for the network


def do_job(name: str) -> str:
    time.sleep(WAIT_SECONDS)
    return f"job {name} done"


def main() -> None:
    started = time.perf_counter()
    for name in JOBS:
        print(do_job(name))
        # > job a done
        # > job b done
        # > job c done
    elapsed = time.perf_counter() - started
    print(f"took about {len(JOBS)} waits: {elapsed >= len(JOBS) * WAIT_SECONDS}")
    # > took about 3 waits: True


if __name__ == "__main__":
    main()
