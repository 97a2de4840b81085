import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

KEEP_CONNECTIONS_SECONDS = 60


def default_workers() -> int:
    return int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))


class Command(BaseCommand):
    help = (
        "Serve PoolFund for production with gunicorn (several worker processes; static files "
        "by WhiteNoise, so run `poolfund collectstatic` first). Needs DEBUG off. Workers default "
        "to $WEB_CONCURRENCY or 2 x CPUs + 1; several such servers can sit behind one load "
        "balancer, as the app keeps no state between requests. Database connections are kept "
        "between requests for $CONN_MAX_AGE seconds (default 60)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000", help="HOST:PORT to listen on.")
        parser.add_argument("--workers", type=int, default=default_workers())
        parser.add_argument("--threads", type=int, default=1, help="Threads per worker.")
        parser.add_argument(
            "--access-log", action="store_true", help="Log every request on standard output."
        )

    def handle(self, *args, bind: str, workers: int, threads: int, access_log: bool, **options):
        if settings.DEBUG:
            raise CommandError("`poolfund serve` is for production: unset DEBUG (or DEBUG=0).")
        if settings.STATIC_ROOT and not os.path.isdir(settings.STATIC_ROOT):
            raise CommandError(
                f"No collected static files in {settings.STATIC_ROOT}: run "
                "`poolfund collectstatic --noinput` first."
            )
        # Each worker keeps its database connection between requests (health-checked, so a
        # restarted database is reconnected): opening one per request cost more CPU than a
        # cached page.
        os.environ.setdefault("CONN_MAX_AGE", str(KEEP_CONNECTIONS_SECONDS))
        command = [
            sys.executable, "-m", "gunicorn", "poolfund.wsgi:application",
            "--bind", bind, "--workers", str(workers), "--threads", str(threads),
            # Replace a worker now and then (a guard against slow leaks), each at its own time:
            # with a narrow jitter all five were replaced within the same two seconds under
            # load, and requests queued (p99 0.6 s).
            "--max-requests", "10000", "--max-requests-jitter", "5000",
            "--graceful-timeout", "20",
            # Load the app once in the master: a worker replaced after --max-requests starts
            # warm instead of importing Django and every view again.
            "--preload",
            # One control socket per user would be shared by every server on the machine.
            "--no-control-socket",
        ]  # fmt: skip
        if access_log:
            command += ["--access-logfile", "-"]
        sys.stdout.flush()
        os.execv(sys.executable, command)
