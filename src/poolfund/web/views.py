from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from poolfund.framework.selectors import (
    cross_cutting_objectives,
    default_framework,
    thematic_areas_with_objectives,
)


def home(request: HttpRequest) -> HttpResponse:
    framework = default_framework()
    context = {"framework": framework, "thematic_areas": [], "cross_cutting": []}
    if framework is not None:
        context["thematic_areas"] = thematic_areas_with_objectives(framework)
        context["cross_cutting"] = cross_cutting_objectives(framework)
    return render(request, "web/home.html", context)
