"""Inserting many rows of one table fast: COPY on PostgreSQL, one `executemany` elsewhere.

An IATI activity becomes a hundred rows or more (a real file lists up to a hundred recipient
countries per activity); building a Django model instance for each of them cost more than
reading the XML. Rows here are plain tuples of Python values (str, int, Decimal, ISO date
strings, None) in the order of `columns`, which the drivers take as they are.

COPY goes through the driver's own cursor, past Django's wrapper: its errors are translated to
Django's here, so a caller catches `DatabaseError` whichever way the rows went in.
"""

from collections.abc import Sequence

from django.db import connection


def insert_rows(table: str, columns: Sequence[str], rows: list[tuple]) -> None:
    if not rows:
        return
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with (
                connection.wrap_database_errors,
                cursor.cursor.copy(
                    f"COPY {connection.ops.quote_name(table)} ({names}) FROM STDIN"
                ) as copy,
            ):
                for row in rows:
                    copy.write_row(row)
            return
        placeholders = ", ".join(["%s"] * len(columns))
        cursor.executemany(
            f"INSERT INTO {connection.ops.quote_name(table)} ({names}) VALUES ({placeholders})",
            rows,
        )
