# output: script
# exit: 3
"""uvicorn.run(app, workers=2) with the app object: uvicorn refuses.

Each worker is a new process started with spawn: it imports the app itself,
so uvicorn needs to know where to import it from ("module:attribute").
"""

import uvicorn
from starlette.applications import Starlette

app = Starlette()


def main() -> None:
    uvicorn.run(app, host="127.0.0.1", port=0, workers=2)  # wrong: an object
    # Right: uvicorn.run("pitfall_workers_app_object:app", ..., workers=2)


if __name__ == "__main__":
    main()

# Stderr (recorded by `make update`):
#! WARNING:  You must pass the application as an import string to enable 'reload' or 'workers'.
