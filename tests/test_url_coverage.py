"""Every URL the site answers has an entry in a role matrix or is declared public here (or,
for a new app, with `public(...)` next to its role matrix): a new page or API endpoint cannot
ship without someone deciding who may call it."""

from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.urls import URLResolver, get_resolver, resolve

from poolfund.accounts.choices import Role
from tests.accounts.factories import user_with_role
from tests.matrix import PUBLIC_ROUTES, import_every_role_matrix, public

public("the home page", "")
public("the GCM framework, open data", "framework/objectives/<int:number>/")
public(
    "the public read API of the framework",
    "api/v1/framework/objectives/",
    "api/v1/framework/thematic-areas/",
)
public(
    "donors, contributions and the Fund's figures are open data",
    "donors/",
    "donors/<slug:slug>/",
    "fund/",
    "fund/sources-and-uses/",
    "api/v1/donors/",
    "api/v1/fund/summary/",
)
public(
    "the portfolio of Joint Programmes and results are public (issue 04)",
    "programmes/",
    "programmes/export.csv",
    "programmes/<str:code>/",
    "api/v1/programmes/",
    "api/v1/results/by-objective/",
    "api/v1/results/by-thematic-area/",
)
public(
    "open data and other publishers' IATI activities (issue 07)",
    "open-data/",
    "open-data/<slug:slug>.<file_format:file_format>",
    "iati/activities/",
    "iati/activities/<int:pk>/",
    "api/v1/external-activities/",
    "api/v1/external-activities/<int:pk>/",
)
public(
    "the Champion Countries initiative's public record (issue 06)",
    "champions/",
    "champions/forums/<slug:slug>/",
    "champions/surveys/<int:pk>/",
    "champions/practices/",
    "champions/roadmaps/",
    "champions/roadmaps/<int:pk>/",
    "champions/roadmaps/<int:pk>/proposal.pdf",
    "champions/roadmaps/<int:pk>/proposal.docx",
    "api/v1/champions/co-chairs/",
    "api/v1/champions/co-chairs/rotation/",
    "api/v1/champions/countries/",
    "api/v1/champions/forums/",
    "api/v1/champions/forums/<slug:slug>/",
    "api/v1/champions/practices/",
    "api/v1/champions/roadmaps/",
    "api/v1/champions/roadmaps/<int:pk>/",
    "api/v1/champions/surveys/",
)
public(
    "knowledge search, similar work and suggestions are open to all (issue 09)",
    "knowledge/search/",
    "knowledge/exchange/",
    "knowledge/similar/<slug:kind>/<str:key>/",
    "api/v1/search/",
    "api/v1/knowledge/objective-suggestions/",
    "api/v1/lessons/",
    "api/v1/lessons/<str:key>/similar/",
    "api/v1/objectives/<str:key>/similar/",
    "api/v1/practices/",
    "api/v1/practices/<str:key>/similar/",
    "api/v1/programmes/<str:key>/similar/",
    "api/v1/champions/roadmaps/<str:key>/similar/",
    "api/v1/champions/key-messages/<str:key>/similar/",
    "api/v1/champions/practices/<str:key>/similar/",
    "api/v1/external-activities/<str:key>/similar/",
)
public(
    "similar work of a published concept note is public; of a draft, only to those who may see"
    " the note, others get 404 (tests/knowledge/test_sources.py)",
    "api/v1/concept-notes/<str:key>/similar/",
)
public(
    "the Fund's own IATI publication (issue 07)",
    "iati/poolfund-activities.xml",
    "iati/poolfund-organisation.xml",
)
public("the API's schema and documentation", "api/schema/", "api/docs/")
public("choosing the language", "language/")
public(
    "signing in and out, and resetting a forgotten password",
    "account/login/",
    "account/logout/",
    "account/password-reset/",
    "account/password-reset/sent/",
    "account/password-reset/<uidb64>/<token>/",
    "account/password-reset/done/",
)
public("Django's admin, which admits staff (the FMU) only and asks others to sign in", "admin/*")


# Private endpoints that arrived without a role-matrix entry: each must get one (then leave this
# list; a test below fails once a listed route is covered or gone, so the list only shrinks).
AWAITING_A_ROLE_MATRIX_ENTRY: dict[str, str] = {}


def url_routes(patterns=None, prefix: str = ""):
    """Every route of the URL configuration, spelt as `ResolverMatch.route` spells it."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern).lstrip("^")
        if isinstance(pattern, URLResolver):
            yield from url_routes(pattern.url_patterns, route)
        else:
            yield route


def is_public(route: str) -> bool:
    return route in PUBLIC_ROUTES or any(
        declared.endswith("*") and route.startswith(declared[:-1]) for declared in PUBLIC_ROUTES
    )


@pytest.mark.django_db
def test_every_url_has_a_role_matrix_entry_or_is_declared_public():
    covered = set()
    for endpoint in import_every_role_matrix():
        with transaction.atomic():  # each setup alone, as in its own test
            context = endpoint.setup(user_with_role(Role.FMU)) if endpoint.setup else {}
            covered.add(resolve(urlsplit(endpoint.resolve(endpoint.url, context)).path).route)
            transaction.set_rollback(True)
    routes = set(url_routes())
    undeclared = sorted(
        r
        for r in routes
        if r not in covered and not is_public(r) and r not in AWAITING_A_ROLE_MATRIX_ENTRY
    )
    settled = sorted(r for r in AWAITING_A_ROLE_MATRIX_ENTRY if r in covered or r not in routes)
    assert not settled, f"Covered or gone, remove from AWAITING_A_ROLE_MATRIX_ENTRY: {settled}"
    assert not undeclared, (
        "These URLs have no role-matrix entry and no public() declaration: "
        + ", ".join(f"/{route}" for route in undeclared)
    )


def test_the_url_walk_sees_nested_and_api_routes():
    routes = set(url_routes())
    assert {"", "api/v1/audit/events/", "history/<str:model_label>/<str:object_id>/"} <= routes
    assert not is_public("api/v1/audit/events/")
