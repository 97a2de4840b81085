"""`.ci/audit_dependencies.py`: CI fails on a known vulnerability, and says what it could not
audit."""

import runpy
from pathlib import Path

AUDIT = runpy.run_path(str(Path(__file__).resolve().parents[1] / ".ci" / "audit_dependencies.py"))
verdict = AUDIT["verdict"]

CLEAN = {"name": "django", "version": "5.2.8", "vulns": []}
VULNERABLE = {
    "name": "jinja2",
    "version": "3.1.2",
    "vulns": [{"id": "GHSA-h5c8-rqwp-cp95", "fix_versions": ["3.1.3"]}],
}
UNANSWERED = {"name": "altair", "skip_reason": "Dependency not found on PyPI"}


def test_a_known_vulnerability_fails_the_audit_and_names_its_fix():
    lines, status = verdict([CLEAN, VULNERABLE], strict=False)
    assert status == 1
    assert "VULNERABLE jinja2 3.1.2: GHSA-h5c8-rqwp-cp95 (fixed in 3.1.3)" in lines


def test_packages_the_service_did_not_answer_for_are_listed_and_fail_only_when_strict():
    lines, status = verdict([CLEAN, UNANSWERED], strict=False)
    assert status == 0
    assert lines[-2] == "pip-audit: 1 of 2 packages audited, 0 with known vulnerabilities."
    assert "altair" in lines[-1]
    assert verdict([CLEAN, UNANSWERED], strict=True)[1] == 1
