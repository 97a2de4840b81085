from django.dispatch import Signal

activities_written = Signal()
"""Sent by an import, inside its transaction, with `pks`: the external activities it created
or changed in bulk (bulk writes send no `post_save`), so that derived indexes can follow."""
