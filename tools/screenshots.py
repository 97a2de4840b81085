"""The README's screenshots, taken from the demo data so they stay true (`make screenshots`).

    .venv/bin/python tools/screenshots.py                 # docs/screenshots/*.png
    .venv/bin/python tools/screenshots.py --url http://127.0.0.1:8000 --width 360 --out /tmp

Without --url it loads the demo data into a temporary database (its own var/ directory),
serves it, takes each page of SCREENSHOTS with Debian's Chromium (Playwright) and stops the
server. A new screenshot is one more line of SCREENSHOTS.
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

REPOSITORY = Path(__file__).resolve().parent.parent
POOLFUND = [sys.executable, "-m", "poolfund"]
DEMO_PASSWORD = "poolfund-demo"


class Screenshot(NamedTuple):
    name: str
    path: str
    username: str | None = None
    """A demo login to sign in as first; None for a visitor."""


SCREENSHOTS = [
    Screenshot("dashboard", "/dashboards/"),
    Screenshot("programme", "/programmes/AMR-03/"),
    Screenshot("inbox", "/me/", username="demo-fmu"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a PoolFund already serving the demo data")
    parser.add_argument("--out", type=Path, default=REPOSITORY / "docs/screenshots")
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument("--full-page", action="store_true", help="the whole page, not a screen")
    parser.add_argument("pages", nargs="*", help="names of SCREENSHOTS to take (default: all)")
    options = parser.parse_args()
    chosen = [shot for shot in SCREENSHOTS if not options.pages or shot.name in options.pages]
    chosen += [
        Screenshot(page.strip("/").replace("/", "-") or "home", page)
        for page in options.pages
        if page.startswith("/")
    ]
    options.out.mkdir(parents=True, exist_ok=True)
    if options.url:
        take(options.url, chosen, options)
    else:
        with demo_server() as url:
            take(url, chosen, options)


@contextmanager
def demo_server():
    with tempfile.TemporaryDirectory() as var:
        environment = {**os.environ, "DEBUG": "1", "POOLFUND_VAR_DIR": var}
        for step in (["migrate", "--noinput", "-v0"], ["load-demo", "-v0"]):
            subprocess.run(POOLFUND + step, env=environment, check=True, cwd=var)
        port = free_port()
        server = subprocess.Popen(
            [*POOLFUND, "runserver", "--noreload", f"127.0.0.1:{port}"],
            env=environment,
            cwd=var,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            wait_for(url)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=30)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=5)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def take(url: str, shots: list[Screenshot], options) -> None:
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("POOLFUND_CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for shot in shots:
            context = browser.new_context(viewport={"width": options.width, "height": 900})
            page = context.new_page()
            if shot.username:
                sign_in(page, url, shot.username)
            page.goto(url + shot.path)
            target = options.out / f"{shot.name}.png"
            page.screenshot(path=target, full_page=options.full_page)
            make_small(target)
            print(target)
            context.close()
        browser.close()


def make_small(png: Path) -> None:
    """256 colours are plenty for a page of text and flat charts: a third of the bytes."""
    from PIL import Image  # WeasyPrint's dependency

    with Image.open(png) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(png, optimize=True)


def sign_in(page, url: str, username: str) -> None:
    page.goto(url + "/account/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


if __name__ == "__main__":
    main()
