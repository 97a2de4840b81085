"""The `poolfund` command: Django's management commands behind one entry point.

Commands are spelt with hyphens on the command line (`poolfund load-framework gcm`)
and with underscores as Django modules (`load_framework`).
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    argv[0] = "poolfund"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "poolfund.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
