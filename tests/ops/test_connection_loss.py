"""When PostgreSQL drops the app's connections (a restart, a failover, an administrator), the
next request is answered on a new connection: the app recovers without being restarted.
The connections are ended with pg_terminate_backend, not by restarting the shared server."""

import psycopg
import pytest

from tests.ops.scratch import get, on_postgresql, production_server, scratch_database

pytestmark = pytest.mark.skipif(
    not on_postgresql(), reason="connection loss is a PostgreSQL matter"
)


def terminate_connections_to(database_url: str) -> int:
    database = database_url.rsplit("/", 1)[1]
    with psycopg.connect(database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        ended = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [database],
        ).fetchall()
    return len(ended)


def test_requests_after_the_database_dropped_every_connection_succeed(tmp_path):
    api = "/api/v1/framework/objectives/"
    with (
        scratch_database("connection_loss", tmp_path) as database_url,
        # One worker keeping its connection between requests: the case that could break.
        production_server(database_url, tmp_path, workers=1, CONN_MAX_AGE="600") as server,
    ):
        assert get(server.url + api).status == 200
        assert terminate_connections_to(database_url) >= 1
        for _ in range(3):
            assert get(server.url + api).status == 200
