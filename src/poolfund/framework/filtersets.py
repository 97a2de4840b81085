import django_filters

from poolfund.framework.models import Objective


class ObjectiveFilterSet(django_filters.FilterSet):
    thematic_area = django_filters.NumberFilter(
        field_name="thematic_area__number", help_text="Thematic area number, e.g. 2."
    )
    cross_cutting = django_filters.BooleanFilter(
        field_name="thematic_area", lookup_expr="isnull", help_text="In no thematic area."
    )

    class Meta:
        model = Objective
        fields = ["thematic_area", "cross_cutting"]
