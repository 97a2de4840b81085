"""Every label and help text of the models reads in Spanish too: a string added to the code
without its translation in the catalogue shows in English on a Spanish page."""

import re
from pathlib import Path

from babel.messages.extract import extract_from_file
from django.apps import apps
from django.utils import translation

import poolfund

# The names of IATI codelists (`OrganisationType`) read the same in both languages.
CODELIST_NAME = re.compile(r"^(?:[A-Z][a-z]+){2,}$")
SAME_IN_BOTH = {"URL"}


def model_texts():
    for model in apps.get_app_configs():
        if not model.name.startswith("poolfund."):
            continue
        for each in model.get_models():
            for field in each._meta.get_fields():
                for text in (getattr(field, "verbose_name", ""), getattr(field, "help_text", "")):
                    if text and not isinstance(text, str):  # a lazy translation
                        yield f"{each.__name__}.{field.name}", text


def test_every_model_label_and_help_text_has_its_spanish():
    untranslated = []
    for where, text in model_texts():
        with translation.override("en"):
            english = str(text)
        with translation.override("es"):
            spanish = str(text)
        if spanish == english and not (english in SAME_IN_BOTH or CODELIST_NAME.match(english)):
            untranslated.append(f"{where}: {english}")
    assert not untranslated, "No Spanish for:\n" + "\n".join(untranslated)


TRANSLATED_SERVICES = (
    "donors/services.py",
    "donors/rates.py",
    "ledger/services.py",
    "ledger/currencies.py",
    "knowledge/services.py",
)
"""Modules whose refusals (`DomainError` messages) are all marked for translation."""


def test_every_refusal_of_the_money_and_knowledge_services_has_its_spanish():
    source = Path(poolfund.__file__).parent
    untranslated = [
        f"{module}:{line}: {message}"
        for module in TRANSLATED_SERVICES
        for line, message, _comments, _context in extract_from_file(
            "python", source / module, keywords={"_": None, "gettext_lazy": None}
        )
        if _spanish(message) == message
    ]
    assert not untranslated, "No Spanish for:\n" + "\n".join(untranslated)


def _spanish(message: str) -> str:
    with translation.override("es"):
        return translation.gettext(message)
