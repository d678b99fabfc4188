"""Check, then act: threads that all find an account missing all load it."""

import threading
import time
from collections.abc import Callable

THREADS = 4
ACCOUNTS = 3  # accounts every thread asks for, in the same order
LOAD_SECONDS = 0.05  # loading an account waits, as for a database's reply


class Account:
    def __init__(self, key: int) -> None:
        self.key = key
        self.lock = threading.Lock()  # guards this account's balance
        self.balance = 0


Accounts = dict[int, Account]
loads: list[int] = []  # one entry per load (list.append is safe from any thread)
accounts_lock = threading.Lock()


def load_account(key: int) -> Account:
    time.sleep(LOAD_SECONDS)  # other threads run meanwhile
    loads.append(key)
    return Account(key)


def check_then_insert(accounts: Accounts, key: int) -> Account:
    if key not in accounts:  # check...
        accounts[key] = load_account(key)  # ...then act: others may have acted
    return accounts[key]


def setdefault(accounts: Accounts, key: int) -> Account:
    # One call checks and inserts, so the first value stored is the one all get;
    # but every thread loads an account to offer it.
    return accounts.setdefault(key, load_account(key))


def under_a_lock(accounts: Accounts, key: int) -> Account:
    with accounts_lock:  # check and act as one step; loads wait their turn
        if key not in accounts:
            accounts[key] = load_account(key)
        return accounts[key]


def ask_for_accounts(
    account_for: Callable[[Accounts, int], Account],
    accounts: Accounts,
    start: threading.Barrier,
    got: list[Account],
) -> None:
    for key in range(ACCOUNTS):
        start.wait()  # every thread asks for the same account at the same moment
        got.append(account_for(accounts, key))


def run(account_for: Callable[[Accounts, int], Account]) -> str:
    accounts: Accounts = {}
    loads.clear()
    start = threading.Barrier(THREADS)
    got: list[list[Account]] = [[] for _ in range(THREADS)]
    threads = [
        threading.Thread(
            target=ask_for_accounts, args=(account_for, accounts, start, mine)
        )
        for mine in got
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    same = all(mine[key] is accounts[key] for mine in got for key in range(ACCOUNTS))
    return (
        f"same account everywhere: {same}, loaded once each: {len(loads) == ACCOUNTS}"
    )


def main() -> None:
    print(f"check, then insert: {run(check_then_insert)}")
    #> check, then insert: same account everywhere: False, loaded once each: False
    print(f"setdefault: {run(setdefault)}")
    #> setdefault: same account everywhere: True, loaded once each: False
    print(f"under a lock: {run(under_a_lock)}")
    #> under a lock: same account everywhere: True, loaded once each: True


if __name__ == "__main__":
    main()
