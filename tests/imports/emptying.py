"""Emptying the Fund's records inside a test (rolled back with it), for the round trip."""

from django.db import connection
from django.db.models import Model, Q


def _dependents(model: type[Model]):
    """(model, filter) of the rows that refer to rows of `model`."""
    for field in model._meta.get_fields(include_hidden=True):
        if field.auto_created and not field.concrete:
            if field.many_to_many:
                yield field.through, Q()
            elif field.one_to_many or field.one_to_one:
                yield field.related_model, Q(**{f"{field.field.name}__isnull": False})
    for field in model._meta.many_to_many:
        yield field.remote_field.through, Q()


def empty(*models: type[Model]) -> None:
    """Delete every row of the models and the rows that refer to them, dependents first, with
    plain DELETE statements (the ledger's own models refuse deletion, rightly)."""
    order: list[tuple[type[Model], Q]] = []

    def visit(model: type[Model], rows: Q, path: tuple) -> None:
        if model in path:
            return
        for dependent, refers in _dependents(model):
            if dependent is not model:
                visit(dependent, refers, (*path, model))
        order.append((model, rows))

    for model in models:
        visit(model, Q(), ())
    for model, rows in order:
        model._base_manager.filter(rows)._raw_delete(connection.alias)
