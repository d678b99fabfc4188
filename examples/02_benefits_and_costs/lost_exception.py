"""An exception in a worker thread waits, silently, until someone asks for it."""

from concurrent.futures import ThreadPoolExecutor


def parse_price(text: str) -> float:
    return float(text)  # float("n/a") raises ValueError, in the worker thread


def main() -> None:
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(parse_price, text) for text in ["9.5", "n/a"]]
    # The pool has finished both jobs, and nothing was printed: the error is
    # stored in its future, and only result() or exception() will show it.
    print(f"jobs finished: {all(future.done() for future in futures)}")
    #> jobs finished: True
    failed = [future for future in futures if future.exception() is not None]
    print(f"jobs that failed: {len(failed)}")
    #> jobs that failed: 1
    try:
        futures[1].result()  # raises the worker's exception here, in this thread
    except ValueError as error:
        print(f"{type(error).__name__}: {error}")
        #> ValueError: could not convert string to float: 'n/a'


if __name__ == "__main__":
    main()
