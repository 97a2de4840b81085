"""Progress reports' content: the calendar's narrative reports hold a narrative and indicator
values (`poolfund.reporting.contents`)."""

from poolfund.reporting.choices import NARRATIVE_KINDS
from poolfund.reporting.contents import ReportContent, register_content
from poolfund.results.services import (
    accept_progress,
    check_progress_submittable,
    open_progress_revision,
)
from poolfund.results.views import progress_panel

register_content(
    ReportContent(
        kinds=NARRATIVE_KINDS,
        check_submittable=check_progress_submittable,
        accepted=accept_progress,
        revision_started=open_progress_revision,
        panel=progress_panel,
    )
)
