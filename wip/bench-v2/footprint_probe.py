"""Scratch: memory per idle thread / task, one fresh spawned process per point.

usage: python /tmp/footprint_probe.py [rounds] [count,count,...]
"""

import importlib
import multiprocessing
import statistics
import sys
import time
from typing import Any

BENCH_DIR = "/work/main/examples/08_async_await"
BENCH = "bench_footprint"
CHILD_TIMEOUT = 120
KIB = 1024


def read_memory() -> dict[str, int | None]:
    """RSS, USS and PSS (Linux) of this process, in bytes."""
    import psutil

    process = psutil.Process()
    try:
        info = process.memory_full_info()  # USS/PSS: walks /proc/self/smaps
    except psutil.AccessDenied:  # some platforms hide USS
        return {"rss": process.memory_info().rss, "uss": None, "pss": None}
    return {"rss": info.rss, "uss": info.uss, "pss": getattr(info, "pss", None)}


def child(unit: str, count: int, connection: Any) -> None:
    sys.path.insert(0, BENCH_DIR)
    module = importlib.import_module(BENCH)
    read_memory()  # import psutil and warm its code before the baseline
    before = read_memory()
    during = module.hold(unit, count, read_memory)
    connection.send({"before": before, "during": during})
    connection.close()


def sample(unit: str, count: int) -> dict[str, dict[str, int | None]]:
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe(duplex=False)
    process = context.Process(target=child, args=(unit, count, theirs))
    process.start()
    theirs.close()
    try:
        if not ours.poll(CHILD_TIMEOUT):
            raise RuntimeError(f"hold({unit!r}, {count}) gave no answer")
        return ours.recv()
    finally:
        ours.close()
        process.join(CHILD_TIMEOUT)
        if process.is_alive():
            process.kill()
            process.join()
        if process.exitcode != 0:
            raise RuntimeError(f"child exited {process.exitcode}")


def slope(xs: list[int], ys: list[float]) -> float:
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum(
        (x - mx) ** 2 for x in xs
    )


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    sys.path.insert(0, BENCH_DIR)
    module = importlib.import_module(BENCH)
    counts = (
        [int(c) for c in sys.argv[2].split(",")] if len(sys.argv) > 2 else module.COUNTS
    )
    keys = [(unit, count) for unit in module.UNITS for count in counts]
    growth: dict[tuple[str, int], dict[str, list[float]]] = {
        key: {"rss": [], "uss": [], "pss": []} for key in keys
    }
    started = time.perf_counter()
    for number in range(rounds):
        for unit, count in keys if number % 2 == 0 else keys[::-1]:
            t0 = time.perf_counter()
            data = sample(unit, count)
            for kind in ("rss", "uss", "pss"):
                if data["during"][kind] is not None:
                    delta = data["during"][kind] - data["before"][kind]
                    growth[unit, count][kind].append(delta)
            print(
                f"r{number} {unit:<7} {count:>6}: "
                + "  ".join(
                    f"{k} {growth[unit, count][k][-1] / count:8.0f} B/unit"
                    for k in ("rss", "uss", "pss")
                )
                + f"  ({time.perf_counter() - t0:.2f} s; before rss "
                f"{data['before']['rss'] / KIB / KIB:.1f} MiB, uss "
                f"{data['before']['uss'] / KIB / KIB:.1f} MiB, pss "
                f"{data['before']['pss'] / KIB / KIB:.1f} MiB)",
                flush=True,
            )
    print(f"total {time.perf_counter() - started:.1f} s for {rounds} rounds")
    print("median per unit (bytes; KiB):")
    for unit in module.UNITS:
        for count in counts:
            cells = []
            for kind in ("rss", "uss", "pss"):
                per = statistics.median(growth[unit, count][kind]) / count
                cells.append(f"{kind} {per:8.0f} ({per / KIB:6.2f} KiB)")
            print(f"  {unit:<7} {count:>6}: " + "  ".join(cells))
        for kind in ("rss", "uss", "pss"):
            ys = [statistics.median(growth[unit, c][kind]) for c in counts]
            print(f"  {unit:<7} slope {kind}: {slope(counts, ys):8.0f} B/unit")


if __name__ == "__main__":
    main()
