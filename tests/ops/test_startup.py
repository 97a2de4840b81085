"""Commands start fast: the heavy libraries (spreadsheets, charts, the solver, the sentence
model, PDF) load when a command uses them, not when the CLI starts or the URLs are loaded
(`poolfund check` loads every view)."""

import subprocess
import sys

import pytest

HEAVY = ("openpyxl", "numpy", "altair", "vl_convert", "highspy", "wordllama", "weasyprint")
LOADED = """
import sys
{prepare}
print("loaded:" + ",".join(
    name for name in {heavy!r}
    if name in sys.modules and type(sys.modules[name]).__name__ != "_LazyModule"
))
"""
PREPARE = {
    "the CLI's help": (
        "from poolfund.cli import main\nsys.argv = ['poolfund', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    ),
    "every URL": (
        "import os, django\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'poolfund.settings')"
        "\nos.environ.setdefault('DEBUG', '1')\ndjango.setup()\n"
        "from django.urls import get_resolver\nget_resolver().url_patterns"
    ),
}


@pytest.mark.parametrize("what", PREPARE)
def test_no_heavy_library_loads_before_it_is_used(what):
    script = LOADED.format(prepare=PREPARE[what], heavy=HEAVY)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.splitlines()[-1] == "loaded:", f"{what} loads {done.stdout[-200:]}"
