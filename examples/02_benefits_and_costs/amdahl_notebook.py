# %% [markdown]
# # Amdahl's Law: try other serial fractions
#
# [Guide 2](../../guides/02-benefits-and-costs/) measures a job whose serial
# fraction was set to 0.1 and fits the law to the times. This notebook starts
# from the same recorded run and lets you change the one number that matters:
# the **serial fraction** *s*, the share of a one-worker run that only one
# worker can do. With *n* workers, Amdahl's Law predicts the speedup
#
# $$S(n) = \frac{1}{s + (1 - s) / n}$$
#
# and no number of workers beats $1 / s$.
#
# It was executed when this site was built: the chart below is drawn from the
# recorded run, and the next cell says which run. A static page has no Python
# behind it, so to try your own fractions, download
# [this notebook](02-amdahl.py) (a plain Python file in the
# [jupytext](https://jupytext.readthedocs.io) percent format) and, if you want
# the recorded run too, [`amdahl.json`](../../results/amdahl.json) into the
# same folder. Open the notebook in Jupyter (with jupytext installed), or run
# it as a script. Without `amdahl.json` beside it, it measures a short sweep of
# its own (a few seconds of threads that sleep), so every point it draws is
# measured, on your machine.

# %%
import json
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import matplotlib.pyplot as plt
from IPython.display import Markdown

# Where the recorded run may be: beside this file (downloaded), the site's
# results folder (when the site builds it), or the repository's root.
RESULTS_CANDIDATES = [
    Path("amdahl.json"),
    Path("../results/amdahl.json"),
    Path("docs/results/amdahl.json"),
]
SERIES = "threads"  # the series whose parallel part is waits: no core limit
# Only without a recorded run: a short sweep measured here instead.
OWN_T1_SECONDS = 0.4
OWN_SERIAL_FRACTION = 0.1
OWN_WORKERS = [1, 2, 4, 8, 16, 32]


def load_recorded_run() -> tuple[dict[int, float], str] | None:
    """Median seconds per worker count from the recorded run, and its source."""
    for path in RESULTS_CANDIDATES:
        if path.is_file():
            record = json.loads(path.read_text(encoding="utf-8"))
            times = {
                point["value"]: statistics.median(point["metrics"]["seconds"])
                for point in record["samples"]["points"]
                if point["series"] == SERIES
            }
            python = record["python"]
            source = (
                f"recorded run of {record['date'][:10]}: Python {python['version']},"
                f" {record['machine']['cpu_model']}, {path}"
            )
            return times, source
    return None


def measure_own_sweep() -> tuple[dict[int, float], str]:
    """The same job as the benchmark, short: a serial wait, then n waits at once."""
    times = {}
    for workers in OWN_WORKERS:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            started = time.perf_counter()
            time.sleep(OWN_T1_SECONDS * OWN_SERIAL_FRACTION)  # the serial part
            share = OWN_T1_SECONDS * (1 - OWN_SERIAL_FRACTION) / workers
            for future in [pool.submit(time.sleep, share) for _ in range(workers)]:
                future.result()
            times[workers] = time.perf_counter() - started
    source = f"measured here just now: no {RESULTS_CANDIDATES[0]} found"
    return times, source


run = load_recorded_run() or measure_own_sweep()
seconds, source = run
source

# %% [markdown]
# ## Fit the law to the times
#
# Amdahl's Law says the time with *n* workers is
# $T(n) = T_1 \cdot s + T_1 (1 - s) / n$: a straight line in $1/n$. A
# least-squares line through the points gives $T_1$ (the line at $n = 1$) and
# the serial fraction $s$ (its intercept at $1/n = 0$, divided by $T_1$). This
# is how to estimate the serial fraction of your own program from a few
# timings.


# %%
def fit_amdahl(times: dict[int, float]) -> tuple[float, float]:
    """T = a + b/n by least squares; returns (T1, s) with T1 = a + b, s = a / T1."""
    x = [1 / n for n in times]
    t = list(times.values())
    mean_x, mean_t = statistics.fmean(x), statistics.fmean(t)
    slope = sum((xi - mean_x) * (ti - mean_t) for xi, ti in zip(x, t, strict=True))
    slope /= sum((xi - mean_x) ** 2 for xi in x)
    intercept = mean_t - slope * mean_x
    t1 = intercept + slope
    return t1, intercept / t1


def amdahl(workers: float, serial_fraction: float) -> float:
    return 1 / (serial_fraction + (1 - serial_fraction) / workers)


t1, fitted_s = fit_amdahl(seconds)
f"T1 = {t1:.3f} s, fitted serial fraction s = {fitted_s:.3f}"

# %% [markdown]
# ## Your serial fractions
#
# Change `TRY_SERIAL_FRACTIONS` and run the notebook again. Each curve is the
# law for one serial fraction; the dots are the measured speedups
# ($T_1 / T(n)$, with the measured $T(1)$).

# %%
TRY_SERIAL_FRACTIONS = [0.01, 0.05, 0.25, 0.5]
MAX_WORKERS = 64

counts = [2**k for k in range(MAX_WORKERS.bit_length())]
measured = {n: seconds[1] / seconds[n] for n in sorted(seconds)}
figure, ax = plt.subplots(figsize=(7, 4.2))
for s in TRY_SERIAL_FRACTIONS:
    ax.plot(counts, [amdahl(n, s) for n in counts], label=f"s = {s}", alpha=0.7)
ax.plot(
    counts,
    [amdahl(n, fitted_s) for n in counts],
    color="black",
    linestyle="--",
    label=f"fitted s = {fitted_s:.3f}",
)
ax.plot(list(measured), list(measured.values()), "o", color="black", label="measured")
ax.set_xscale("log", base=2)
ax.set_xticks(counts, [str(n) for n in counts])
ax.set_xlabel("workers")
ax.set_ylabel("speedup over one worker")
ax.set_title(source, fontsize=7, loc="left")
ax.legend(fontsize=8)
figure.tight_layout()
plt.close(figure)  # shown once, by the line below
figure

# %% [markdown]
# The ceiling, and how many workers it takes to get close to it: past the
# count that reaches 90% of $1/s$, more workers buy little. (For $s = 0$ there
# is no ceiling: the speedup is $n$.)

# %%
rows = ["| serial fraction | ceiling 1/s | workers for 90% of it |", "|--:|--:|--:|"]
for s in sorted({*TRY_SERIAL_FRACTIONS, round(fitted_s, 3)}):
    needed = 9 * (1 - s) / s  # S(n) >= 0.9 / s  <=>  n >= 9 (1 - s) / s
    rows.append(f"| {s} | {1 / s:.1f}x | {needed:.0f} |")
Markdown("\n".join(rows))

# %% [markdown]
# ## Gustafson's Law: grow the job with the workers
#
# Amdahl keeps the job fixed. If instead each extra worker brings its own
# share of work (a bigger input, more requests), as much as one worker did
# alone, then every run takes $T_1$, its serial part stays $T_1 s$, and the
# run on $n$ workers does the work that one worker would need
# $T_1 s + n T_1 (1 - s)$ for. That ratio is the **scaled speedup**,
# $n - s\,(n - 1)$: it keeps growing with $n$. Both laws, for the fitted $s$:

# %%
rows = [
    "| workers | Amdahl (fixed job) | Gustafson (job grows with n) |",
    "|--:|--:|--:|",
]
for n in (2, 8, 32):
    rows.append(f"| {n} | {amdahl(n, fitted_s):.1f}x | {n - fitted_s * (n - 1):.1f}x |")
Markdown("\n".join(rows))
