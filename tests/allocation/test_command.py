import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from poolfund.allocation.engine import solve_round


def test_allocate_reads_a_round_file_and_writes_the_proposal(small_round, tmp_path, capsys):
    round_file, result_file = tmp_path / "round.json", tmp_path / "result.json"
    round_file.write_text(json.dumps(small_round))
    call_command("allocate", "--input", str(round_file), "--output", str(result_file))
    written = json.loads(result_file.read_text())
    assert written == json.loads(json.dumps(solve_round(small_round)))
    assert "optimal: 3 notes selected, 140.00 of 140.00 allocated" in capsys.readouterr().out


def test_allocate_reports_invalid_rounds_without_a_traceback(small_round, tmp_path):
    small_round["notes"][0]["requested"] = "-5"
    round_file = tmp_path / "round.json"
    round_file.write_text(json.dumps(small_round))
    with pytest.raises(CommandError, match="notes/0/requested"):
        call_command("allocate", "--input", str(round_file), "--output", str(tmp_path / "out"))


def test_allocate_reports_a_file_that_is_not_json(tmp_path):
    round_file = tmp_path / "round.json"
    round_file.write_text("pools: []")
    with pytest.raises(CommandError, match="is not valid JSON"):
        call_command("allocate", "--input", str(round_file), "--output", str(tmp_path / "out"))


def test_allocate_writes_nothing_but_the_json_to_stdout(small_round, tmp_path):
    """HiGHS prints its banner to stdout (the process's, below Python) unless silenced before
    the first model: run the real command in its own process, as a pipe would."""
    round_file = tmp_path / "round.json"
    round_file.write_text(json.dumps(small_round))
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "poolfund.settings",
        "SECRET_KEY": "test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    }
    finished = subprocess.run(
        [sys.executable, "-m", "poolfund", "allocate", "--input", str(round_file), "--output", "-"],
        capture_output=True,
        text=True,
        env=environment,
        check=True,
        timeout=120,
    )
    assert json.loads(finished.stdout) == json.loads(json.dumps(solve_round(small_round)))
    assert "HiGHS" not in finished.stdout + finished.stderr
    assert "optimal: 3 notes selected" in finished.stderr
