# output: script
# exit: 1
# platform: linux
"""Each thread reserves its whole stack as address space, used or not.

This process caps its own address space (RLIMIT_AS) at what it uses now plus
HEADROOM_MIB, then starts threads that do nothing but wait. Each one reserves
a stack of `ulimit -s` (8 MiB by default on Linux) though it touches only a
few KiB of it, so only a handful fit before the OS refuses the next one, the
error a server meets at its thread limits. Linux only as written (`resource`,
/proc).
"""

import resource
import threading

HEADROOM_MIB = 64  # address space this process may still grow by
THREADS = 100  # more than fit
MIN_STACK_MIB = 4  # the fact printed: each thread took at least this much


def address_space_in_use() -> int:
    """Bytes of address space this process has mapped (VmSize)."""
    with open("/proc/self/statm") as statm:  # in pages: size, resident, ...
        return int(statm.read().split()[0]) * resource.getpagesize()


def main() -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = address_space_in_use() + HEADROOM_MIB * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    release = threading.Event()
    threads: list[threading.Thread] = []
    try:
        for _ in range(THREADS):
            thread = threading.Thread(target=release.wait)
            thread.start()
            threads.append(thread)
    finally:
        started = len(threads)
        print(
            f"idle threads started before the error: fewer than {THREADS}: "
            f"{started < THREADS}"
        )
        print(
            f"each reserved at least {MIN_STACK_MIB} MiB of address space: "
            f"{started < HEADROOM_MIB / MIN_STACK_MIB}"
        )
        release.set()
        for thread in threads:
            thread.join()


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> idle threads started before the error: fewer than 100: True
#> each reserved at least 4 MiB of address space: True

# Stderr (recorded by `make update` on Python 3.11, 3.12, 3.13):
#!             Traceback (most recent call last):
#!               File ".../pitfall_cant_start_new_thread.py", line 55, in <module>
#!                 main()
#![3.13]           ~~~~^^
#!               File ".../pitfall_cant_start_new_thread.py", line 37, in main
#!                 thread.start()
#![3.13]           ~~~~~~~~~~~~^^
#!               File ".../threading.py", line ..., in start
#![3.11, 3.12]     _start_new_thread(self._bootstrap, ())
#![3.13]           _start_joinable_thread(self._bootstrap, handle=self._handle,
#![3.13]           ~~~~~~~~~~~~~~~~~~~~~~^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
#![3.13]                                  daemon=self.daemon)
#![3.13]                                  ^^^^^^^^^^^^^^^^^^^
#!             RuntimeError: can't start new thread
