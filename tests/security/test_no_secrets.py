"""No secret is committed: every tracked file is searched for things that look like keys,
tokens and passwords. The few placeholder values the code knowingly holds are listed."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

LIKELY_SECRETS = {
    "private key": re.compile(r"-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----"),
    "AWS access key": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"),
    "Slack token": re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}"),
    "password in a URL": re.compile(r"\b[a-z][a-z0-9+.-]*://[^/\s:@'\"]+:[^/\s@'\"$]{3,}@"),
    "assigned secret": re.compile(
        r"""(?i)\b(?:secret_key|password|passwd|api_key|token|secret)\s*[:=]\s*["']([^"'\s]{12,})["']"""
    ),
}
# Placeholders that are not secrets, each with the reason it may stay.
KNOWN_PLACEHOLDERS = {
    "insecure-development-key-never-use-in-production",  # DEBUG-only default in settings
    "test-suite-secret-key-not-for-production",  # tests/settings.py
    "correct horse battery staple",  # the test factories' password
    "a long enough passphrase",  # passwords typed in tests
}


def findings(text: str) -> list[str]:
    found = []
    for kind, pattern in LIKELY_SECRETS.items():
        for match in pattern.finditer(text):
            value = match.group(match.lastindex or 0)
            if value not in KNOWN_PLACEHOLDERS:
                found.append(f"{kind}: {match.group(0)[:60]}")
    return found


def tracked_files() -> list[Path]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: no list of tracked files to search")
    listing = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    return [ROOT / name for name in listing.split("\0") if name]


def test_no_tracked_file_holds_a_likely_secret():
    problems = []
    for path in tracked_files():
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        if path.name == Path(__file__).name:
            continue  # this file spells the patterns and placeholders out
        problems += [f"{path.relative_to(ROOT)}: {found}" for found in findings(text)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "leak",
    [
        "-----BEGIN RSA PRIVATE KEY-----",
        "aws_key = AKIAIOSFODNN7EXAMPLE",
        'SECRET_KEY = "k3y-7hat-was-n3ver-meant-to-be-here"',
        "DATABASE_URL=postgres://poolfund:hunter2hunter2@db.example.org/poolfund",
        "token: ghp_" + "a" * 36,
    ],
)
def test_the_search_recognises_a_leaked_secret(leak):
    assert findings(leak)


def test_placeholders_and_environment_lookups_are_not_secrets():
    assert not findings('SECRET_KEY = os.environ.get("SECRET_KEY", "")')
    assert not findings('SECRET_KEY = "insecure-development-key-never-use-in-production"')
    assert not findings("DATABASE_URL=postgres://postgres@127.0.0.1:5432/poolfund_test")
