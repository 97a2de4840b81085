from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from poolfund.framework.models import Objective
from poolfund.framework.selectors import default_framework


def objective_detail(request: HttpRequest, number: int) -> HttpResponse:
    framework = default_framework()
    if framework is None:
        raise Http404("No framework is loaded.")
    objective = get_object_or_404(
        Objective.objects.select_related("thematic_area"), framework=framework, number=number
    )
    siblings = (
        objective.thematic_area.objectives.exclude(pk=objective.pk)
        if objective.thematic_area
        else Objective.objects.none()
    )
    return render(
        request,
        "framework/objective_detail.html",
        {"framework": framework, "objective": objective, "siblings": siblings},
    )
