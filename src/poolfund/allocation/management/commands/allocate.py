import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from poolfund.allocation.engine import solve_round
from poolfund.allocation.selectors import find_round
from poolfund.allocation.services import propose_allocation, run_round
from poolfund.errors import DomainError

STDOUT = Path("-")


class Command(BaseCommand):
    help = (
        "Propose which concept notes to fund. --round ROUND (name or id of a stored round): "
        "run the optimiser on the round's policy, the ledger's pools and the notes in the "
        "pipeline, print the proposal and store it as a record (not a decision; --dry-run "
        "stores nothing). Offline mode: --input round.json --output result.json (format in "
        "docs/allocation.md). --output - writes the JSON to stdout and the rest to stderr."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--input", type=Path, help="a round as JSON (see docs/allocation.md)")
        source.add_argument("--round", help="a stored allocation round, by name or id")
        parser.add_argument(
            "--output", type=Path, help="where to write the proposal as JSON (- for stdout)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="with --round: propose without storing it"
        )

    def handle(self, *args, input: Path | None, round: str | None, output, dry_run, **options):
        # With --output -, stdout carries the JSON alone, so that it can be piped.
        self.report = self.stderr if output == STDOUT else self.stdout
        if round is not None:
            result = self.stored_round(round, dry_run=dry_run)
        else:
            if output is None:
                raise CommandError("--input needs --output, the file to write the proposal to.")
            result = self.solve(self.read(input))
        text = json.dumps(result, indent=2, ensure_ascii=False) + "\n"
        if output == STDOUT:
            self.stdout.write(text, ending="")
        elif output is not None:
            output.write_text(text)
        written = f" Written to {output}." if output not in (None, STDOUT) else ""
        self.report.write(summary(result) + written)

    def stored_round(self, name_or_id: str, *, dry_run: bool) -> dict[str, Any]:
        allocation_round = find_round(name_or_id)
        if allocation_round is None:
            raise CommandError(f"No allocation round is called {name_or_id!r}.")
        try:
            if dry_run:
                _data, result = run_round(allocation_round)
            else:
                result = propose_allocation(actor=None, allocation_round=allocation_round).result
        except DomainError as error:
            raise CommandError(error.message) from error
        self.report.write(proposal_table(result))
        if not dry_run:
            self.report.write("Stored as a proposal (not a decision).")
        return result

    def read(self, path: Path) -> Any:
        try:
            return json.loads(path.read_text())
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        except json.JSONDecodeError as error:
            raise CommandError(f"{path} is not valid JSON: {error}.") from error

    def solve(self, data: Any) -> dict[str, Any]:
        try:
            return solve_round(data)
        except DomainError as error:
            raise CommandError(error.message) from error


def proposal_table(result: dict[str, Any]) -> str:
    lines = [f"{'note':<16} {'amount (USD)':>16}  pools"]
    for item in result["selected"]:
        pools = ", ".join(f"{part['pool']} {part['amount']}" for part in item["pools"])
        lines.append(f"{item['id']:<16} {item['amount']:>16}  {pools}")
    lines += [f"{item['id']:<16} {'left out':>16}  {item['reason']}" for item in result["left_out"]]
    return "\n".join(lines)


def summary(result: dict[str, Any]) -> str:
    if result["status"] == "infeasible":
        return f"infeasible: {result['message']}"
    return (
        f"{result['status']}: {len(result['selected'])} notes selected, {result['allocated']} "
        f"of {result['budget']} allocated, score {result['objective_value']} "
        f"(greedy {result['greedy']['objective_value']})."
    )
