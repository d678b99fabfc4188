# output: script
"""Stopping a streams server while its handlers still wait.

asyncio.run() cancels the tasks still running when main() returns. Before
Python 3.13 each cancelled stream handler is then logged with a
CancelledError traceback: one per connection, CONNECTIONS here.
asyncio_echo_server.py shows the clean way: end the handlers, then return.
"""

import asyncio

HOST = "127.0.0.1"
CONNECTIONS = 2


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await reader.read()  # until the client closes its end: it never does here
    writer.close()


async def main() -> None:
    server = await asyncio.start_server(handle, HOST, 0)
    port = server.sockets[0].getsockname()[1]
    clients = [await asyncio.open_connection(HOST, port) for _ in range(CONNECTIONS)]
    await asyncio.sleep(0.1)  # the handlers start and wait
    server.close()  # stops listening; the handlers keep waiting
    for _, writer in clients:
        writer.close()  # too late: asyncio.run() cancels the handlers first
    print("main() returns")


if __name__ == "__main__":
    asyncio.run(main())

# Output (recorded by `make update`):
#> main() returns

# Stderr (recorded by `make update` on Python 3.11, 3.13):
#![3.11] Exception in callback StreamReaderProtocol.connection_made.<locals>.callback(<Task cancell...utdown.py:16>>) at .../asyncio/streams.py:...
#![3.11] handle: <Handle StreamReaderProtocol.connection_made.<locals>.callback(<Task cancell...utdown.py:16>>) at .../asyncio/streams.py:...>
#![3.11] Traceback (most recent call last):
#![3.11]   File ".../asyncio/events.py", line ..., in _run
#![3.11]     self._context.run(self._callback, *self._args)
#![3.11]   File ".../asyncio/streams.py", line ..., in callback
#![3.11]     exc = task.exception()
#![3.11]           ^^^^^^^^^^^^^^^^
#![3.11]   File ".../pitfall_careless_shutdown.py", line 17, in handle
#![3.11]     await reader.read()  # until the client closes its end: it never does here
#![3.11]     ^^^^^^^^^^^^^^^^^^^
#![3.11]   File ".../asyncio/streams.py", line ..., in read
#![3.11]     block = await self.read(self._limit)
#![3.11]             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^
#![3.11]   File ".../asyncio/streams.py", line ..., in read
#![3.11]     await self._wait_for_data('read')
#![3.11]   File ".../asyncio/streams.py", line ..., in _wait_for_data
#![3.11]     await self._waiter
#![3.11] asyncio.exceptions.CancelledError
#![3.11] Exception in callback StreamReaderProtocol.connection_made.<locals>.callback(<Task cancell...utdown.py:16>>) at .../asyncio/streams.py:...
#![3.11] handle: <Handle StreamReaderProtocol.connection_made.<locals>.callback(<Task cancell...utdown.py:16>>) at .../asyncio/streams.py:...>
#![3.11] Traceback (most recent call last):
#![3.11]   File ".../asyncio/events.py", line ..., in _run
#![3.11]     self._context.run(self._callback, *self._args)
#![3.11]   File ".../asyncio/streams.py", line ..., in callback
#![3.11]     exc = task.exception()
#![3.11]           ^^^^^^^^^^^^^^^^
#![3.11]   File ".../pitfall_careless_shutdown.py", line 17, in handle
#![3.11]     await reader.read()  # until the client closes its end: it never does here
#![3.11]     ^^^^^^^^^^^^^^^^^^^
#![3.11]   File ".../asyncio/streams.py", line ..., in read
#![3.11]     block = await self.read(self._limit)
#![3.11]             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^
#![3.11]   File ".../asyncio/streams.py", line ..., in read
#![3.11]     await self._wait_for_data('read')
#![3.11]   File ".../asyncio/streams.py", line ..., in _wait_for_data
#![3.11]     await self._waiter
#![3.11] asyncio.exceptions.CancelledError
