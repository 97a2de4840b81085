from django.core.management.base import BaseCommand

from poolfund.accounts.permission_table import permission_table_markdown


class Command(BaseCommand):
    help = (
        "Print the permission table (permission by role) as Markdown, from the rules declared "
        "in code. docs/permissions.md is this output."
    )

    def handle(self, *args, **options):
        self.stdout.write(permission_table_markdown(), ending="")
