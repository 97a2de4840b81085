"""Every page of the site, as the demo users and a visitor see it, in every language: the list
that browser tests walk (Content-Security-Policy violations, responsive widths, axe-core).

    from tests.browser.page_list import page_visits

    for visit in page_visits():  # a PageVisit(path, username, language)
        ...  # sign in as visit.username (None: a visitor), choose visit.language, open visit.path

`page_visits()` reads the database, so call it inside a test where the demo data and the demo
logins are loaded (`call_command("load_demo")` with DEBUG on; see `demo_pages_site` in
tests/browser/test_every_page.py). The demo users are `demo-<role>` with the password
`DEMO_PASSWORD` ("poolfund-demo"); the language is a code of `settings.LANGUAGES`, chosen with the
`django_language` cookie (or `/language/?language=es&next=/`).

The list stays complete by construction:
- the pages are the routes of the URL resolver, less those declared `NOT_PAGES` (API, files,
  POST-only actions) and Django's admin, whose pages come from its model registry;
- who sees a page comes from the role matrices: a public route (`public(...)`) is seen by a
  visitor and by every demo user; a private one by the demo users whose role its matrix
  entries allow;
- the record a route needs is taken from the demo data, or, where the demo data holds none
  (roadmaps, surveys, practices, IATI activities, jobs), made by `record_paths()` below in the shape
  the matrices give their callers (e.g. a Mexican roadmap the demo government focal point
  co-authors).
tests/browser/test_page_list.py fails when a route is neither a page here nor declared
`NOT_PAGES`, and when a listed page does not answer 200 to its viewer.
"""

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import admin
from django.db import transaction
from django.urls import resolve, reverse
from django.utils import timezone

from poolfund.accounts.choices import Role
from poolfund.accounts.demo import DEMO_PASSWORD
from poolfund.accounts.models import User
from poolfund.geo.models import Country
from tests.matrix import ANONYMOUS, import_every_role_matrix
from tests.test_url_coverage import is_public, url_routes

__all__ = ["DEMO_PASSWORD", "DEMO_USERNAMES", "PageVisit", "page_visits"]


class PageVisit(NamedTuple):
    path: str
    """Path and query, e.g. "/programmes/MEX-01/"; join it to the server's address."""
    username: str | None
    """A demo login (`demo-<role>`), or None for a visitor who is not signed in."""
    language: str
    """A code of settings.LANGUAGES ("en", "es")."""


DEMO_USERNAMES = {role: f"demo-{role.value}" for role in Role}

