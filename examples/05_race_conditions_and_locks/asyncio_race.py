"""Tasks race too, across an await: asyncio.Lock keeps the read and write together."""

import asyncio

TASKS = 10


class Account:
    def __init__(self) -> None:
        self.balance = 0
        self.lock = asyncio.Lock()


async def fetch_amount() -> int:
    await asyncio.sleep(0)  # as if waiting for the network: other tasks run
    return 1


async def deposit(account: Account) -> None:
    balance = account.balance  # read...
    account.balance = balance + await fetch_amount()  # ...write after an await


async def deposit_locked(account: Account) -> None:
    async with account.lock:  # other tasks wait here until the write is done
        balance = account.balance
        account.balance = balance + await fetch_amount()


async def main() -> None:
    account = Account()
    await asyncio.gather(*(deposit(account) for _ in range(TASKS)))
    print(f"without a lock: {account.balance} of {TASKS}")
    #> without a lock: 1 of 10
    account = Account()
    await asyncio.gather(*(deposit_locked(account) for _ in range(TASKS)))
    print(f"with asyncio.Lock: {account.balance} of {TASKS}")
    #> with asyncio.Lock: 10 of 10


if __name__ == "__main__":
    asyncio.run(main())
