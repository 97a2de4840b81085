from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from poolfund.web.navigation import menu_for
from poolfund.web.selectors import data_as_of


def site(request: HttpRequest) -> dict:
    return {
        "data_as_of": SimpleLazyObject(data_as_of),
        "menus": SimpleLazyObject(lambda: menu_for(request.user, request.path)),
    }
