"""Figures computed from many records (portfolio totals, donor sums), kept in the shared cache
per version of the data (`poolfund.audit.selectors.data_version`), so they are computed once
after each change by whichever server process asks first, and never served stale."""

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import NamedTuple, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from poolfund.audit.selectors import data_version

T = TypeVar("T")
FIGURES_SECONDS = 24 * 3600
COMPUTING_SECONDS = 30
"""How long a page being computed by one process is assumed to be on its way."""


def figures_of_this_data(name: str, compute: Callable[[], T], *parts: object) -> T:
    """`compute()`, or its result as computed for the same `name`, `parts` and data."""
    key = ":".join(["figures", name, *map(str, parts), str(data_version())])
    figures = cache.get(key)
    if figures is None:
        figures = compute()
        cache.set(key, figures, FIGURES_SECONDS)
    return figures


VISITOR_COOKIES = frozenset({settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME})
"""Cookies a visitor may carry and still be served a shared page: the language is part of the
key, and a shared page never holds a CSRF token, so the token's cookie does not change it."""


def is_plain_visit(request: HttpRequest) -> bool:
    """A GET from someone not signed in, with no session, message or token that could change
    the page."""
    return (
        request.method == "GET"
        and set(request.COOKIES) <= VISITOR_COOKIES
        and "Authorization" not in request.headers
        and not request.user.is_authenticated
    )


class StoredPage(NamedTuple):
    """A page as sent for one version of the data: its headers and body. Reading it back is a
    fraction of the cost of unpickling the response object (an API response holds its data as
    Python objects too)."""

    data_version: int
    headers: list[tuple[str, str]]
    content: bytes


def stored_page_response(page: StoredPage) -> HttpResponse:
    response = HttpResponse(page.content)
    for name, value in page.headers:
        response[name] = value
    return response


def cache_public_page(view: Callable) -> Callable:
    """Serve a public page to visitors from the shared cache while the data is unchanged.

    Only plain visits are cached, and only answers 200 that set no cookie and hold no CSRF
    token (a page holding one is never shared: visitors' pages have none since the language
    switch is a GET form). The key holds the path and query, the active language, the htmx
    and Accept headers (partials and CSV differ), today's date (pages default to today) and
    the data version, so a change shows as soon as the page is computed again.

    After a change, one process computes the page; visitors who ask while it does are given
    the page as it was before the change rather than each computing it too (the dashboard at
    10,000 programmes takes half a second, and 50 visitors would all pay it)."""

    @wraps(view)
    def cached(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_plain_visit(request):
            return view(request, *args, **kwargs)
        variant = "\n".join(
            [
                request.get_full_path(),
                get_language() or "",
                request.headers.get("HX-Request", ""),
                request.headers.get("Accept", ""),
                timezone.localdate().isoformat(),
            ]
        )
        # Hashed whole: a browser's Accept header alone can pass the cache table's 255
        # characters, and a key that long is refused without a word by PostgreSQL.
        key = f"visitor-page:{hashlib.sha256(variant.encode()).hexdigest()}"
        version = data_version()
        page = cache.get(key)
        if page is not None and page.data_version == version:
            return stored_page_response(page)
        computing = f"{key}:{version}:computing"
        claimed = page is not None and cache.add(computing, True, COMPUTING_SECONDS)
        if page is not None and not claimed:
            return stored_page_response(page)  # as before the change, while it is computed
        try:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            shareable = not response.cookies and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            if response.status_code == 200 and shareable and not response.streaming:
                stored = StoredPage(version, list(response.items()), response.content)
                cache.set(key, stored, FIGURES_SECONDS)
        finally:
            if claimed:
                cache.delete(computing)
        return response

    return cached
