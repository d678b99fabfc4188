# output: script
"""Moving data to a worker process and back: a Queue, then a Pipe."""

import multiprocessing
from multiprocessing.connection import Connection
from typing import Any

ORDERS = [{"item": "tea", "quantity": 2}, {"item": "cake", "quantity": 1}]


def price_orders(inbox: Any, outbox: Any) -> None:
    """Take orders until None arrives; send back each order's total."""
    prices = {"tea": 3, "cake": 5}
    while (order := inbox.get()) is not None:
        outbox.put((order["item"], prices[order["item"]] * order["quantity"]))


def count_words(connection: Connection) -> None:
    """Answer each text sent down the pipe with its word count, until None."""
    while (text := connection.recv()) is not None:
        connection.send(len(text.split()))
    connection.close()


def main() -> None:
    # A Queue: any number of processes may put and get; items are pickled.
    inbox: Any = multiprocessing.Queue()
    outbox: Any = multiprocessing.Queue()
    worker = multiprocessing.Process(target=price_orders, args=(inbox, outbox))
    worker.start()
    for order in ORDERS:
        inbox.put(order)
    inbox.put(None)  # no more orders
    totals = [outbox.get() for _ in ORDERS]
    worker.join()
    print(f"queue: totals from the worker: {totals}")
    for queue in (inbox, outbox):
        queue.close()  # no more puts from here
        queue.join_thread()  # wait for its feeder thread to flush and end

    # A Pipe: exactly two ends, one per process; also pickled.
    ours, theirs = multiprocessing.Pipe()
    worker = multiprocessing.Process(target=count_words, args=(theirs,))
    worker.start()
    theirs.close()  # the worker has its own copy of this end
    ours.send("processes share nothing by default")
    print(f"pipe: words counted by the worker: {ours.recv()}")
    ours.send(None)
    worker.join()
    ours.close()


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> queue: totals from the worker: [('tea', 6), ('cake', 5)]
#> pipe: words counted by the worker: 5
