"""The datasets offered as bulk downloads, registered by the apps that own them.

An app declares its datasets in its own `datasets.py`:

    register_dataset(Dataset(slug="objectives", title=..., description=...,
                             serializer_class=ObjectiveSerializer, queryset=objectives_query))

The same serializer shapes the API, the CSV and XLSX files, and the data dictionary.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers

from poolfund.api.tabular import flatten, safe_cell

CHUNK_SIZE = 2000

FIELD_TYPES = [
    (serializers.ManyRelatedField, "list of codes, separated by '; '"),
    (serializers.ListSerializer, "list, separated by '; '"),
    (serializers.ListField, "list, separated by '; '"),
    (serializers.BooleanField, "true/false"),
    (serializers.IntegerField, "integer"),
    (serializers.DecimalField, "decimal number"),
    (serializers.DateTimeField, "date-time (ISO 8601)"),
    (serializers.DateField, "date (ISO 8601)"),
    (serializers.JSONField, "JSON"),
]


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    serializer_class: type[serializers.Serializer]
    queryset: Callable[[], QuerySet]

    def columns(self) -> list[Column]:
        """The data dictionary: one entry per column, from the serializer's fields."""
        return [
            Column(
                name=name,
                type=_type_of(field),
                description=str(field.help_text or field.label or name),
            )
            for name, field in self.serializer_class().fields.items()
        ]

    def header(self) -> list[str]:
        return [column.name for column in self.columns()]

    def rows(self) -> Iterator[list[Any]]:
        """The rows of the dataset, formula-safe, read from the database in chunks."""
        names = self.header()
        records = self.queryset().iterator(chunk_size=CHUNK_SIZE)
        while chunk := list(islice(records, CHUNK_SIZE)):
            for item in self.serializer_class(chunk, many=True).data:
                row = flatten(item)
                yield [safe_cell(row.get(name, "")) for name in names]


def _type_of(field: serializers.Field) -> str:
    for field_class, label in FIELD_TYPES:
        if isinstance(field, field_class):
            return label
    return "text"


_datasets: dict[str, Dataset] = {}


def register_dataset(dataset: Dataset) -> Dataset:
    if dataset.slug in _datasets and _datasets[dataset.slug] != dataset:
        raise ValueError(f"Two datasets are registered as {dataset.slug!r}.")
    _datasets[dataset.slug] = dataset
    return dataset


def registered_datasets() -> list[Dataset]:
    return sorted(_datasets.values(), key=lambda dataset: dataset.title)


def dataset_named(slug: str) -> Dataset | None:
    return _datasets.get(slug)
