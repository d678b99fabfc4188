# output: script
# exit: 1
# platform: linux
"""Every connection is a file descriptor, and a process may hold only so many.

The soft limit (`ulimit -n`) is often far below 10,000; this file lowers its
own to SOFT_LIMIT so that the error comes quickly, then opens sockets until
the OS refuses one. Linux only as written:
it sets the limit with `resource`.
"""

import resource
import socket

SOFT_LIMIT = 64  # descriptors this process may hold; lowering needs no rights
SOCKETS = 100  # more than the limit allows


def main() -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (SOFT_LIMIT, hard))
    sockets: list[socket.socket] = []
    try:
        for _ in range(SOCKETS):
            sockets.append(socket.socket())
    finally:
        print(
            f"sockets opened before the error: fewer than {SOFT_LIMIT}: "
            f"{len(sockets) < SOFT_LIMIT}"
        )
        for sock in sockets:
            sock.close()


if __name__ == "__main__":
    main()

# Output (recorded by `make update` on Python 3.11, 3.12, 3.13):
#> sockets opened before the error: fewer than 64: True

# Stderr (recorded by `make update` on Python 3.11, 3.12, 3.13):
#!             Traceback (most recent call last):
#!               File ".../pitfall_too_many_open_files.py", line 36, in <module>
#!                 main()
#![3.13]           ~~~~^^
#!               File ".../pitfall_too_many_open_files.py", line 25, in main
#!                 sockets.append(socket.socket())
#![3.11, 3.12]                    ^^^^^^^^^^^^^^^
#![3.13]                          ~~~~~~~~~~~~~^^
#!               File ".../socket.py", line ..., in __init__
#!                 _socket.socket.__init__(self, family, type, proto, fileno)
#![3.13]           ~~~~~~~~~~~~~~~~~~~~~~~^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
#!             OSError: [Errno 24] Too many open files
