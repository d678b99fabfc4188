"""asyncio.timeout() cancels the work inside it and raises TimeoutError."""

import asyncio
import time

TIMEOUT_SECONDS = 0.05
REPLY_SECONDS = 10  # a reply that would come far too late

events: list[str] = []


async def slow_reply() -> str:
    try:
        await asyncio.sleep(REPLY_SECONDS)
        return "reply"
    finally:
        events.append("slow_reply cleaned up")


async def main() -> None:
    started = time.monotonic()
    try:
        async with asyncio.timeout(TIMEOUT_SECONDS):  # Python 3.11+
            await slow_reply()
    except TimeoutError:
        print("TimeoutError raised")
        #> TimeoutError raised
    print(f"gave up long before the reply: {time.monotonic() - started < 1}")
    #> gave up long before the reply: True
    print(events)
    #> ['slow_reply cleaned up']


if __name__ == "__main__":
    asyncio.run(main())
