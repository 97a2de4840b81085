from django.core.management.base import BaseCommand, CommandError

from poolfund.knowledge.indexer import rebuild_index
from poolfund.knowledge.registry import SOURCES
from poolfund.knowledge.similarity import current_method, vector_index


class Command(BaseCommand):
    help = (
        "Rebuild the knowledge search index: re-read every record of each registered kind "
        "(or only the kinds named), write its document, full-text entry and, when the "
        "sentence-embedding model is installed, its embedding. Safe to repeat."
    )

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", help=f"Kinds to rebuild: {', '.join(SOURCES)}.")

    def handle(self, *args, kinds, **options):
        unknown = sorted(set(kinds) - set(SOURCES))
        if unknown:
            raise CommandError(
                f"Unknown kinds: {', '.join(unknown)}. Registered: {', '.join(SOURCES)}."
            )
        counts = rebuild_index(kinds or None)
        vector_index()
        summary = ", ".join(f"{count} {kind}" for kind, count in counts.items())
        self.stdout.write(f"Knowledge index: {summary} (similarity by {current_method()}).")
