from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.http import require_GET

from poolfund.framework.selectors import (
    cross_cutting_objectives,
    default_framework,
    thematic_areas_with_objectives,
)
from poolfund.inbox.views import my_work
from poolfund.web.data_cache import cache_public_page


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 400 page, with the reason and the site's navigation (Django's own renders
    without the request)."""
    return render(request, "400.html", {"exception": str(exception)}, status=400)


def home(request: HttpRequest) -> HttpResponse:
    """What waits on a signed-in person (`/me/`); for visitors, the framework, cached."""
    if request.user.is_authenticated:
        return my_work(request)
    return framework_overview(request)


@cache_public_page
def framework_overview(request: HttpRequest) -> HttpResponse:
    framework = default_framework()
    context = {"framework": framework, "thematic_areas": [], "cross_cutting": []}
    if framework is not None:
        context["thematic_areas"] = thematic_areas_with_objectives(framework)
        context["cross_cutting"] = cross_cutting_objectives(framework)
    return render(request, "web/home.html", context)


@require_GET
def switch_language(request: HttpRequest) -> HttpResponse:
    """Remember the chosen language in its cookie and go back to `next`.

    A GET without a CSRF token, unlike Django's `set_language`: the choice changes nothing but
    how pages are shown, and a form without a token keeps visitors' pages free of one, so they
    can be shared from the cache (docs/decisions/0005-token-free-language-switch.md)."""
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    language = request.GET.get("language", "")
    if check_for_language(language) and language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response
