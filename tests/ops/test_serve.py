"""`poolfund serve`: gunicorn with several workers, DEBUG off, static files by WhiteNoise."""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.ops.scratch import ROOT, poolfund, poolfund_environment, scratch_database


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str, attempts: int = 60):
    for _ in range(attempts):
        try:
            return urllib.request.urlopen(url, timeout=5)
        except urllib.error.HTTPError:
            raise
        except OSError:  # not listening yet
            time.sleep(0.5)
    raise AssertionError(f"{url} never answered")


def test_serve_runs_several_gunicorn_workers_with_debug_off(tmp_path):
    with scratch_database("serve", tmp_path) as database_url:
        run = {"database_url": database_url, "tmp_path": tmp_path}
        poolfund("migrate", "--noinput", **run)
        poolfund("collectstatic", "--noinput", **run)
        port = free_port()
        environment = poolfund_environment(
            database_url,
            tmp_path,
            DEBUG="0",
            SECRET_KEY="serve-test-" + "x" * 40,
            ALLOWED_HOSTS="127.0.0.1",
        )
        server = subprocess.Popen(
            [sys.executable, "-m", "poolfund", "serve", "--bind", f"127.0.0.1:{port}",
             "--workers", "3"],
            env=environment, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True,
        )  # fmt: skip
        try:
            home = get(f"http://127.0.0.1:{port}/")
            assert home.status == 200
            script = get(f"http://127.0.0.1:{port}/static/poolfund/htmx.min.js")
            assert script.status == 200 and "max-age" in script.headers["Cache-Control"]
            with pytest.raises(urllib.error.HTTPError) as missing:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/no-such-page/", timeout=5)
            assert missing.value.code == 404
            assert b"Traceback" not in missing.value.read()  # DEBUG is off
        finally:
            server.terminate()
            log = server.communicate(timeout=30)[0]
        assert log.count("Booting worker") == 3, log


def test_serve_refuses_to_run_with_debug_on(tmp_path):
    result = poolfund("serve", database_url="sqlite://", tmp_path=tmp_path, check=False)
    assert result.returncode != 0
    assert "is for production" in result.stderr
