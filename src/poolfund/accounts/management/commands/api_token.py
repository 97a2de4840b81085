from django.core.management.base import BaseCommand, CommandError

from poolfund.accounts.models import ApiToken, User
from poolfund.accounts.services import create_api_token, revoke_api_token
from poolfund.errors import DomainError

ACTOR_LABEL = "cli: api-token"


class Command(BaseCommand):
    help = (
        "Manage API tokens: `create USERNAME --name WHAT-FOR` prints a new key (shown once), "
        "`revoke TOKEN_ID`, `list [USERNAME]`."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="Create a token and print its key once")
        create.add_argument("username")
        create.add_argument("--name", required=True, help="What the token is for")
        revoke = actions.add_parser("revoke", help="Revoke a token; scripts using it stop working")
        revoke.add_argument("token_id", type=int)
        revoke.add_argument("--reason", default="", help="Why; kept in the audit trail")
        listing = actions.add_parser("list", help="List tokens (never their keys)")
        listing.add_argument("username", nargs="?")

    def handle(self, *args, **options):
        try:
            getattr(self, f"handle_{options['action']}")(options)
        except DomainError as error:
            raise CommandError(error.message) from error

    def handle_create(self, options):
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user called {options['username']!r}.")
        token, key = create_api_token(
            actor=None, actor_label=ACTOR_LABEL, user=user, name=options["name"]
        )
        self.stdout.write(f"Token {token.pk} for {user.username}; its key (shown once):")
        self.stdout.write(key)

    def handle_revoke(self, options):
        token = ApiToken.objects.filter(pk=options["token_id"]).first()
        if token is None:
            raise CommandError(f"No token {options['token_id']}.")
        revoke_api_token(actor=None, actor_label=ACTOR_LABEL, token=token, reason=options["reason"])
        self.stdout.write(f"Revoked token {token.pk} ({token.prefix}…) of {token.user}.")

    def handle_list(self, options):
        tokens = ApiToken.objects.select_related("user")
        if options["username"]:
            tokens = tokens.filter(user__username=options["username"])
        for token in tokens:
            state = f"revoked {token.revoked_at:%Y-%m-%d}" if token.is_revoked else "active"
            self.stdout.write(
                f"{token.pk}\t{token.user.username}\t{token.prefix}…\t{token.name}\t{state}"
            )
