# output: script
# platform: linux
# start-method: fork
"""Forking while another thread runs: Python 3.12+ warns, but only when asked."""

import multiprocessing
import subprocess
import sys
import threading

CHILD_FLAG = "--fork-with-a-thread"
RUN_TIMEOUT = 30  # seconds; each run takes a fraction of one


def work() -> None:
    pass


def fork_with_a_thread_running() -> None:
    stop = threading.Event()
    helper = threading.Thread(target=stop.wait)  # some library's background thread
    helper.start()
    try:
        worker = multiprocessing.get_context("fork").Process(target=work)
        worker.start()  # os.fork() in a process that has two threads
        worker.join()
    finally:
        stop.set()
        helper.join()


def run_myself(*options: str) -> str:
    """Run this file again with interpreter options; return its stderr."""
    command = [sys.executable, *options, __file__, CHILD_FLAG]
    run = subprocess.run(command, capture_output=True, text=True, timeout=RUN_TIMEOUT)
    return run.stderr


def main() -> None:
    if CHILD_FLAG in sys.argv:
        fork_with_a_thread_running()
        return
    for options in ([], ["-W", "default"]):
        stderr = run_myself(*options)
        shown = "DeprecationWarning" in stderr
        print(
            f"python {' '.join([*options, 'fork_with_threads.py'])}: warning shown: {shown}"
        )
        sys.stderr.write(stderr)  # so the warning's own text is recorded too


if __name__ == "__main__":
    main()

# Output (recorded by `make update` on Python 3.11, 3.12, 3.13):
#>             python fork_with_threads.py: warning shown: False
#>[3.11]       python -W default fork_with_threads.py: warning shown: False
#>[3.12, 3.13] python -W default fork_with_threads.py: warning shown: True

# Stderr (recorded by `make update` on Python 3.11, 3.12, 3.13):
#![3.12, 3.13] .../multiprocessing/popen_fork.py:...: DeprecationWarning: This process (pid=...) is multi-threaded, use of fork() may lead to deadlocks in the child.
#![3.12, 3.13]   self.pid = os.fork()
