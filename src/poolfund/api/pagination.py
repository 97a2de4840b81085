from rest_framework.pagination import LimitOffsetPagination

from poolfund.web.query import whole_number_in_query


class StandardPagination(LimitOffsetPagination):
    """`?limit=&offset=`, answering `count`, `next`, `previous` and `results`; a limit or an
    offset that is not a whole number is refused (400)."""

    default_limit = 100
    max_limit = 1000

    def get_limit(self, request) -> int:
        return whole_number_in_query(
            request.query_params,
            self.limit_query_param,
            default=self.default_limit,
            least=1,
            most=self.max_limit,
        )

    def get_offset(self, request) -> int:
        return whole_number_in_query(
            request.query_params, self.offset_query_param, default=0, least=0
        )
