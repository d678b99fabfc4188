# output: script
"""The switch interval: how long a thread may keep the GIL while another waits."""

import sys

SHORTER_SECONDS = 0.001  # what this example sets, then undoes


def main() -> None:
    interval = sys.getswitchinterval()
    print(f"switch interval: {interval} s ({interval * 1000:g} ms)")
    sys.setswitchinterval(SHORTER_SECONDS)
    print(f"after setswitchinterval({SHORTER_SECONDS}): {sys.getswitchinterval()} s")
    sys.setswitchinterval(interval)  # it applies to every thread: put it back


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> switch interval: 0.005 s (5 ms)
#> after setswitchinterval(0.001): 0.001 s
