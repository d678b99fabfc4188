"""Two threads that take the same two locks in opposite orders wait for each other."""

import threading

SECOND_LOCK_TIMEOUT = 0.2  # seconds a thread waits for its second lock


def take_both(
    name: str,
    first: threading.Lock,
    second: threading.Lock,
    got_both: dict[str, bool],
    holding: threading.Barrier | None = None,
) -> None:
    with first:
        if holding:
            holding.wait()  # both threads now hold their first lock
        # Real code blocks here for ever; the timeout keeps the demo bounded.
        got_both[name] = second.acquire(timeout=SECOND_LOCK_TIMEOUT)
        if got_both[name]:
            second.release()
        if holding:
            holding.wait()  # keep the first lock until both threads have tried


def run(
    orders: dict[str, tuple[threading.Lock, threading.Lock]], forced: bool
) -> dict[str, bool]:
    """Start a thread per entry of `orders`; did each get both of its locks?"""
    got_both: dict[str, bool] = {}
    # The barrier makes the unlucky timing happen on every run.
    holding = threading.Barrier(len(orders)) if forced else None
    threads = [
        threading.Thread(target=take_both, args=(name, *locks, got_both, holding))
        for name, locks in orders.items()
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return dict(sorted(got_both.items()))


def main() -> None:
    a, b = threading.Lock(), threading.Lock()
    print(run({"a then b": (a, b), "b then a": (b, a)}, forced=True))
    #> {'a then b': False, 'b then a': False}
    print(run({"a then b": (a, b), "also a then b": (a, b)}, forced=False))
    #> {'a then b': True, 'also a then b': True}


if __name__ == "__main__":
    main()
