"""Figures computed from many records (portfolio totals, donor sums), kept in the shared cache
per version of the data (`poolfund.audit.selectors.data_version`), so they are computed once
after each change by whichever server process asks first, and never served stale."""

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from poolfund.audit.selectors import data_version

T = TypeVar("T")
FIGURES_SECONDS = 24 * 3600


def figures_of_this_data(name: str, compute: Callable[[], T], *parts: object) -> T:
    """`compute()`, or its result as computed for the same `name`, `parts` and data."""
    key = ":".join(["figures", name, *map(str, parts), str(data_version())])
    figures = cache.get(key)
    if figures is None:
        figures = compute()
        cache.set(key, figures, FIGURES_SECONDS)
    return figures


def cache_public_page(view: Callable) -> Callable:
    """Serve a public page to visitors from the shared cache while the data is unchanged.

    Only plain visits are cached: a GET from someone with no cookie (so no session, sign-in or
    message can be in the page) and no Authorization header, answered 200 without a CSRF
    token (a page holding one is never shared; today every HTML page holds one, in the
    language form, so only API reads use this). The key holds the path and query, the active
    language, the htmx and Accept headers (partials and CSV differ) and the data version, so a
    change shows at once."""

    @wraps(view)
    def cached(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if (
            request.method != "GET"
            or request.COOKIES
            or "Authorization" in request.headers
            or request.user.is_authenticated
        ):
            return view(request, *args, **kwargs)
        key = ":".join(
            [
                "page",
                hashlib.sha256(request.get_full_path().encode()).hexdigest(),
                get_language() or "",
                request.headers.get("HX-Request", ""),
                request.headers.get("Accept", ""),
                str(data_version()),
            ]
        )
        page = cache.get(key)
        if page is not None:
            return page
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        shareable = not response.cookies and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        if response.status_code == 200 and shareable and not response.streaming:
            cache.set(key, response, FIGURES_SECONDS)
        return response

    return cached
