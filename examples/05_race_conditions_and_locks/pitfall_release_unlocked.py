# output: script
# exit: 1
"""Releasing a lock nobody holds raises, here on the second release."""

import threading

balance_lock = threading.Lock()


def withdraw(balances: dict[str, int], name: str, amount: int) -> None:
    balance_lock.acquire()
    try:
        if balances[name] < amount:
            balance_lock.release()  # early exit: released here...
            return
        balances[name] -= amount
    finally:
        balance_lock.release()  # ...and again here


def main() -> None:
    balances = {"ada": 10}
    withdraw(balances, "ada", 5)
    print(f"after the first withdrawal: {balances}")
    withdraw(balances, "ada", 50)


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> after the first withdrawal: {'ada': 5}

# Stderr (recorded by `make update` on Python 3.11, 3.12, 3.13):
#!             Traceback (most recent call last):
#!               File ".../pitfall_release_unlocked.py", line 29, in <module>
#!                 main()
#![3.13]           ~~~~^^
#!               File ".../pitfall_release_unlocked.py", line 25, in main
#!                 withdraw(balances, "ada", 50)
#![3.13]           ~~~~~~~~^^^^^^^^^^^^^^^^^^^^^
#!               File ".../pitfall_release_unlocked.py", line 18, in withdraw
#!                 balance_lock.release()  # ...and again here
#![3.11, 3.12]     ^^^^^^^^^^^^^^^^^^^^^^
#![3.13]           ~~~~~~~~~~~~~~~~~~~~^^
#!             RuntimeError: release unlocked lock
