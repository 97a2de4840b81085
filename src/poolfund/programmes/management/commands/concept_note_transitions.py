from django.core.management.base import BaseCommand

from poolfund.programmes.workflow import transition_table

HEADERS = ("transition", "from", "to", "who may")


class Command(BaseCommand):
    help = "Print the concept-note state machine: each transition, its states and its roles."

    def add_arguments(self, parser):
        parser.add_argument(
            "--markdown", action="store_true", help="print a Markdown table (as in the docs)"
        )

    def handle(self, *args, markdown: bool = False, **options):
        rows = [HEADERS, *transition_table()]
        if markdown:
            self.stdout.write(f"| {' | '.join(HEADERS)} |")
            self.stdout.write(f"|{'---|' * len(HEADERS)}")
            for row in rows[1:]:
                self.stdout.write(f"| {' | '.join(row)} |")
            return
        widths = [max(len(row[column]) for row in rows) for column in range(len(HEADERS))]
        for row in rows:
            cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write("  ".join(cells).rstrip())
