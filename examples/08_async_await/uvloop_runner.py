# platform: linux
"""Pick the event loop with a loop factory, not a policy: uvloop here.

uvloop is not available on Windows; it also runs on macOS.
"""

import asyncio

import uvloop


async def main() -> str:
    loop = asyncio.get_running_loop()
    await asyncio.sleep(0)
    return f"{type(loop).__module__}.{type(loop).__name__}"


if __name__ == "__main__":
    # asyncio.Runner takes loop_factory from Python 3.11; from 3.12,
    # asyncio.run(main(), loop_factory=uvloop.new_event_loop) does the same.
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        print(f"running on: {runner.run(main())}")
        #> running on: uvloop.Loop
    with asyncio.Runner() as runner:  # the default: asyncio's own loop
        print(f"running on: {runner.run(main())}")
        #> running on: asyncio.unix_events._UnixSelectorEventLoop
