from pathlib import Path

from django.core.management import call_command

from poolfund.accounts.permission_table import permission_table_markdown
from poolfund.accounts.policy import REGISTRY

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"


def test_docs_permissions_md_is_what_the_command_prints(capsys):
    call_command("permissions")
    printed = capsys.readouterr().out
    assert printed == DOCUMENT.read_text(encoding="utf-8"), (
        "docs/permissions.md is stale: run `.venv/bin/poolfund permissions > docs/permissions.md`"
    )


def test_the_table_has_a_row_per_permission_and_a_column_per_role():
    rows = [line for line in permission_table_markdown().splitlines() if line.startswith("| `")]
    assert len(rows) == len(REGISTRY)
    history = next(row for row in rows if row.startswith("| `audit.view_history`"))
    # FMU is the first role column.
    assert history.split("|")[3].strip() == "✓"
    assert history.count("✓") == 1
