"""A bounded load test on loopback: N concurrent clients share a fixed number of requests per
page, against a running server (`make serve`); prints requests/s and p50/p95/p99 per page.

    .venv/bin/python bench/load.py --base http://127.0.0.1:8000 --clients 50 --requests 2000 \\
        --page "home=/" --page "API list=/api/v1/framework/objectives/"

Each request is a new connection (gunicorn's sync workers close them). A request fails when it
raises or answers other than 200; failures are counted and reported, never retried.
"""

import argparse
import statistics
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

DEFAULT_PAGES = ["home=/", "API list=/api/v1/framework/objectives/"]


def timed_get(url: str) -> tuple[float, bool]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            ok = response.status == 200
    except (urllib.error.URLError, OSError):
        ok = False
    return time.perf_counter() - started, ok


def percentile(sorted_values: list[float], fraction: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(fraction * len(sorted_values)))]


def load(url: str, clients: int, requests: int) -> dict:
    with ThreadPoolExecutor(max_workers=clients) as pool:
        timed_get(url)  # warm the server's caches before measuring
        started = time.perf_counter()
        results = list(pool.map(timed_get, [url] * requests))
        elapsed = time.perf_counter() - started
    latencies = sorted(seconds for seconds, _ok in results)
    return {
        "requests": requests,
        "errors": sum(not ok for _seconds, ok in results),
        "per_second": requests / elapsed,
        "p50": percentile(latencies, 0.50) * 1000,
        "p95": percentile(latencies, 0.95) * 1000,
        "p99": percentile(latencies, 0.99) * 1000,
        "mean": statistics.fmean(latencies) * 1000,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=2000, help="Requests per page.")
    parser.add_argument(
        "--page", action="append", help="NAME=PATH, repeatable (default: home and API list)."
    )
    options = parser.parse_args(argv)
    pages = [page.split("=", 1) for page in options.page or DEFAULT_PAGES]
    print(f"{options.clients} clients, {options.requests} requests per page, {options.base}")
    print(f"{'page':<22}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
    failed = False
    for name, path in pages:
        figures = load(options.base + path, options.clients, options.requests)
        failed |= figures["errors"] > 0
        print(
            f"{name:<22}{figures['per_second']:>8.0f}{figures['p50']:>9.1f}"
            f"{figures['p95']:>9.1f}{figures['p99']:>9.1f}{figures['errors']:>8}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
