"""The official IATI codelists the app uses, shipped as package data with their version.

`codelist("Sector").name("15190")` looks a code up; `"15190" in codelist("Sector")` checks it.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

CODELIST_DIR = Path(__file__).resolve().parent / "data" / "codelists"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Codelist:
    name: str
    embedded: bool
    version: str
    names: dict[str, str]

    def __contains__(self, code: object) -> bool:
        return code in self.names

    def __iter__(self):
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)

    def name_of(self, code: str) -> str:
        """The English name of `code`, or "" when the code is not in the list."""
        return self.names.get(code, "")

    def code_named(self, name: str) -> str | None:
        """The code whose English name is `name` (case-insensitive), if any."""
        wanted = name.strip().casefold()
        return next((code for code, text in self.names.items() if text.casefold() == wanted), None)


@cache
def source() -> dict:
    """Where the shipped codelists come from: repositories and commits."""
    return json.loads((CODELIST_DIR / "SOURCE.json").read_text())


def _english_name(item: etree._Element) -> str:
    for narrative in item.iterfind("name/narrative"):
        if narrative.get(XML_LANG, "en") == "en":
            return (narrative.text or "").strip()
    return ""


@cache
def codelist(name: str) -> Codelist:
    path = CODELIST_DIR / f"{name}.xml"
    if not path.is_file():
        raise LookupError(f"The IATI codelist {name!r} is not shipped with PoolFund.")
    root = etree.parse(str(path)).getroot()
    embedded = root.get("embedded") == "1"
    origin = source()["embedded" if embedded else "non_embedded"]
    names = {
        item.findtext("code").strip(): _english_name(item)
        for item in root.iterfind("codelist-items/codelist-item")
    }
    return Codelist(
        name=name,
        embedded=embedded,
        version=f"{source()['standard_version']} ({origin['repository']}@{origin['commit']})",
        names=names,
    )


def shipped_codelists() -> list[str]:
    return sorted(path.stem for path in CODELIST_DIR.glob("*.xml"))


def code(list_name: str, name: str) -> str:
    """The code the official codelist gives `name` (a KeyError if the list has no such name)."""
    found = codelist(list_name).code_named(name)
    if found is None:
        raise KeyError(f"{name!r} is not in the IATI codelist {list_name}")
    return found
