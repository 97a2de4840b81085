"""Known vulnerabilities in the installed dependencies, by pip-audit: fails when any is found.

Packages the vulnerability service does not answer for are listed, not failed: the development
and CI machines reach only a partial mirror of the package index, where every package is "not
found", and a red CI there would say nothing. `--strict` fails on them too (run it where the
service answers)."""

import json
import subprocess
import sys
from pathlib import Path

PIP_AUDIT = Path(sys.executable).with_name("pip-audit")


def verdict(dependencies: list[dict], *, strict: bool) -> tuple[list[str], int]:
    """What to print about pip-audit's JSON `dependencies`, and the exit status."""
    vulnerable = [dependency for dependency in dependencies if dependency.get("vulns")]
    unaudited = [dependency["name"] for dependency in dependencies if "skip_reason" in dependency]
    lines = [
        f"VULNERABLE {dependency['name']} {dependency['version']}: {vulnerability['id']} "
        f"(fixed in {', '.join(vulnerability['fix_versions']) or 'no release yet'})"
        for dependency in vulnerable
        for vulnerability in dependency["vulns"]
    ]
    audited = len(dependencies) - len(unaudited)
    lines.append(
        f"pip-audit: {audited} of {len(dependencies)} packages audited, "
        f"{len(vulnerable)} with known vulnerabilities."
    )
    if unaudited:
        lines.append(f"NOT AUDITED (no answer from the service): {', '.join(unaudited)}")
    return lines, 1 if vulnerable or (strict and unaudited) else 0


def main(argv: list[str]) -> int:
    report = subprocess.run(
        [str(PIP_AUDIT), "--vulnerability-service", "pypi", "--skip-editable",
         "--progress-spinner", "off", "--format", "json"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    try:
        dependencies = json.loads(report.stdout)["dependencies"]
    except (json.JSONDecodeError, KeyError):
        print(f"pip-audit gave no report:\n{report.stderr}", file=sys.stderr)
        return 2
    lines, status = verdict(dependencies, strict="--strict" in argv)
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
