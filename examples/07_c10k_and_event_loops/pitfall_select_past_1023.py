# output: script
# exit: 1
# platform: linux
"""select.select() cannot watch a descriptor numbered 1024 or more.

A file descriptor is the small integer the OS gives each open file or socket,
lowest free number first. This opens sockets until one is numbered past
SELECT_LIMIT, asks a selector (epoll on Linux) to watch it, then asks
select.select(), whose fixed-size bit set (FD_SETSIZE bits) stops at 1023.
Linux only as written: it raises the descriptor limit with `resource`.
"""

import resource
import select
import selectors
import socket
import sys

SELECT_LIMIT = 1023  # FD_SETSIZE - 1, the highest descriptor select() takes
HEADROOM = 64  # descriptors Python and the test harness may hold already


def raise_open_file_limit(needed: int) -> None:
    """Raise this process's soft descriptor limit to `needed`, within the hard one."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft >= needed:
        return
    if hard != resource.RLIM_INFINITY and hard < needed:
        sys.exit(f"{needed} file descriptors needed, but the hard limit is {hard}")
    resource.setrlimit(resource.RLIMIT_NOFILE, (needed, hard))


def main() -> None:
    raise_open_file_limit(SELECT_LIMIT + HEADROOM)
    sockets = [socket.socket()]
    try:
        while sockets[-1].fileno() <= SELECT_LIMIT:
            sockets.append(socket.socket())
        high = sockets[-1]
        print(f"a socket numbered past {SELECT_LIMIT}: {high.fileno() > SELECT_LIMIT}")
        with selectors.DefaultSelector() as selector:
            key = selector.register(high, selectors.EVENT_READ)
            print(f"{type(selector).__name__} accepts it: {key.fd == high.fileno()}")
        select.select([high], [], [], 0)
    finally:
        for sock in sockets:
            sock.close()


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> a socket numbered past 1023: True
#> EpollSelector accepts it: True

# Stderr (recorded by `make update` on Python 3.11, 3.12, 3.13):
#!       Traceback (most recent call last):
#!         File ".../pitfall_select_past_1023.py", line 51, in <module>
#!           main()
#![3.13]     ~~~~^^
#!         File ".../pitfall_select_past_1023.py", line 44, in main
#!           select.select([high], [], [], 0)
#![3.13]     ~~~~~~~~~~~~~^^^^^^^^^^^^^^^^^^^
#!       ValueError: filedescriptor out of range in select()
