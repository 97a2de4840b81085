"""Writes during a load test: records a donor deposit every few seconds through the donors
service (ledger postings and audit event included), so that every shared page and figure goes
stale while `bench/load.py` runs.

    DATABASE_URL=postgres://…/NAME .venv/bin/python bench/deposits.py --every 5 --for 60

Uses the database of DATABASE_URL (a scratch or demo one: the deposits stay, as over-payments
of the largest USD commitment, with bank references `BENCH-<time>-<n>`). Prints each write's
duration and the count at the end.
"""

import argparse
import os
import time
from decimal import Decimal

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "poolfund.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from django.utils import timezone  # noqa: E402

from poolfund.donors.models import Commitment  # noqa: E402
from poolfund.donors.services import record_deposit  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=float, default=5.0, help="Seconds between deposits.")
    parser.add_argument("--for", dest="duration", type=float, default=60.0, help="Seconds.")
    options = parser.parse_args()
    commitment = Commitment.objects.filter(currency="USD").order_by("-amount").first()
    run = int(time.time())
    written = 0
    stop_at = time.monotonic() + options.duration
    while time.monotonic() < stop_at:
        started = time.perf_counter()
        record_deposit(
            actor=None,
            commitment=commitment,
            amount=Decimal("1000.00"),
            received_on=timezone.localdate(),
            bank_reference=f"BENCH-{run}-{written}",
            is_over_payment=True,
        )
        written += 1
        took = time.perf_counter() - started
        print(f"deposit {written}: {took * 1000:.0f} ms", flush=True)
        time.sleep(max(0.0, options.every - took))
    print(f"{written} deposits in {options.duration:.0f} s")


if __name__ == "__main__":
    main()
