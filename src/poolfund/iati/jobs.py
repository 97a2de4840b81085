"""Background jobs of the IATI import."""

from poolfund.iati.models import ExternalActivity
from poolfund.iati.signals import activities_written
from poolfund.jobs import job

CHUNK = 500


@job("iati.activities-written")
def announce_activities_written(*, import_id: int) -> dict:
    """Tell derived indexes (the knowledge index) of the activities an import created or
    changed, a chunk at a time, after the import committed: indexing them inside the import
    held every activity of the file in memory and loaded the sentence model mid-import."""
    pks = list(
        ExternalActivity.objects.filter(last_import_id=import_id)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(pks), CHUNK):
        activities_written.send(ExternalActivity, pks=pks[start : start + CHUNK])
    return {"activities": len(pks)}
