from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from poolfund.framework.services import (
    InvalidFrameworkData,
    load_framework,
    read_framework_file,
    shipped_framework_path,
)


class Command(BaseCommand):
    help = (
        "Load a policy framework: a code shipped with PoolFund (`gcm`) or a JSON file. "
        "Safe to repeat: an unchanged framework is left as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument("framework", help="`gcm`, or the path of a framework JSON file")

    def handle(self, *args, framework: str, **options):
        try:
            path = (
                Path(framework)
                if framework.endswith(".json")
                else shipped_framework_path(framework)
            )
            loaded = load_framework(read_framework_file(path))
        except (InvalidFrameworkData, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{loaded.short_name}: {loaded.objectives.count()} objectives, "
            f"{loaded.guiding_principles.count()} guiding principles, "
            f"{loaded.thematic_areas.count()} thematic areas."
        )