NOT_PAGES: dict[str, str] = {
    "api/v1/*": "the API answers JSON (its browsable pages are the API's, not the site's)",
    "api/schema/": "the OpenAPI schema, a YAML file",
    "admin/*": "Django's admin: its pages are listed from its model registry",
    "language/": "sets the language cookie and redirects",
    "account/logout/": "POST only",
    "account/tokens/<int:token_id>/revoke/": "POST only",
    "programmes/export.csv": "a CSV file",
    "open-data/<slug:slug>.<file_format:file_format>": "a CSV, XLSX or data-dictionary file",
    "iati/poolfund-activities.xml": "an XML file",
    "iati/poolfund-organisation.xml": "an XML file",
    "concept-notes/<str:reference>/documents/": "POST only (an upload)",
    "concept-notes/<str:reference>/<slug:action>/": "POST only",
    "allocation/rounds/<int:pk>/policy/": "POST only",
    "allocation/rounds/<int:pk>/run/": "POST only",
    "allocation/rounds/<int:pk>/decide/": "POST only",
    "champions/surveys/<int:pk>/answer/": "POST only",
    "champions/memberships/new/": "POST only (its form is on the champions page)",
    "champions/co-chairs/new/": "POST only (its form is on the champions page)",
    "programmes/<str:code>/status/": "POST only (its form is on the programme's page)",
    "programmes/<str:code>/transfers/": "POST only (its form is on the programme's page)",
    "programmes/<str:code>/expenditure/": "POST only (its form is on the programme's page)",
    "champions/roadmaps/<int:pk>/comment/": "POST only",
    "champions/roadmaps/<int:pk>/co-authors/": "POST only",
    "champions/roadmaps/<int:pk>/advance/": "POST only",
    "champions/roadmaps/<int:pk>/proposal.pdf": "a PDF file",
    "champions/roadmaps/<int:pk>/proposal.docx": "a Word file",
    "programmes/<str:code>/revisions/": "POST only (its form is on the programme's page)",
    "programmes/<str:code>/revisions/<int:pk>/decision/": "POST only (on the programme's page)",
    "programmes/<str:code>/extensions/": "POST only (its form is on the programme's page)",
    "programmes/<str:code>/operational-closure/": "POST only (on the programme's page)",
    "programmes/<str:code>/returns/": "POST only (its form is on the programme's page)",
    "programmes/<str:code>/financial-closure/": "POST only (on the programme's page)",
    "results/programmes/<str:code>/<slug:kind>/new/": "an htmx fragment of the programme page",
    "results/programmes/<str:code>/<slug:kind>/<int:pk>/": "an htmx fragment of the programme page",
    "results/reports/<int:pk>/progress/": "POST only (its form is on the report's page)",
    "reporting/<int:pk>/attachments/": "POST only (an upload)",
    "reporting/<int:pk>/<slug:step>/": "POST only",
    "imports/upload/": "POST only (its form is on the imports page)",
    "imports/<int:pk>/confirm/": "POST only",
    "knowledge/similar/<slug:kind>/<str:key>/": "an htmx panel of the pages that show similar work",
    "me/notifications/read/": "POST only (its button is on the notifications page)",
    "imports/templates/<slug:kind>.<sheetformat:format>": "a CSV or XLSX file",
    "imports/exports/<slug:kind>.<sheetformat:format>": "a CSV or XLSX file",
    "iati/organisations/<str:kind>/<int:pk>/": "POST only (its form is on the identifiers page)",
    "me/notifications/<int:pk>/": "marks the notification read and redirects to its subject",
}


def is_not_a_page(route: str) -> bool:
    return route in NOT_PAGES or any(
        declared.endswith("*") and route.startswith(declared[:-1]) for declared in NOT_PAGES
    )


# The records pages need --------------------------------------------------------------------


def demo_user(role: Role) -> User:
    return User.objects.get(username=DEMO_USERNAMES[role])


def a_concept_note() -> str:
    """A note of the demo round that every reader of notes may see: one of IOM's for Mexico."""
    from poolfund.programmes.models import ConceptNote

    return (
        ConceptNote.objects.filter(budget_lines__organisation__acronym="IOM", countries__iso3="MEX")
        .exclude(joint_programme__isnull=False)
        .order_by("reference")
        .values_list("reference", flat=True)
        .first()
    )


def a_mexican_roadmap_the_government_focal_point_co_authors() -> int:
    from poolfund.champions.models import Roadmap

    roadmap = Roadmap.objects.filter(
        title="Labour mobility corridors (page list)"
    ).first() or Roadmap.objects.create(
        title="Labour mobility corridors (page list)",
        scope="Recruitment and skills recognition between Mexico and its neighbours.",
        objectives=["Align recruitment rules", "Share labour-market data"],
    )
    roadmap.countries.set(Country.objects.filter(iso3="MEX"))
    roadmap.co_authors.add(demo_user(Role.GOVERNMENT_FOCAL_POINT))
    return roadmap.pk


def an_open_survey() -> int:
    from poolfund.champions.models import Survey
    from tests.champions.factories import survey_with_topics

    today = timezone.localdate()
    survey = Survey.objects.filter(title="Priority topics (page list)").first()
    return (
        survey
        or survey_with_topics(
            "Labour migration",
            "Climate mobility",
            title="Priority topics (page list)",
            opens_on=today,
            closes_on=today + timedelta(days=30),
        )
    ).pk


