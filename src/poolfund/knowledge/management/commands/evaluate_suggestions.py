from django.core.management.base import BaseCommand

from poolfund.knowledge.embeddings import MODEL_NAME
from poolfund.knowledge.similarity import TFIDF, current_method
from poolfund.knowledge.suggestions import measure_suggestion_accuracy


class Command(BaseCommand):
    help = (
        "Measure GCM objective suggestion: train on the objective texts and the training split "
        "of the shipped labelled examples, then print top-1, top-3 and thematic-area accuracy on "
        "the held-out split, and thematic-area accuracy on the brief's 16 funded programmes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--method",
            choices=[TFIDF, MODEL_NAME],
            help="Text vectors to use (default: the model when installed, else TF-IDF).",
        )

    def handle(self, *args, method=None, **options):
        accuracy = measure_suggestion_accuracy(method or current_method())
        self.stdout.write(
            f"{accuracy.method}: held-out examples {accuracy.held_out}, "
            f"top-1 {accuracy.top_1:.1%}, top-3 {accuracy.top_3:.1%}, "
            f"thematic area {accuracy.thematic_area:.1%}; "
            f"brief programmes {accuracy.brief_programmes}, "
            f"thematic area {accuracy.brief_thematic_area:.1%}"
        )
