# output: script
"""An exception raised in a worker process comes back to the caller."""

from concurrent.futures import ProcessPoolExecutor

PRICES = ["9.5", "n/a", "3"]


def parse_price(text: str) -> float:
    return float(text)  # float("n/a") raises ValueError, in the worker process


def main() -> None:
    with ProcessPoolExecutor(max_workers=2) as pool:
        future = pool.submit(parse_price, "n/a")
        print(f"the future holds the exception: {future.exception() is not None}")
        try:
            future.result()  # re-raises it here, in the caller
        except ValueError as error:
            print(f"result() raised {type(error).__name__}: {error}")
            cause = error.__cause__  # the worker's traceback, as text
            print(f"its cause: {type(cause).__name__}")
            print(
                f"the cause names the worker's function: {'parse_price' in str(cause)}"
            )

        parsed = []
        try:
            for price in pool.map(parse_price, PRICES):
                parsed.append(price)
        except ValueError as error:
            print(f"map gave {parsed}, then raised {type(error).__name__}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> the future holds the exception: True
#> result() raised ValueError: could not convert string to float: 'n/a'
#> its cause: _RemoteTraceback
#> the cause names the worker's function: True
#> map gave [9.5], then raised ValueError
