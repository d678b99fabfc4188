"""An event loop by hand: one thread, one selector, many sockets.

Every socket is non-blocking and registered with a selector together with the
function to call when it is ready. The loop asks the selector which sockets
are ready and calls their functions: that is all an event loop is. Here an
echo server and CLIENTS clients share the one loop.
"""

import selectors
import socket
import threading
import time

HOST = "127.0.0.1"
CLIENTS = 100
MESSAGE = b"ping"
TIME_LIMIT = 5.0  # seconds: the loop gives up after this

selector = selectors.DefaultSelector()  # epoll on Linux, kqueue on macOS
echoes: list[bytes] = []


def accept(listener: socket.socket) -> None:
    connection, _ = listener.accept()
    connection.setblocking(False)
    selector.register(connection, selectors.EVENT_READ, echo_back)


def echo_back(connection: socket.socket) -> None:
    data = connection.recv(1024)
    if data:
        connection.send(data)  # a few bytes: the send buffer has room
    else:  # the client closed its end
        selector.unregister(connection)
        connection.close()


def read_echo(client: socket.socket) -> None:
    echoes.append(client.recv(1024))
    selector.unregister(client)
    client.close()


def run_loop(until: float) -> None:
    """The event loop: wait for readiness, run the ready sockets' callbacks."""
    while len(echoes) < CLIENTS and time.monotonic() < until:
        for key, _events in selector.select(timeout=0.1):
            callback = key.data
            callback(key.fileobj)


def main() -> None:
    listener = socket.create_server((HOST, 0), backlog=CLIENTS)
    listener.setblocking(False)
    selector.register(listener, selectors.EVENT_READ, accept)
    for _ in range(CLIENTS):
        client = socket.create_connection(listener.getsockname())
        client.setblocking(False)
        client.send(MESSAGE)
        selector.register(client, selectors.EVENT_READ, read_echo)
    run_loop(until=time.monotonic() + TIME_LIMIT)
    print(f"echoes received: {len(echoes)} of {CLIENTS}")
    #> echoes received: 100 of 100
    print(f"every echo matched: {all(echo == MESSAGE for echo in echoes)}")
    #> every echo matched: True
    print(f"threads: {threading.active_count()}")
    #> threads: 1
    for key in list(selector.get_map().values()):  # what is left: the server's
        selector.unregister(key.fileobj)  # ends of the closed connections
        if isinstance(key.fileobj, socket.socket):
            key.fileobj.close()
    selector.close()


if __name__ == "__main__":
    main()