def an_external_activity() -> int:
    from poolfund.iati.models import ExternalActivity
    from poolfund.iati.services import import_iati_file

    if not ExternalActivity.objects.exists():
        import_iati_file(path=Path(__file__).parents[1] / "iati" / "fixtures" / "valid.xml")
    return ExternalActivity.objects.order_by("pk").values_list("pk", flat=True).first()


def a_job() -> str:
    from django_tasks_db.models import DBTaskResult

    from poolfund.jobs import enqueue
    from tests.jobs import sample_jobs  # noqa: F401  (registers tests.add)

    job = DBTaskResult.objects.order_by("enqueued_at").first()
    return str(job.pk) if job else str(enqueue("tests.add", a=1, b=1))


def a_report_of_the_demo_organisation(*kinds: str) -> int:
    """One of the demo reports (of the kinds given) of the organisation the demo organisation
    focal point speaks for, so that every reader of reports may open it."""
    from poolfund.accounts.models import RoleAssignment
    from poolfund.reporting.models import ScheduledReport

    organisation = RoleAssignment.objects.filter(
        user=demo_user(Role.ORGANISATION_FOCAL_POINT), role=Role.ORGANISATION_FOCAL_POINT
    ).values("organisation")
    return (
        ScheduledReport.objects.filter(organisation__in=organisation, kind__in=kinds)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )


def an_import() -> int:
    from poolfund.imports.models import SpreadsheetImport
    from tests.imports.test_role_matrix import previewed_upload

    upload = SpreadsheetImport.objects.order_by("pk").first()
    return (upload or previewed_upload(demo_user(Role.FMU))["upload"]).pk


def first(model: str, field: str) -> Callable[[], object]:
    def value():
        from django.apps import apps

        return apps.get_model(model).objects.order_by(field).values_list(field, flat=True)[0]

    return value


def a_programme_in_its_reporting_year() -> str:
    """The demo programme with a no-cost extension and a budget revision (AMR-06), so that the
    programme page shows its reporting year's tables, else the first programme."""
    from poolfund.programmes.models import JointProgramme

    programmes = JointProgramme.objects.order_by("code")
    extended = programmes.filter(extensions__isnull=False, budget_revisions__isnull=False)
    return (extended.first() or programmes.first()).code


def an_accepted_progress_report_of_the_demo_organisation() -> int:
    """A programme's accepted progress report, of a programme the demo organisation focal
    point reports on, so that its page shows the indicator values."""
    from poolfund.reporting.selectors import reports_of_focal_point

    return (
        reports_of_focal_point(demo_user(Role.ORGANISATION_FOCAL_POINT))
        .filter(kind="annual-progress", status="accepted")
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    ) or a_report_of_the_demo_organisation("annual-financial")


def record_paths() -> dict[str, Callable[[], str]]:
    """Route -> the path of one record's page, for every route with an argument."""
    roadmap = a_mexican_roadmap_the_government_focal_point_co_authors
    return {
        "framework/objectives/<int:number>/": lambda: (
            f"/framework/objectives/{first('framework.Objective', 'number')()}/"
        ),
        "programmes/<str:code>/": lambda: f"/programmes/{a_programme_in_its_reporting_year()}/",
        "concept-notes/<str:reference>/": lambda: f"/concept-notes/{a_concept_note()}/",
        "concept-notes/<str:reference>/edit/": lambda: f"/concept-notes/{a_concept_note()}/edit/",
        "account/password-reset/<uidb64>/<token>/": lambda: (
            "/account/password-reset/MQ/a-link-that-has-expired/"
        ),
        "history/<str:model_label>/<str:object_id>/": lambda: (
            f"/history/programmes.jointprogramme/{first('programmes.JointProgramme', 'pk')()}/"
        ),
        "donors/<slug:slug>/": lambda: f"/donors/{first('donors.Donor', 'slug')()}/",
        "iati/activities/<int:pk>/": lambda: f"/iati/activities/{an_external_activity()}/",
        "allocation/rounds/<int:pk>/": lambda: (
            f"/allocation/rounds/{first('allocation.AllocationRound', 'pk')()}/"
        ),
        "champions/forums/<slug:slug>/": lambda: (
            f"/champions/forums/{first('champions.Forum', 'slug')()}/"
        ),
        "champions/surveys/<int:pk>/": lambda: f"/champions/surveys/{an_open_survey()}/",
        "champions/roadmaps/<int:pk>/": lambda: f"/champions/roadmaps/{roadmap()}/",
        "champions/roadmaps/<int:pk>/edit/": lambda: f"/champions/roadmaps/{roadmap()}/edit/",
        "champions/roadmaps/<int:pk>/concept-note/": lambda: (
            f"/champions/roadmaps/{roadmap()}/concept-note/"
        ),
        "dashboards/regions/<str:m49_code>/": lambda: "/dashboards/regions/419/",
        "dashboards/countries/<str:iso3>/": lambda: "/dashboards/countries/MEX/",
        "reports/brief/<str:m49_code>/": lambda: "/reports/brief/419/",
        "jobs/<uuid:job_id>/": lambda: f"/jobs/{a_job()}/",
        "reporting/<int:pk>/": lambda: (
            f"/reporting/{an_accepted_progress_report_of_the_demo_organisation()}/"
        ),
        "financial-reports/<int:pk>/": lambda: (
            f"/financial-reports/{a_report_of_the_demo_organisation('annual-financial')}/"
        ),
        "imports/<int:pk>/": lambda: f"/imports/{an_import()}/",
    }


