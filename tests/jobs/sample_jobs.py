"""Jobs the tests queue; real ones live in each app's `jobs.py`."""

from poolfund.jobs import job


@job("tests.add")
def add(*, a: int, b: int) -> int:
    return a + b


@job("tests.fail")
def fail(*, message: str) -> None:
    raise RuntimeError(message)
