from rest_framework.pagination import LimitOffsetPagination


class StandardPagination(LimitOffsetPagination):
    """`?limit=&offset=`, answering `count`, `next`, `previous` and `results`."""

    default_limit = 100
    max_limit = 1000
