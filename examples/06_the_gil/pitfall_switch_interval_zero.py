# output: script
# exit: 1
"""A switch interval of zero, hoping for 'no waiting for the GIL'."""

import sys


def main() -> None:
    sys.setswitchinterval(0)  # fails: the interval must be positive


if __name__ == "__main__":
    main()

# Stderr (recorded by `make update` on Python 3.11, 3.12, 3.13):
#!             Traceback (most recent call last):
#!               File ".../pitfall_switch_interval_zero.py", line 13, in <module>
#!                 main()
#![3.13]           ~~~~^^
#!               File ".../pitfall_switch_interval_zero.py", line 9, in main
#!                 sys.setswitchinterval(0)  # fails: the interval must be positive
#![3.11, 3.12]     ^^^^^^^^^^^^^^^^^^^^^^^^
#![3.13]           ~~~~~~~~~~~~~~~~~~~~~^^^
#!             ValueError: switch interval must be strictly positive
