"""The extension point for what a kind of report holds.

The calendar and its workflow (due → submitted → returned → accepted) are the same for every
report; what a report holds is not: a progress report has a narrative and indicator values
(`poolfund.results`), a financial report expenditure by UNDG category. The app that owns a
kind's content registers a `ReportContent` for it in its own `report_contents.py` (discovered at
start-up); the workflow services call it:

- `check_submittable(report)` before a report is submitted: raise a `DomainError` naming what
  is missing or wrong (e.g. expenditure above the transfers received);
- `accepted(report, actor)` inside the acceptance's transaction: make the content count (the
  accepted values feed the roll-ups) and freeze it;
- `revision_started(report, actor, reason)` when an accepted report is opened again: start a
  new revision of the content (the accepted one keeps counting until the new one is accepted);
- `panel(request, report, bound)`: the HTML the report's page shows for the content (the entry
  form for those who may enter it, the values for the others; `bound`, a form just posted
  that failed, shown in its place with its errors when it is the panel's own).

A kind nobody registered has no content: it is submitted as its attachments alone.
"""

from collections.abc import Callable
from dataclasses import dataclass

from poolfund.reporting.choices import ReportKind


def _nothing(*args, **kwargs) -> None:
    return None


@dataclass(frozen=True)
class ReportContent:
    kinds: frozenset[ReportKind]
    check_submittable: Callable = _nothing
    accepted: Callable = _nothing
    revision_started: Callable = _nothing
    panel: Callable = _nothing


CONTENTS: dict[str, ReportContent] = {}


def register_content(content: ReportContent) -> ReportContent:
    for kind in content.kinds:
        if kind in CONTENTS:
            raise ValueError(f"The content of {kind!r} reports is registered twice.")
        CONTENTS[kind] = content
    return content


def content_of(kind: str) -> ReportContent | None:
    return CONTENTS.get(kind)
