"""No binary floating point anywhere in the money code: an AST scan of the apps."""

import ast
from pathlib import Path

import pytest

import poolfund

MONEY_APPS = ["ledger", "donors", "programmes"]
FILES = sorted(
    path
    for app in MONEY_APPS
    for path in (Path(poolfund.__file__).parent / app).rglob("*.py")
    if "migrations" not in path.parts
)


def is_float(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, float)
    if isinstance(node, ast.Name):
        return node.id == "float"
    return isinstance(node, ast.Attribute) and node.attr in {"FloatField", "float"}


def float_uses(source: str) -> list[int]:
    return [node.lineno for node in ast.walk(ast.parse(source)) if is_float(node)]


def test_the_scan_finds_floats():
    assert float_uses("x = 1.5\ny = float('2')\nz = models.FloatField()") == [1, 2, 3]


@pytest.mark.parametrize("path", FILES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_money_code_uses_no_float(path):
    assert float_uses(path.read_text()) == []
