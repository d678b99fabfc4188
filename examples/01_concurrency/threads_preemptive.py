"""Threads are preemptive: even a thread that never waits takes turns."""

import sys
import threading
import time

BUSY_SECONDS = 0.5  # how long the main thread keeps the CPU busy
TICK_SECONDS = 0.05  # how often the heartbeat thread ticks


def spin(seconds: float) -> None:
    """Keep a CPU busy in pure Python: no sleep, no I/O, no waiting."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pass


def heartbeat(ticks: list[float], stop: threading.Event) -> None:
    while not stop.wait(TICK_SECONDS):
        ticks.append(time.monotonic())


def main() -> None:
    ticks: list[float] = []
    stop = threading.Event()
    beat = threading.Thread(target=heartbeat, args=(ticks, stop))
    beat.start()

    before = len(ticks)
    spin(BUSY_SECONDS)  # never offers to give up the CPU
    ticked = len(ticks) - before

    stop.set()
    beat.join()
    print(f"the heartbeat ticked while the main thread spun: {ticked > 0}")
    #> the heartbeat ticked while the main thread spun: True
    print(f"the interpreter's switch interval: {sys.getswitchinterval()} s")
    #> the interpreter's switch interval: 0.005 s


if __name__ == "__main__":
    main()
