"""Exact sums of Decimal columns on every database.

SQLite stores decimals with REAL affinity and its SUM adds binary floats (16.63 + … can come
back as 118.099999999999), so there the values are read one by one (each is exact once Django
converts it) and added as Decimals; PostgreSQL's numeric SUM is exact and runs in the database."""

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db import connections
from django.db.models import QuerySet, Sum


def _in_python(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "sqlite"


def exact_total(queryset: QuerySet, field: str = "amount") -> Decimal:
    if _in_python(queryset):
        return sum(queryset.values_list(field, flat=True), Decimal(0))
    return queryset.aggregate(total=Sum(field))["total"] or Decimal(0)


def exact_totals_by(queryset: QuerySet, *keys: str, field: str = "amount") -> dict[Any, Decimal]:
    """Totals grouped by one key (dict keyed by its value) or several (keyed by tuples)."""
    totals: dict[Any, Decimal] = defaultdict(Decimal)
    if _in_python(queryset):
        rows = queryset.order_by().values_list(*keys, field)
    else:
        rows = (
            queryset.order_by()
            .values_list(*keys)
            .annotate(total=Sum(field))
            .values_list(*keys, "total")
        )
    for *group, amount in rows:
        totals[group[0] if len(group) == 1 else tuple(group)] += amount
    return dict(totals)
