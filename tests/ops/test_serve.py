"""`poolfund serve`: gunicorn with several workers, DEBUG off, static files by WhiteNoise."""

import os
import urllib.error
import urllib.request

import pytest
from django.core.management import call_command

from tests.ops.scratch import get, poolfund, production_server, scratch_database


@pytest.mark.slow
def test_serve_runs_several_gunicorn_workers_with_debug_off(tmp_path):
    with (
        scratch_database("serve", tmp_path) as database_url,
        production_server(database_url, tmp_path, workers=3) as server,
    ):
        assert get(server.url + "/").status == 200
        script = get(server.url + "/static/poolfund/htmx.min.js")
        assert script.status == 200 and "max-age" in script.headers["Cache-Control"]
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(server.url + "/no-such-page/", timeout=5)
        assert missing.value.code == 404
        assert b"Traceback" not in missing.value.read()  # DEBUG is off
    assert server.log.count("Booting worker") == 3, server.log


def test_serve_refuses_to_run_with_debug_on(tmp_path):
    result = poolfund("serve", database_url="sqlite://", tmp_path=tmp_path, check=False)
    assert result.returncode != 0
    assert "is for production" in result.stderr


def test_serve_loads_the_app_once_and_keeps_database_connections(settings, monkeypatch, tmp_path):
    settings.DEBUG = False
    settings.STATIC_ROOT = str(tmp_path)
    monkeypatch.delenv("CONN_MAX_AGE", raising=False)
    started = []
    monkeypatch.setattr(os, "execv", lambda _path, command: started.append(command))
    call_command("serve", workers=2)
    assert "--preload" in started[0]
    assert os.environ["CONN_MAX_AGE"] == "60"
