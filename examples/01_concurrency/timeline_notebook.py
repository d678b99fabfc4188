# %% [markdown]
# # Who runs when? A timeline notebook
#
# This notebook runs the same four jobs four ways and draws when each job was
# running. It was executed when this site was built, so the picture is a real
# run, not a drawing; the next cell says which Python and machine made it.
# [Download the notebook](01-timeline.py) (a plain Python file in the
# [jupytext](https://jupytext.readthedocs.io) percent format) and run it to see
# your own machine.
#
# - **One after another, waiting jobs:** each job sleeps, as if for the
#   network, and the next starts when it is done.
# - **Threads, waiting jobs:** the same jobs, one thread each. A thread that
#   waits lets the others run, so the waits overlap.
# - **One after another, CPU jobs:** each job keeps the CPU busy in pure
#   Python for the same amount of CPU time.
# - **Threads, CPU jobs:** the same CPU jobs, one thread each. The interpreter
#   switches between the threads (preemptively: no job asks to be switched
#   out), so all four are "in progress" at once. But on a standard build only
#   one thread runs Python code at a time, so the batch takes about as long as
#   the one-after-another CPU panel above it. On a free-threaded build with
#   free cores, it would not.

# %%
import os
import platform
import threading
import time

import matplotlib.pyplot as plt

# Where this run happened: the figure below is this machine's.
python = f"Python {platform.python_version()} ({platform.python_implementation()})"
f"{python} on {platform.machine()}, os.cpu_count() = {os.cpu_count()}"

# %%
JOBS = 4
JOB_SECONDS = 0.1  # how long each job sleeps, or keeps the CPU busy


def wait_job() -> None:
    time.sleep(JOB_SECONDS)


def cpu_job() -> None:
    """Pure-Python work until this thread has used JOB_SECONDS of CPU time."""
    deadline = time.thread_time() + JOB_SECONDS
    while time.thread_time() < deadline:
        pass


def run_sequentially(job) -> list[tuple[float, float]]:
    """(start, end) of each job, in seconds since the batch started."""
    origin = time.perf_counter()
    spans = []
    for _ in range(JOBS):
        started = time.perf_counter() - origin
        job()
        spans.append((started, time.perf_counter() - origin))
    return spans


def run_on_threads(job) -> list[tuple[float, float]]:
    origin = time.perf_counter()
    spans: list[tuple[float, float]] = [(0.0, 0.0)] * JOBS

    def timed(index: int) -> None:
        started = time.perf_counter() - origin
        job()
        spans[index] = (started, time.perf_counter() - origin)

    threads = [threading.Thread(target=timed, args=(i,)) for i in range(JOBS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return spans


# %% [markdown]
# Run the four batches and keep each job's start and end time.

# %%
runs = {
    "one after another, waiting jobs": run_sequentially(wait_job),
    "threads, waiting jobs": run_on_threads(wait_job),
    "one after another, CPU jobs": run_sequentially(cpu_job),
    "threads, CPU jobs": run_on_threads(cpu_job),
}

# %% [markdown]
# Draw one row per job, one panel per batch, on one time axis. A bar is the
# time between the job starting and finishing; on the CPU-bound threads, that
# time includes the time the job spent waiting for its turn.

# %%
figure, axes = plt.subplots(len(runs), 1, sharex=True, figsize=(7, 6.5))
for ax, (title, spans) in zip(axes, runs.items(), strict=True):
    for row, (start, end) in enumerate(spans):
        ax.barh(row, end - start, left=start, height=0.6, color="tab:blue")
    ax.set_title(title, loc="left", fontsize=10)
    ax.set_yticks(range(JOBS), [f"job {i}" for i in range(JOBS)], fontsize=8)
    ax.invert_yaxis()
axes[-1].set_xlabel("seconds since the batch started")
figure.tight_layout()
plt.close(figure)  # the figure is shown once, by the line below, not again by Jupyter
figure
