"""Every response carries a strict Content-Security-Policy, a Permissions-Policy and Django's
Referrer-Policy; no template holds what that policy would block."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import poolfund

pytestmark = pytest.mark.django_db

TEMPLATES = sorted(Path(poolfund.__file__).parent.glob("*/templates/**/*.html"))
STYLESHEETS_FOR_DOCUMENTS_ONLY = {"champions/roadmap_document.html"}
"""Rendered to PDF and Word by the server, never served as a page."""


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())


@pytest.mark.parametrize("url", ["/", "/programmes/", "/api/v1/programmes/", "/admin/login/"])
def test_every_response_has_a_strict_content_security_policy(client, url):
    policy = directives(client.get(url))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert "unsafe-inline" not in policy["style-src"] and "unsafe-eval" not in str(policy)
    assert policy["frame-ancestors"] == "'none'"
    assert "report-uri" not in policy


def test_the_policy_reports_violations_where_a_report_uri_is_set():
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['report-uri']))"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "CSP_REPORT_URI": "https://reports.example.org/csp",
    }
    output = subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(output) == "https://reports.example.org/csp"


def test_every_response_has_a_permissions_policy_and_a_referrer_policy(client):
    response = client.get("/")
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"


def test_the_api_documentation_loads_its_start_up_script_from_a_file(client):
    html = client.get("/api/docs/").content.decode()
    assert "<style" not in html
    assert re.findall(r"<script(?![^>]*\ssrc=)", html) == []
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")


INLINE = {
    "an inline event handler": re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE),
    "an hx-on attribute": re.compile(r"\shx-on"),
    "a style attribute": re.compile(r"<[^>]*\sstyle\s*="),
    "an inline script": re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE),
    "a javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.name)
def test_no_template_holds_what_the_policy_blocks(template):
    text = template.read_text(encoding="utf-8")
    found = [what for what, pattern in INLINE.items() if pattern.search(text)]
    name = "/".join(template.parts[template.parts.index("templates") + 1 :])
    if "<style" in text and name not in STYLESHEETS_FOR_DOCUMENTS_ONLY:
        assert name == "reports/brief.html", f"{name}: an inline stylesheet"
    assert not found, f"{name} has {', '.join(found)}"


def test_the_briefs_page_links_its_stylesheet_instead_of_carrying_it_inline(client):
    """Only the standalone brief, opened from disk, carries its stylesheet inline; the page the
    site serves links it, so the policy needs no inline style."""
    html = client.get("/reports/brief/419/").content.decode()
    assert "<style" not in html
    assert "reports/brief.css" in html
    assert directives(client.get("/reports/brief/419/"))["style-src"] == "'self'"
