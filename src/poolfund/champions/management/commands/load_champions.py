from django.core.management.base import BaseCommand

from poolfund.champions.demo import load_champions_demo


class Command(BaseCommand):
    help = (
        "Load the GCM Champion Countries of the Americas with their membership dates, the first "
        "co-chairs (El Salvador and Morocco) and the I and II Forums with the II Forum's key "
        "messages. Needs `load-geo` first. Safe to repeat."
    )

    def handle(self, *args, **options):
        loaded = load_champions_demo()
        self.stdout.write(
            f"{loaded['memberships']} champion memberships, {loaded['co_chair_terms']} co-chair "
            f"terms, {loaded['forums']} forums."
        )
