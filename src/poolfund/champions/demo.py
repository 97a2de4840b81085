"""Loading the initiative's demo data (package data, copied from the two source documents).

Repeatable: records are matched on their natural keys and brought back to the file's content.
"""

import json
from datetime import date
from importlib import resources

from django.db import transaction

from poolfund.champions.models import (
    ChampionMembership,
    CoChairTerm,
    Forum,
    ForumDocument,
    ForumParticipant,
    KeyMessage,
)
from poolfund.geo.models import Country


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _load_forum(data: dict, countries: dict[str, Country]) -> Forum:
    forum, _ = Forum.objects.update_or_create(
        slug=data["slug"],
        defaults={
            "name": data["name"],
            "year": data["year"],
            "starts_on": _day(data.get("starts_on")),
            "ends_on": _day(data.get("ends_on")),
            "host_country": countries.get(data.get("host_country", "")),
            "objectives": data["objectives"],
            "outcomes": data["outcomes"],
        },
    )
    forum.participants.all().delete()
    ForumParticipant.objects.bulk_create(
        ForumParticipant(
            forum=forum,
            kind=participant["kind"],
            country=countries.get(participant.get("country", "")),
            name=participant.get("name", ""),
        )
        for participant in data["participants"]
    )
    forum.documents.filter(file="").delete()
    for document in data["documents"]:
        ForumDocument.objects.create(
            forum=forum, title=document["title"], url=document.get("url", "")
        )
    forum.key_messages.all().delete()
    for position, message in enumerate(data["key_messages"], start=1):
        parent = KeyMessage.objects.create(forum=forum, position=position, text=message["text"])
        KeyMessage.objects.bulk_create(
            KeyMessage(forum=forum, parent=parent, position=sub_position, text=text)
            for sub_position, text in enumerate(message["sub_points"], start=1)
        )
    return forum


@transaction.atomic
def load_champions_demo() -> dict[str, int]:
    data = json.loads(
        (resources.files("poolfund.champions") / "data" / "champions_americas.json").read_text(
            encoding="utf-8"
        )
    )
    countries = {country.iso3: country for country in Country.objects.all()}
    for membership in data["memberships"]:
        ChampionMembership.objects.update_or_create(
            country=countries[membership["country"]],
            starts_on=_day(membership["starts_on"]),
            defaults={"ends_on": _day(membership.get("ends_on")), "source": membership["source"]},
        )
    for term in data["co_chair_terms"]:
        CoChairTerm.objects.update_or_create(
            country=countries[term["country"]],
            starts_on=_day(term["starts_on"]),
            defaults={"ends_on": _day(term["ends_on"])},
        )
    forums = [_load_forum(forum, countries) for forum in data["forums"]]
    return {
        "memberships": len(data["memberships"]),
        "co_chair_terms": len(data["co_chair_terms"]),
        "forums": len(forums),
    }
