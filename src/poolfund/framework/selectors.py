"""Reads of the framework, shaped for pages and the API."""

from django.db.models import Prefetch, QuerySet

from poolfund.framework.models import Framework, Objective, ThematicArea

DEFAULT_FRAMEWORK_CODE = "gcm"


def default_framework() -> Framework | None:
    return Framework.objects.filter(code=DEFAULT_FRAMEWORK_CODE).first()


def thematic_areas_with_objectives(framework: Framework) -> QuerySet[ThematicArea]:
    return ThematicArea.objects.filter(framework=framework).prefetch_related(
        Prefetch("objectives", queryset=Objective.objects.order_by("number"))
    )


def cross_cutting_objectives(framework: Framework) -> QuerySet[Objective]:
    return Objective.objects.filter(framework=framework, thematic_area__isnull=True)
