"""Estimate a program's serial fraction from a few timings with n workers.

Amdahl's Law: T(n) = T1 * (s + (1 - s) / n) = T1 * s + T1 * (1 - s) * (1 / n),
a straight line in 1 / n. Fit it by least squares: the intercept is T1 * s,
the intercept plus the slope is T1, the time on one worker.
"""

import statistics

# EXAMPLE INPUTS, not measurements: (workers, seconds) for a made-up program.
# Replace them with your own timings: two or more worker counts, the same job.
EXAMPLE_TIMINGS = [(1, 10.2), (2, 6.1), (4, 3.9)]
MORE_WORKERS = [8, 64]  # predict the speedup for these worker counts


def fit_amdahl(timings: list[tuple[int, float]]) -> tuple[float, float]:
    """T1 and s from (workers, seconds) pairs: T against 1/n is a straight line."""
    x = [1 / workers for workers, _ in timings]
    t = [seconds for _, seconds in timings]
    slope, intercept = statistics.linear_regression(x, t)
    t1 = intercept + slope  # the line at 1 / n = 1: one worker
    return t1, intercept / t1


def amdahl_time(workers: int, t1: float, serial_fraction: float) -> float:
    return t1 * (serial_fraction + (1 - serial_fraction) / workers)


def amdahl_speedup(workers: int, serial_fraction: float) -> float:
    return 1 / (serial_fraction + (1 - serial_fraction) / workers)


def main() -> None:
    t1, serial = fit_amdahl(EXAMPLE_TIMINGS)
    print(f"T1, one worker: {t1:.1f} s")
    #> T1, one worker: 10.2 s
    print(f"serial fraction s: {serial:.2f}")
    #> serial fraction s: 0.18
    # With three timings or more, check that they do lie on a line.
    gap = max(
        abs(seconds - amdahl_time(workers, t1, serial)) / seconds
        for workers, seconds in EXAMPLE_TIMINGS
    )
    print(f"largest gap between a timing and the fitted line: {gap:.0%}")
    #> largest gap between a timing and the fitted line: 1%
    print(f"ceiling, 1 / s: {1 / serial:.1f}x")
    #> ceiling, 1 / s: 5.5x
    for workers in MORE_WORKERS:
        speedup = amdahl_speedup(workers, serial)
        print(f"predicted speedup with {workers} workers: {speedup:.1f}x")
        #> predicted speedup with 8 workers: 3.5x
        #> predicted speedup with 64 workers: 5.2x


if __name__ == "__main__":
    main()
