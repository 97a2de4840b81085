"""The site's menus: five groups of links, each shown only to who may open it.

base.html renders `menu_for(user)`; an app adds its page with one `add_entry(...)` call (here,
or from its AppConfig.ready()), never by editing the template:

    add_entry("fund", "donors:list", _("Donors"))
    add_entry("fund", "allocation:rounds", _("Allocation rounds"),
              permission="allocation.run_optimiser")

`permission` names a rule of `poolfund.accounts.policy`; the entry shows only to a person who
holds it. Without one, the page is public and everyone sees the entry.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from poolfund.accounts.policy import can

GROUPS: dict[str, Promise] = {
    "fund": pgettext_lazy("menu", "Fund"),
    "programmes": _("Programmes"),
    "champions": _("Champions"),
    "data": _("Data"),
    "knowledge": _("Knowledge"),
}


@dataclass(frozen=True)
class Entry:
    url_name: str
    label: Promise
    permission: str | None = None


@dataclass(frozen=True)
class Link:
    url: str
    label: str
    current: bool
    test_id: str


@dataclass(frozen=True)
class Menu:
    key: str
    label: str
    links: list[Link]

    @property
    def current(self) -> bool:
        return any(link.current for link in self.links)


ENTRIES: dict[str, list[Entry]] = {group: [] for group in GROUPS}


def add_entry(group: str, url_name: str, label: Promise, *, permission: str | None = None):
    """Add a page to a menu; `group` is one of GROUPS' keys."""
    if group not in GROUPS:
        raise ValueError(f"No menu {group!r}; the menus are {', '.join(GROUPS)}.")
    ENTRIES[group].append(Entry(url_name, label, permission))


def menu_for(user, path: str) -> list[Menu]:
    """The menus this person sees, in order; a menu with no entry for them is left out.

    The link to the page at `path`, or to the section holding it, is the current one."""
    menus = []
    for group, entries in ENTRIES.items():
        links = [
            Link(url, str(entry.label), is_within(path, url), entry.url_name.replace(":", "-"))
            for entry in entries
            if entry.permission is None or can(user, entry.permission)
            for url in [reverse(entry.url_name)]
        ]
        if links:
            menus.append(Menu(group, str(GROUPS[group]), links))
    return menus


def is_within(path: str, url: str) -> bool:
    return path == url or (url != "/" and url.endswith("/") and path.startswith(url))


add_entry("fund", "donors:capitalization", _("Capitalization"))
add_entry("fund", "donors:list", _("Donors"))
add_entry("fund", "donors:sources-and-uses", _("Sources and uses"))
add_entry("fund", "reports:fund-overview", _("Dashboards"))
add_entry(
    "fund", "allocation:rounds", _("Allocation rounds"), permission="allocation.run_optimiser"
)
add_entry("fund", "jobs:list", _("Background jobs"), permission="jobs.view")
add_entry("programmes", "programmes:portfolio", _("Joint Programmes"))
add_entry(
    "programmes", "programmes:pipeline", _("Concept notes"), permission="programmes.view_pipeline"
)
add_entry("programmes", "reporting:reports", _("Reports"), permission="reporting.view_reports")
add_entry("programmes", "framework-overview", _("GCM framework"))
add_entry("champions", "champions:overview", _("Champion countries"))
add_entry("champions", "champions:roadmaps", _("Roadmaps"))
add_entry("champions", "champions:practices", _("Good practices"))
add_entry("data", "opendata:index", _("Open data"))
add_entry("data", "iati:external-activities", _("IATI activities"))
add_entry("data", "api-docs", _("API"))
add_entry(
    "data", "imports:index", _("Spreadsheet imports"), permission="imports.import_spreadsheet"
)
add_entry(
    "data",
    "iati:organisation-identifiers",
    _("IATI organisation identifiers"),
    permission="iati.set_organisation_identifier",
)
add_entry("knowledge", "knowledge:search", _("Search"))
add_entry("knowledge", "knowledge:exchange", _("Exchange"))
