"""A plain thread hands results to the event loop with call_soon_threadsafe()."""

import asyncio
import threading
import time

READINGS = 5
SENSORS = 2
WAIT_LIMIT = 5  # seconds: a sensor thread that died must not hang main()


def read_sensor(
    name: str, loop: asyncio.AbstractEventLoop, inbox: asyncio.Queue[str]
) -> None:
    """Blocking code in its own thread, as a hardware or C library callback is."""
    for number in range(READINGS):
        time.sleep(0.001)  # a blocking read
        # asyncio objects are not thread-safe: ask the loop to run put_nowait
        # on its own thread, and wake it up to do so.
        loop.call_soon_threadsafe(inbox.put_nowait, f"{name}:{number}")


async def main() -> None:
    loop = asyncio.get_running_loop()
    inbox: asyncio.Queue[str] = asyncio.Queue()
    threads = [
        threading.Thread(target=read_sensor, args=(f"s{n}", loop, inbox))
        for n in range(SENSORS)
    ]
    for thread in threads:
        thread.start()
    async with asyncio.timeout(WAIT_LIMIT):
        readings = [await inbox.get() for _ in range(READINGS * SENSORS)]
    for thread in threads:
        await asyncio.to_thread(thread.join)  # join without blocking the loop
    print(f"readings received: {len(readings)}")
    #> readings received: 10
    in_order = all(
        [r for r in readings if r.startswith(f"s{n}:")]
        == [f"s{n}:{i}" for i in range(READINGS)]
        for n in range(SENSORS)
    )
    print(f"each sensor's readings in order: {in_order}")
    #> each sensor's readings in order: True


if __name__ == "__main__":
    asyncio.run(main())
