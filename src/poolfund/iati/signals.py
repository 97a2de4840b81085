from django.dispatch import Signal

activities_written = Signal()
"""Sent with `pks`, a few hundred at a time, for the external activities an import created or
changed (bulk writes send no `post_save`), so that derived indexes can follow. It is sent by
the job `iati.activities-written` that each import queues, after the file committed."""
