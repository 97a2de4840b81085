"""Every refusal any app raises reads in the language of the request: no DomainError (nor a
form's Refusal) is given an English literal, an f-string or a literal glued to values; its
message and the messages of its `fields` come from gettext."""

import ast
import importlib
import re
from pathlib import Path

import pytest

import poolfund
from poolfund.errors import DomainError
from poolfund.web.forms import Refusal

PACKAGE = Path(poolfund.__file__).parent
# ops is the operator's backup and restore, on the command line only, in English as Django's
# own management commands are.
APPS = tuple(
    path.name
    for path in sorted(PACKAGE.iterdir())
    if (path / "__init__.py").exists() and path.name != "ops"
)
WORDS = re.compile(r"[^\W\d_]")  # "≤ 0" is no sentence to translate; "Required." is


def modules():
    for app in APPS:
        for path in sorted((PACKAGE / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def resolved(module, node: ast.expr):
    """What a called name (`Conflict`, `errors.Conflict`) is in the module, or None."""
    if isinstance(node, ast.Name):
        return vars(module).get(node.id)
    if isinstance(node, ast.Attribute):
        owner = resolved(module, node.value)
        return getattr(owner, node.attr, None)
    return None


def untranslated(node: ast.expr) -> bool:
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(WORDS.search(node.value))
    if isinstance(node, ast.BinOp):  # "…" + x, "…" % x
        return untranslated(node.left) or untranslated(node.right)
    return False


def messages_of(call: ast.Call) -> list[ast.expr]:
    given = [*call.args, *(keyword.value for keyword in call.keywords if keyword.arg != "fields")]
    for keyword in call.keywords:
        if keyword.arg == "fields" and isinstance(keyword.value, ast.Dict):
            given += keyword.value.values
    return given


def refusals_with_english(path: Path) -> list[str]:
    name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    module = importlib.import_module(name.removesuffix(".__init__"))
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        called = resolved(module, node.func)
        if not (isinstance(called, type) and issubclass(called, DomainError | Refusal)):
            continue
        if any(untranslated(message) for message in messages_of(node)):
            found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {ast.unparse(node)[:90]}")
    return found


def test_no_domain_error_is_raised_with_an_english_literal():
    english = [site for path in modules() for site in refusals_with_english(path)]
    assert not english, "Give these messages through gettext:\n" + "\n".join(english)


@pytest.mark.parametrize(
    ("source", "english"),
    [
        ('raise Conflict("This token was already revoked.")', True),
        ('raise Conflict(f"{code} is closed.")', True),
        ('raise Conflict("The round is not valid: " + problems)', True),
        ('raise Conflict(gettext("Closed."), fields={"day": "Required."})', True),
        ('raise Conflict(gettext("Closed."), fields={"amount_usd": "≤ 0", "day": ""})', False),
        ('raise Conflict(gettext("%(code)s is closed.") % {"code": code})', False),
        ('raise Conflict(message, fields={"reason": message})', False),
    ],
)
def test_the_check_tells_an_english_literal_from_a_translated_message(source, english):
    call = ast.parse(source).body[0].exc
    assert any(untranslated(message) for message in messages_of(call)) is english
