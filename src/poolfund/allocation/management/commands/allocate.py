import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from poolfund.allocation.engine import solve_round
from poolfund.allocation.round import InvalidRound


class Command(BaseCommand):
    help = (
        "Propose which concept notes to fund. Offline mode: --input round.json --output "
        "result.json (format in docs/allocation.md). --round ROUND [--dry-run], for a round "
        "stored in PoolFund, is not available yet."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--input", type=Path, help="a round as JSON (see docs/allocation.md)")
        source.add_argument("--round", help="a stored allocation round (not available yet)")
        parser.add_argument("--output", type=Path, help="where to write the proposal as JSON")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="with --round: propose without recording anything (not available yet)",
        )

    def handle(self, *args, input: Path | None, round: str | None, output, dry_run, **options):
        if round is not None:
            raise CommandError(
                "--round is not available yet: allocation rounds are not stored in PoolFund "
                "until concept notes and the ledger are. Export the round as JSON and use "
                "--input round.json --output result.json."
            )
        if output is None:
            raise CommandError("--input needs --output, the file to write the proposal to.")
        try:
            data = json.loads(input.read_text())
        except OSError as error:
            raise CommandError(f"Cannot read {input}: {error.strerror}.") from error
        except json.JSONDecodeError as error:
            raise CommandError(f"{input} is not valid JSON: {error}.") from error
        try:
            result = solve_round(data)
        except InvalidRound as error:
            raise CommandError(error.message) from error
        output.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        summary = f"{result['status']}: {len(result['selected'])} notes selected"
        if result["status"] == "infeasible":
            summary = f"infeasible: {result['message']}"
        else:
            summary += (
                f", {result['allocated']} of {result['budget']} allocated, "
                f"score {result['objective_value']} (greedy {result['greedy']['objective_value']})"
            )
        self.stdout.write(f"{summary}. Written to {output}.")
