"""The `poolfund` command: Django's management commands behind one entry point.

Commands are spelt with hyphens on the command line (`poolfund load-framework gcm`)
and with underscores as Django modules (`load_framework`).
"""

import os
import secrets
import sys
from pathlib import Path


def var_dir() -> Path:
    """Where PoolFund keeps its SQLite database, collected static files and secret key."""
    return Path(os.environ.get("POOLFUND_VAR_DIR", Path.cwd() / "var"))


def kept_secret_key() -> str:
    """The key in var/secret-key, the one `make serve` uses, made there on first use.

    So a command typed as the README shows it works without setting SECRET_KEY, and signs
    with the same key as the server beside it.
    """
    path = var_dir() / "secret-key"
    if not path.is_file() or not path.read_text().strip():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(50) + "\n")
    return path.read_text().strip()


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    argv[0] = "poolfund"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "poolfund.settings")
    if not os.environ.get("SECRET_KEY"):
        os.environ["SECRET_KEY"] = kept_secret_key()
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
