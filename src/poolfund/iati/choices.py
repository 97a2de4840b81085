from django.db import models
from django.utils.translation import gettext_lazy as _


class ProblemKind(models.TextChoices):
    SCHEMA = "schema", _("not valid against the IATI 2.03 schema")
    CODELIST = "codelist", _("a code that is not in the IATI codelists")
    RULE = "rule", _("breaks an IATI rule the schema does not check")
    MAPPING = "mapping", _("read leniently or left out")
