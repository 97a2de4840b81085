"""Figures computed from many records (portfolio totals, donor sums), kept in the shared cache
per version of the data (`poolfund.audit.selectors.data_version`), so they are computed once
after each change by whichever server process asks first, and never served stale."""

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

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
