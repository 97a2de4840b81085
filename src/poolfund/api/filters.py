"""The filter backends every API list gets from the settings.

Some lists are built by selectors as plain Python lists (rows with computed totals), not
querysets: the backends leave those as they are, and the schema only asks a view for its model
when the view declares filters.
"""

from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from rest_framework import filters


class QuerySetsOnly:
    """Leaves a list that is not a QuerySet as it is."""

    def filter_queryset(self, request, queryset, view):
        if not isinstance(queryset, QuerySet):
            return queryset
        return super().filter_queryset(request, queryset, view)


class FilterSetBackend(QuerySetsOnly, DjangoFilterBackend):
    """django-filter, for views that declare a `filterset_class` or `filterset_fields`."""


class SearchFilter(QuerySetsOnly, filters.SearchFilter):
    """`?q=` over the view's `search_fields`."""


class OrderingFilter(QuerySetsOnly, filters.OrderingFilter):
    """`?ordering=field` or `-field`, among the view's `ordering_fields`."""


class DeclaredFilterSetExtension(DjangoFilterExtension):
    """Documents a view's filters without running its queryset when it declares none."""

    target_class = "poolfund.api.filters.FilterSetBackend"
    priority = 1

    def get_schema_operation_parameters(self, auto_schema, *args, **kwargs):
        view = auto_schema.view
        if not (getattr(view, "filterset_class", None) or getattr(view, "filterset_fields", None)):
            return []
        return super().get_schema_operation_parameters(auto_schema, *args, **kwargs)
