"""Every `poolfund` command the README shows works as written right after `make run`.

The commands run in a fresh directory (its own `var/`, as a clone has), in a subprocess, with
none of the variables a person would have to set: no SECRET_KEY, DEBUG, DATABASE_URL or
DJANGO_SETTINGS_MODULE. The files a command names (rates.csv, round.json, donors.xlsx, an
IATI file) are put there first, as the person running it would have them.
"""

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.allocation.conftest import SMALL_ROUND
from tests.imports.helpers import xlsx_bytes

REPOSITORY = Path(__file__).resolve().parent.parent
README = REPOSITORY / "README.md"
POOLFUND = ".venv/bin/poolfund"
SET_BY_THE_PERSON = ("SECRET_KEY", "DEBUG", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")

# Words in the README that stand for what the reader fills in, and what this test fills in.
PLACEHOLDERS = {
    "FILE_OR_DIR…": str(REPOSITORY / "tests/iati/fixtures/valid.xml"),
    "[USERNAME]": "ana",
    "TOKEN_ID": "{token_id}",
}
# Commands given here another way, and why.
RUN_SMALLER = {
    # The README's scale (10,000 programmes) takes many minutes; the same command, smaller.
    "--programmes 10000 --donors 500 --years 10": "--programmes 5 --donors 3 --years 2",
}
PASSWORD_TWICE = "a-long-password-for-the-readme\n" * 2


def readme_commands() -> list[str]:
    """The `.venv/bin/poolfund …` lines of the README's shell blocks, comments dropped."""
    blocks = re.findall(r"^```sh\n(.*?)^```", README.read_text(), flags=re.MULTILINE | re.DOTALL)
    lines = "\n".join(blocks).replace("\\\n", " ").splitlines()
    commands = [shlex.split(line, comments=True) for line in lines]
    return [shlex.join(words) for words in commands if words and words[0] == POOLFUND]


def filled_in(command: str) -> str:
    for written, used in {**PLACEHOLDERS, **RUN_SMALLER}.items():
        command = command.replace(written, used)
    return command


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A directory as `make run` leaves a fresh clone: migrated, demo data loaded."""
    directory = tmp_path_factory.mktemp("clone")
    (directory / ".venv").symlink_to(Path(sys.prefix))
    (directory / "rates.csv").write_text("currency,date,units_per_usd\nEUR,2024-06-28,0.93\n")
    (directory / "round.json").write_text(json.dumps(SMALL_ROUND))
    donors = [["name", "donor_type"], ["A new donor of the README", "other"]]
    (directory / "donors.xlsx").write_bytes(xlsx_bytes(donors, title="donors"))
    for step in ("migrate --noinput", "load-demo"):
        run(f"{POOLFUND} {step}", directory, DEBUG="1")
    return directory


def run(command: str, directory: Path, **extra: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in SET_BY_THE_PERSON}
    environment = {
        k: v for k, v in environment.items() if not k.startswith(("POOLFUND_", "DJANGO_"))
    }
    return subprocess.run(
        command,
        shell=True,
        cwd=directory,
        env={**environment, **extra},
        input=PASSWORD_TWICE,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_the_readme_shows_the_commands_this_test_runs():
    commands = readme_commands()
    assert len(commands) >= 25
    assert any("brief --region" in command for command in commands)
    assert any("export iati-activities" in command for command in commands)


@pytest.mark.slow
def test_every_readme_command_works_as_written_without_setting_anything(clone):
    failures, token_id = [], ""
    for command in readme_commands():
        finished = run(filled_in(command).format(token_id=token_id), clone)
        if finished.returncode != 0:
            failures.append(f"$ {command}\n{finished.stderr[-2000:]}")
        if "api-token list" in command:
            token_id = re.search(r"^\s*(\d+)\b", finished.stdout, flags=re.MULTILINE).group(1)
    assert not failures, "\n\n".join(failures)
    assert (clone / "brief.pdf").read_bytes().startswith(b"%PDF")
    assert "<iati-activities" in (clone / "activities.xml").read_text()


@pytest.mark.slow  # its `clone` is a fresh `make run`, over 2 minutes
def test_the_command_line_uses_the_key_make_serve_keeps_in_var(clone):
    key = (clone / "var/secret-key").read_text().strip()
    finished = run(
        f"{POOLFUND} shell -c 'from django.conf import settings; print(settings.SECRET_KEY)'", clone
    )
    assert finished.stdout.strip().splitlines()[-1] == key
    assert len(key) >= 50
