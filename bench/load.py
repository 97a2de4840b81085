"""A bounded load test on loopback: N concurrent clients share a fixed number of requests per
page, against a running server (`make serve`); prints requests/s and p50/p95/p99 per page.

    .venv/bin/python bench/load.py --base http://127.0.0.1:8000 --clients 50 --requests 2000 \\
        --page "home=/" --page "API list=/api/v1/framework/objectives/"

Each request is a new connection (gunicorn's sync workers close them). A request fails when it
raises or answers other than 200; failures are counted and reported, never retried.

Signed in: `--sign-in USERNAME:PASSWORD` signs in one session per client through the login form
(as a browser does: the form's CSRF token, then the POST) before measuring, and each client
sends its own session's cookies, so every request is a signed-in page computed for its person
(never a visitor's page from the cache):

    .venv/bin/python bench/load.py --clients 50 --requests 2000 --sign-in demo-fmu:poolfund-demo \
        --page "my work=/me/"
"""

import argparse
import http.cookiejar
import itertools
import re
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

DEFAULT_PAGES = ["home=/", "API list=/api/v1/framework/objectives/"]


CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def signed_in_opener(base: str, username: str, password: str) -> urllib.request.OpenerDirector:
    """An opener holding the cookies of a new session signed in through the login form."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    login = base + "/account/login/"
    with opener.open(login, timeout=30) as response:
        token = CSRF_FIELD.search(response.read().decode()).group(1)
    form = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(login, data=form, headers={"Referer": login})
    with opener.open(request, timeout=30) as response:
        if "/account/login/" in response.url:
            raise SystemExit(f"Signing in as {username} failed.")
    return opener


class Sessions:
    """One signed-in opener per client thread (or none: visitors)."""

    def __init__(self, openers: list[urllib.request.OpenerDirector]):
        self._free = itertools.cycle(openers) if openers else None
        self._lock = threading.Lock()
        self._local = threading.local()

    def opener(self):
        if self._free is None:
            return None
        if not hasattr(self._local, "opener"):
            with self._lock:
                self._local.opener = next(self._free)
        return self._local.opener


VISITORS = Sessions([])


def timed_get(url: str, sessions: Sessions = VISITORS) -> tuple[float, bool]:
    opener = sessions.opener()
    open_url = opener.open if opener else urllib.request.urlopen
    started = time.perf_counter()
    try:
        with open_url(url, timeout=30) as response:
            response.read()
            ok = response.status == 200
    except (urllib.error.URLError, OSError):
        ok = False
    return time.perf_counter() - started, ok


def percentile(sorted_values: list[float], fraction: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(fraction * len(sorted_values)))]


def load(url: str, clients: int, requests: int, sessions: Sessions = VISITORS) -> dict:
    with ThreadPoolExecutor(max_workers=clients) as pool:
        timed_get(url, sessions)  # warm the server's caches before measuring
        started = time.perf_counter()
        results = list(pool.map(lambda page: timed_get(page, sessions), [url] * requests))
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
    parser.add_argument(
        "--sign-in",
        metavar="USERNAME:PASSWORD",
        help="Sign in one session per client as this person before measuring.",
    )
    options = parser.parse_args(argv)
    pages = [page.split("=", 1) for page in options.page or DEFAULT_PAGES]
    sessions = VISITORS
    who = "visitors"
    if options.sign_in:
        username, password = options.sign_in.split(":", 1)
        sessions = Sessions(
            [signed_in_opener(options.base, username, password) for _ in range(options.clients)]
        )
        who = f"signed in as {username}"
    print(
        f"{options.clients} clients ({who}), {options.requests} requests per page, {options.base}"
    )
    print(f"{'page':<22}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
    failed = False
    for name, path in pages:
        figures = load(options.base + path, options.clients, options.requests, sessions)
        failed |= figures["errors"] > 0
        print(
            f"{name:<22}{figures['per_second']:>8.0f}{figures['p50']:>9.1f}"
            f"{figures['p95']:>9.1f}{figures['p99']:>9.1f}{figures['errors']:>8}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
