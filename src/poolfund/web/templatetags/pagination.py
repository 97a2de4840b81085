"""`{% pagination page query %}`: the design system's pagination for a Django page, keeping the
list's other query parameters (`query`, already URL-encoded, without `page`)."""

from django import template
from django.core.paginator import Page

register = template.Library()


@register.inclusion_tag("web/pagination.html")
def pagination(page: Page, query: str = "") -> dict:
    prefix = f"?{query}&page=" if query else "?page="
    return {
        "page": page,
        "prefix": prefix,
        "numbers": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "ellipsis": page.paginator.ELLIPSIS,
    }