# Who sees each page ------------------------------------------------------------------------


def viewers_by_route() -> dict[str, set[str | None]]:
    """Route -> the demo usernames (None: a visitor) its role-matrix entries allow; a route's
    GET entries decide when it has any, otherwise the entries of the task its form does."""
    entries: dict[str, list] = {}
    for endpoint in import_every_role_matrix():
        with transaction.atomic():  # each setup alone, and nothing of it kept
            context = endpoint.setup(demo_user(Role.FMU)) if endpoint.setup else {}
            route = resolve(urlsplit(endpoint.resolve(endpoint.url, context)).path).route
            transaction.set_rollback(True)
        entries.setdefault(route, []).append(endpoint)
    viewers = {}
    for route, endpoints in entries.items():
        gets = [e for e in endpoints if e.method == "GET" and not e.api]
        allowed = set().union(*(e.allowed for e in gets or endpoints))
        viewers[route] = {
            None if who == ANONYMOUS else DEMO_USERNAMES[who]
            for who in allowed
            if who == ANONYMOUS or who in DEMO_USERNAMES
        }
    return viewers


def everyone() -> set[str | None]:
    return {None, *DEMO_USERNAMES.values()}


def admin_paths() -> list[str]:
    """The admin's index, and each registered model's list and add form."""
    paths = [reverse("admin:index")]
    for model in sorted(admin.site._registry, key=lambda model: model._meta.label):
        info = (model._meta.app_label, model._meta.model_name)
        paths.append(reverse("admin:{}_{}_changelist".format(*info)))
        if admin.site._registry[model].has_add_permission(_fmu_request()):
            paths.append(reverse("admin:{}_{}_add".format(*info)))
    return paths


def _fmu_request():
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = demo_user(Role.FMU)
    return request


# The list ----------------------------------------------------------------------------------


def page_routes() -> list[str]:
    """Every route of the URL resolver that is a page (the admin's aside)."""
    return sorted(route for route in set(url_routes()) if not is_not_a_page(route))


def page_visits() -> list[PageVisit]:
    """Every page, with each of its viewers, in each language (see the module's docstring)."""
    records = record_paths()
    viewers = viewers_by_route()
    pages: list[tuple[str, set[str | None]]] = []
    for route in page_routes():
        path = records[route]() if "<" in route else "/" + route
        pages.append((path, everyone() if is_public(route) else viewers[route]))
    pages += [(path, {DEMO_USERNAMES[Role.FMU]}) for path in admin_paths()]
    return [
        PageVisit(path, username, language)
        for path, who in pages
        for username in sorted(who, key=lambda name: name or "")
        for language, _name in settings.LANGUAGES
    ]
