# output: script
# platform: linux
# exit: 3
"""Two servers, one port: uvicorn logs the error and exits with status 3.

Another program (here a plain socket) already listens on the port. Linux's
errno for it is 98; macOS and Windows print other numbers.
"""

import logging
import socket

import uvicorn
from starlette.applications import Starlette

HOST = "127.0.0.1"

app = Starlette()


class HidePort(logging.Filter):
    """The port changes on every run: PORT stands for it, so that the output
    can be recorded and compared."""

    def __init__(self, port: int) -> None:
        super().__init__()
        self.port = port

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = str(record.msg).replace(str(self.port), "PORT")
        return True


def main() -> None:
    with socket.socket() as other_program:
        other_program.bind((HOST, 0))
        other_program.listen()
        port = other_program.getsockname()[1]
        config = uvicorn.Config(app, host=HOST, port=port, log_level="warning")
        logging.getLogger("uvicorn.error").addFilter(HidePort(port))
        uvicorn.Server(config).run()  # logs the error, then sys.exit(3)


if __name__ == "__main__":
    main()

# Stderr (recorded by `make update`):
#! ERROR:    [Errno 98] error while attempting to bind on address ('127.0.0.1', PORT): address already in use
