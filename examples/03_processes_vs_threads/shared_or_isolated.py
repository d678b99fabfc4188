# output: script
"""A thread changes the program's global; a process changes its own copy."""

import multiprocessing
import threading

counter = 0  # a module-level global: one per interpreter


def bump(report: "multiprocessing.Queue[int] | None" = None) -> None:
    global counter
    counter += 1
    if report is not None:
        report.put(counter)  # what the worker itself saw


def main() -> None:
    report: multiprocessing.Queue[int] = multiprocessing.Queue()
    process = multiprocessing.Process(target=bump, args=(report,))
    process.start()
    seen_in_process = report.get()
    process.join()
    print(f"the process saw counter = {seen_in_process}")
    print(f"after the process, the main program sees counter = {counter}")

    thread = threading.Thread(target=bump)
    thread.start()
    thread.join()
    print(f"after the thread, the main program sees counter = {counter}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> the process saw counter = 1
#> after the process, the main program sees counter = 0
#> after the thread, the main program sees counter = 1
