from pathlib import Path

from django.utils.translation import gettext

from poolfund.errors import DomainError


class IatiFileRefused(DomainError):
    """A file that is not well-formed XML or not an IATI activities document: nothing is kept."""

    code = "iati_file_refused"

    def __init__(self, path: Path | str, line: int | None, reason: str) -> None:
        self.path, self.line, self.reason = str(path), line, reason
        where = gettext("%(path)s, line %(line)s") % {"path": path, "line": line} if line else path
        super().__init__(f"{where}: {reason}")
