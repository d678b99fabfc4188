"""Cancelling a task raises CancelledError at its await; finally blocks still run."""

import asyncio

events: list[str] = []


async def download(name: str) -> None:
    events.append(f"{name}: connection opened")
    try:
        await asyncio.sleep(10)  # cancelled while waiting here
        events.append(f"{name}: finished")  # never reached
    finally:
        events.append(f"{name}: connection closed")  # runs on cancel, too


async def main() -> None:
    task = asyncio.create_task(download("report"))
    await asyncio.sleep(0)  # let it start and reach its await
    task.cancel()  # asks: CancelledError is raised inside it at the await
    try:
        await task
    except asyncio.CancelledError:
        print("awaiting the cancelled task raised CancelledError")
        #> awaiting the cancelled task raised CancelledError
    print(f"cancelled: {task.cancelled()}")
    #> cancelled: True
    print(events)
    #> ['report: connection opened', 'report: connection closed']

    early = asyncio.create_task(download("early"))
    early.cancel()  # before it ever ran: its body, finally included, never runs
    await asyncio.gather(early, return_exceptions=True)
    print(f"cancelled before it started: {[e for e in events if 'early' in e]}")
    #> cancelled before it started: []


if __name__ == "__main__":
    asyncio.run(main())
