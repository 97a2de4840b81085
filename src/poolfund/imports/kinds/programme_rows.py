"""What the kinds whose rows name a Joint Programme and one of its organisations share: the
programmes and organisations, read once per file, and a row's two names looked up in them."""

from typing import Any

from django.utils.translation import gettext as _

from poolfund.imports import cells
from poolfund.imports.kinds.base import Row, lookup
from poolfund.programmes.models import JointProgramme, ParticipatingOrganisation


def organisation_acronyms() -> list[str]:
    return list(ParticipatingOrganisation.objects.values_list("acronym", flat=True))


class ProgrammeRows:
    """Mixed into a `Kind`: `read_programmes()` in its `prepare`, then
    `programme_and_organisation(row)` in its `apply`."""

    def read_programmes(self) -> None:
        self.programmes = {programme.code: programme for programme in JointProgramme.objects.all()}
        self.organisations = {
            organisation.acronym: organisation
            for organisation in ParticipatingOrganisation.objects.all()
        }

    def programme_and_organisation(self, row: Row) -> dict[str, Any]:
        return {
            "programme": lookup(
                self.programmes, "programme", row.read("programme", cells.text), _("programme")
            ),
            "organisation": lookup(
                self.organisations,
                "organisation",
                row.read("organisation", cells.text),
                _("organisation"),
            ),
        }
