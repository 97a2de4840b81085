from poolfund.imports.services import run_upload
from poolfund.jobs import job


@job("imports.run")
def run_spreadsheet_import(*, upload_id: int, dry_run: bool) -> dict:
    """Preview (`dry_run`) or import an uploaded spreadsheet; its report is kept on it."""
    return run_upload(upload_id=upload_id, dry_run=dry_run)
